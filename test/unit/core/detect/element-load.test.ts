import { describe, expect, it } from 'vitest';
import { explainRequest } from '../../../../src/core/detect/classify-request.ts';
import { isElementLoad } from '../../../../src/core/detect/element-load.ts';
import { parseHarEntry } from '../../../../src/core/detect/har-entry.ts';
import { isMerchantAnswerCandidate } from '../../../../src/core/detect/merchant-answer.ts';
import { mayGiveObservation } from '../../../../src/core/detect/raw-entry.ts';
import { HAR_FIXTURES } from '../../property/connect-values.ts';

const call = HAR_FIXTURES.find((entry) => explainRequest(parseHarEntryOrThrow(entry)).ok)!;

function parseHarEntryOrThrow(raw: unknown) {
  const parsed = parseHarEntry(raw);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

describe('an element\'s or a beacon\'s load', () => {
  it.each(['image', 'script', 'stylesheet', 'font', 'media', 'ping'])('is %s, as Chrome names it', (type) => {
    expect(isElementLoad({ _resourceType: type })).toBe(true);
  });

  it.each([['fetch'], ['xhr'], ['preflight'], ['document'], ['other'], ['Image'], ['image '], [''], [undefined], [null], [42], [['image']]])('is not %j', (type) => {
    expect(isElementLoad({ _resourceType: type })).toBe(false);
  });

  it('is not anything without the field, null included', () => {
    expect(isElementLoad({})).toBe(false);
    expect(isElementLoad(null)).toBe(false);
    expect(isElementLoad('image')).toBe(false);
  });

  it('is never a Client API call, with the reason, though everything else of the entry is one', () => {
    expect(call).toBeDefined();
    for (const type of ['fetch', 'xhr', undefined]) expect(explainRequest(parseHarEntryOrThrow({ ...(call as object), _resourceType: type })).ok).toBe(true);
    const asImage = explainRequest(parseHarEntryOrThrow({ ...(call as object), _resourceType: 'image' }));
    expect(asImage).toEqual({ ok: false, reason: 'loaded by the browser as image: no script sends it' });
    expect(mayGiveObservation({ ...(call as object), _resourceType: 'script' }, undefined)).toBe(false);
    expect(mayGiveObservation({ ...(call as object), _resourceType: 'fetch' }, undefined)).toBe(true);
  });

  it('is never a merchant answer to scan', () => {
    const answer = {
      startedDateTime: '2026-01-15T09:00:00.000Z',
      time: 12,
      request: { method: 'POST', url: 'https://www.shop.example/api/pay', headers: [{ name: 'Referer', value: 'https://www.shop.example/checkout' }] },
      response: { status: 201, headers: [], content: { mimeType: 'application/json', size: 200 } },
    };
    const pages = ['https://www.shop.example/checkout'];
    expect(isMerchantAnswerCandidate(parseHarEntryOrThrow({ ...answer, _resourceType: 'fetch' }), pages)).toBe(true);
    expect(isMerchantAnswerCandidate(parseHarEntryOrThrow({ ...answer, _resourceType: 'stylesheet' }), pages)).toBe(false);
    expect(mayGiveObservation({ ...answer, _resourceType: 'font' }, pages)).toBe(false);
  });
});

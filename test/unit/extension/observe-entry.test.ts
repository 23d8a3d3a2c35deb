import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { observeEntry } from '../../../src/extension/devtools/observe-entry.ts';

const PAY = '000000123410000595980000100001';
const SID = '51d29012e6ce4b81afa6cc7551ef4e36';
const REFUSED =
  '{"errorId":"5f0e5c6e","errors":[{"code":"9008","id":"ACCESS_TO_CONSUMER_ID_NOT_ALLOWED","category":"CONNECT_PLATFORM_ERROR","httpStatusCode":403}]}';

type RawEntry = {
  request: { url: string; headers: { name: string; value: string }[] };
  response: { status: number; content: { size?: number; mimeType: string; text?: string; encoding?: string } };
};

/**
 * A captured entry as `onRequestFinished` hands it over: no `content.text`, the body only through
 * `getContent`, which counts how often it is asked.
 */
function liveEntry(fixture: string, change: (entry: RawEntry, body: { text: string }) => void = () => undefined) {
  const entry = JSON.parse(readFileSync(new URL(`../../fixtures/har/${fixture}.json`, import.meta.url), 'utf8')) as RawEntry;
  const body = { text: entry.response.content.text ?? '' };
  delete entry.response.content.text;
  change(entry, body);
  const reads = { count: 0 };
  const live = Object.assign(entry, {
    getContent(callback: (content: string, encoding: string) => void) {
      reads.count += 1;
      callback(body.text, '');
    },
  });
  return { live, reads };
}

describe('observeEntry: Client API answers', () => {
  it('reads a 403 thirdpartystatus answer, so its 9008 refuses the session', async () => {
    const { live, reads } = liveEntry('thirdpartystatus-403-session-expired');
    const observations = await observeEntry(live, 'https://shop.example/checkout');
    expect(reads.count).toBe(1);
    expect(observations).toMatchObject([
      { kind: 'client-api-call', status: 403, errorCodes: ['9008'], paymentId: PAY },
      { kind: 'payment', paymentId: PAY, source: 'thirdpartystatus-call' },
    ]);
  });

  it('reads the error answer of any other Client API call too', async () => {
    const { live } = liveEntry('v6-products-query', (entry, body) => {
      entry.response.status = 403;
      entry.response.content.size = REFUSED.length;
      body.text = REFUSED;
    });
    expect(await observeEntry(live, undefined)).toMatchObject([{ kind: 'client-api-call', path: 'products', status: 403, errorCodes: ['9008'] }]);
  });

  it('reads the status of a successful thirdpartystatus call', async () => {
    const { live } = liveEntry('v6-thirdpartystatus-completed');
    expect(await observeEntry(live, undefined)).toMatchObject([{ kind: 'client-api-call', thirdPartyStatus: 'COMPLETED' }, { kind: 'payment' }]);
  });

  it.each([
    ['a successful products call', (entry: RawEntry) => void entry],
    [
      'an error answer past 64 KB',
      (entry: RawEntry) => {
        entry.response.status = 500;
        entry.response.content.size = 64 * 1024 + 1;
      },
    ],
    [
      'an error answer of unknown size',
      (entry: RawEntry) => {
        entry.response.status = 500;
        delete entry.response.content.size;
      },
    ],
    [
      'a failed request (status 0)',
      (entry: RawEntry) => {
        entry.response.status = 0;
      },
    ],
  ])('does not read the body of %s', async (_, change) => {
    const { live, reads } = liveEntry('v6-products-query', change);
    const [call] = await observeEntry(live, undefined);
    expect(reads.count).toBe(0);
    expect(call).toMatchObject({ kind: 'client-api-call', clientSessionId: SID });
    expect(call).not.toHaveProperty('errorCodes');
  });

  it('leaves a GCS v1Client request outside the Client API path unread', async () => {
    const { live, reads } = liveEntry('client-authorization-without-client-path', (entry) => {
      entry.response.status = 403;
      entry.response.content.size = 100;
    });
    await observeEntry(live, undefined);
    expect(reads.count).toBe(0);
  });
});

describe('observeEntry: the merchant’s create-payment answer', () => {
  const moved = (url: string, referer?: string) =>
    liveEntry('merchant-create-payment-bancontact', (entry) => {
      entry.request.url = url;
      entry.request.headers = entry.request.headers.filter((h) => !/^(:authority|origin|referer)$/i.test(h.name));
      if (referer) entry.request.headers.push({ name: 'Referer', value: referer });
    });

  it.each([
    ['the page’s own origin', 'https://shop.example/api/checkout/pay', undefined, 'https://shop.example/checkout', true],
    ['another origin of the page’s site', 'https://api.shop.example/payments', undefined, 'https://www.shop.example/checkout', true],
    ['a frame’s own backend, by its Referer', 'https://api.psp.example/create', 'https://frame.psp.example/pay', 'https://shop.example/', true],
    ['another site', 'https://api.other.example/payments', undefined, 'https://shop.example/checkout', false],
  ])('finds it in an answer from %s only when same-site', async (_, url, referer, pageUrl, found) => {
    const { live, reads } = moved(url, referer);
    const observations = await observeEntry(live, pageUrl);
    expect(observations).toEqual(found ? [expect.objectContaining({ kind: 'payment', paymentId: PAY, source: 'create-payment-response', url })] : []);
    expect(reads.count).toBe(found ? 1 : 0);
  });
});

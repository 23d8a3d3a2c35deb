import { describe, expect, it } from 'vitest';
import { CREATED_PAYMENT_BODY_MAX_LENGTH } from '../../../../src/core/detect/find-created-payment.ts';
import type { HarEntry } from '../../../../src/core/detect/har-entry.ts';
import { isMerchantAnswerCandidate, siteOf } from '../../../../src/core/detect/merchant-answer.ts';

describe('siteOf', () => {
  it.each([
    ['https://www.shop.example/checkout', 'https://shop.example'],
    ['https://api.shop.example:8443/payments', 'https://shop.example'],
    ['http://shop.example/', 'http://shop.example'],
    ['https://shop.example./x', 'https://shop.example'],
    ['https://a.b.c.shop.example/', 'https://shop.example'],
    ['https://pay.shop.co.uk/', 'https://shop.co.uk'],
    ['https://www.shop.com.au/', 'https://shop.com.au'],
    ['https://shop.ne.jp/', 'https://shop.ne.jp'],
    ['https://co.uk/', 'https://co.uk'],
    ['https://www.shop.co/', 'https://shop.co'],
    ['https://api.example.com/', 'https://example.com'],
    ['http://127.0.0.1:4010/client', 'http://127.0.0.1'],
    ['http://localhost:3000/', 'http://localhost'],
    ['http://[::1]:4020/', 'http://[::1]'],
    ['https://10.0.0.7/', 'https://10.0.0.7'],
  ])('%s is on %s', (url, site) => {
    expect(siteOf(url)).toBe(site);
  });

  it.each([['not a url'], ['data:application/json,{}'], ['chrome-extension://abc/x'], ['//shop.example/x'], ['']])(
    'gives no site for %j',
    (url) => {
      expect(siteOf(url)).toBeUndefined();
    },
  );

  it('keeps sites of different schemes and different domains under one country suffix apart', () => {
    expect(siteOf('http://shop.example/')).not.toBe(siteOf('https://shop.example/'));
    expect(siteOf('https://a.co.uk/')).not.toBe(siteOf('https://b.co.uk/'));
    expect(siteOf('http://127.0.0.1:4010/')).toBe(siteOf('http://127.0.0.1:4020/'));
  });
});

const entry = (url: string, over: { headers?: Record<string, string>; status?: number; mimeType?: string; size?: number; text?: string } = {}): HarEntry => ({
  startedDateTime: '2025-10-14T09:12:04.117Z',
  time: 80,
  request: { method: 'POST', url, headers: Object.entries(over.headers ?? {}).map(([name, value]) => ({ name, value })) },
  response: {
    status: over.status ?? 200,
    headers: [],
    content: { mimeType: over.mimeType ?? 'application/json; charset=utf-8', size: over.size ?? 900, ...(over.text !== undefined ? { text: over.text } : {}) },
  },
});

describe('isMerchantAnswerCandidate', () => {
  const page = 'https://www.shop.example/checkout';
  const rows: [string, HarEntry, readonly string[], boolean][] = [
    ['a same-origin answer', entry('https://www.shop.example/api/pay'), [page], true],
    ['another origin of the same site', entry('https://api.shop.example/payments'), [page], true],
    ['another port of a loopback host', entry('http://127.0.0.1:4020/api/pay'), ['http://127.0.0.1:4010/'], true],
    ['a cross-site answer', entry('https://api.other.example/payments'), [page], false],
    ['a cross-site answer under a shared country suffix', entry('https://b.co.uk/pay'), ['https://a.co.uk/'], false],
    ['a same-named host on another scheme', entry('http://www.shop.example/api/pay'), [page], false],
    [
      'a frame’s own backend, named by its Referer',
      entry('https://api.psp.example/create', { headers: { Referer: 'https://frame.psp.example/pay?x=1' } }),
      [page],
      true,
    ],
    [
      'a frame’s own backend, named by its Origin',
      entry('https://api.psp.example/create', { headers: { origin: 'https://frame.psp.example' } }),
      [page],
      true,
    ],
    ['a frame asking another site', entry('https://tracker.example/j', { headers: { Referer: 'https://frame.psp.example/' } }), [page], false],
    ['an opaque Origin', entry('https://api.psp.example/create', { headers: { Origin: 'null' } }), [], false],
    ['any of the tab’s pages', entry('https://api.shop.example/payments'), ['https://other.example/', page], true],
    ['no page known and no header', entry('https://api.shop.example/payments'), [], false],
    ['an oversized answer', entry('https://www.shop.example/api/pay', { size: CREATED_PAYMENT_BODY_MAX_LENGTH + 1 }), [page], false],
    ['an answer at the size limit', entry('https://www.shop.example/api/pay', { size: CREATED_PAYMENT_BODY_MAX_LENGTH }), [page], true],
    ['a non-JSON answer', entry('https://www.shop.example/pay', { mimeType: 'text/html' }), [page], false],
    ['a JSON type in capitals', entry('https://www.shop.example/api/pay', { mimeType: 'APPLICATION/JSON' }), [page], true],
    ['a JSON type in mixed case', entry('https://www.shop.example/api/pay', { mimeType: 'application/vnd.api+Json' }), [page], true],
    ['a type with a j but no JSON', entry('https://www.shop.example/a.jpg', { mimeType: 'image/jpeg' }), [page], false],
    ['a 201', entry('https://www.shop.example/api/pay', { status: 201 }), [page], true],
    ['a 302', entry('https://www.shop.example/api/pay', { status: 302 }), [page], false],
    ['a 400', entry('https://www.shop.example/api/pay', { status: 400 }), [page], false],
    ['no answer (status 0)', entry('https://www.shop.example/api/pay', { status: 0 }), [page], false],
  ];
  it.each(rows)('%s: %s', (_, har, pages, expected) => {
    expect(isMerchantAnswerCandidate(har, pages)).toBe(expected);
  });

  it('measures the captured text when no size is given', () => {
    const big = entry('https://www.shop.example/api/pay', { text: 'x'.repeat(CREATED_PAYMENT_BODY_MAX_LENGTH + 1) });
    delete (big.response.content as { size?: number }).size;
    expect(isMerchantAnswerCandidate(big, [page])).toBe(false);
  });
});

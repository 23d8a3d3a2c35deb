import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { parseClientApiRequestUrl } from '../../../src/core/connect/client-api-url.ts';
import { mayBeClientApiUrl } from '../../../src/core/detect/classify-request.ts';
import { CREATED_PAYMENT_BODY_MAX_LENGTH } from '../../../src/core/detect/find-created-payment.ts';
import { HAR_TEXT_MAX_LENGTH, parseHarEntry } from '../../../src/core/detect/har-entry.ts';
import { isMerchantAnswerCandidate, siteOf } from '../../../src/core/detect/merchant-answer.ts';
import { mayMatter, observeEntry, observeEveryEntry } from '../../../src/extension/devtools/observe-entry.ts';
import { isMerchantAnswerCandidateBefore, siteOfBefore } from '../core/detect/merchant-answer-before.ts';
import { clientApiRequestUrl, createPaymentAnswer, pageUrl, rawHarEntry, requestHeaders, resourceTypeField, shortResponseBodyText } from './connect-values.ts';
import { isElementLoad } from '../../../src/core/detect/element-load.ts';
import { hostileText, jsonText } from './hostile-values.ts';
import { checkProperty, must, PROPERTY_TIMEOUT_MS, scaledRuns, SEED } from './property-run.ts';

/**
 * The two checks that the fast path decides as the full one does run 2,500 cases each, not the
 * decoders' 10,000: each case builds, clones and classifies a whole entry twice (a minute of CI for
 * 10,000), and their entries are built to sit on the pre-filter's edges. `FC_SEED=random` tries others.
 */
const EQUIVALENCE_RUNS = 2_500;

/**
 * The devtools page's fast path (issue 11) must decide exactly as before: `siteOf` reads simple URLs
 * without the URL parser, `isMerchantAnswerCandidate` is split in two, and `observeEntry` drops most
 * entries on a look at the raw entry before the schema parse. Each is compared here with what it
 * replaced, on generated input.
 */

const label = fc.oneof(
  { arbitrary: fc.stringMatching(/^[a-z0-9-]{1,8}$/), weight: 8 },
  { arbitrary: fc.constantFrom('xn--bcher-kva', 'xn--', '0x7f', '0x', '1', '255', '09', 'co', 'com', 'uk', 'jp', 'Shop', 'ü', '%41', '_', ''), weight: 3 },
  { arbitrary: hostileText.map((text) => text.slice(0, 6)), weight: 1 },
);

/** URLs assembled from the pieces the URL parser treats specially, so the fast path's edge is hit often. */
const trickyUrl = fc
  .record({
    scheme: fc.constantFrom('https://', 'http://', 'https://', 'http://', 'HTTPS://', 'Http://', 'https:', 'https:/', 'https:///', 'https:\\\\', ' https://', 'ftp://', '//', ''),
    userinfo: fc.constantFrom('', '', '', '', 'user@', 'user:pass@', '@'),
    labels: fc.array(label, { minLength: 1, maxLength: 5 }),
    trailingDot: fc.constantFrom('', '', '', '.', '..'),
    port: fc.constantFrom('', '', '', ':', ':80', ':0080', ':65535', ':65536', ':99999', ':123456', ':x', ': 1'),
    end: fc.constantFrom('', '/', '/', '?', '#', '\\', '@', ' ', '\t', '\n', ';', '/a@b.example/', '?next=https://other.example/'),
    path: fc.oneof(fc.constant(''), fc.webPath(), hostileText.map((text) => text.slice(0, 40))),
  })
  .map((u) => `${u.scheme}${u.userinfo}${u.labels.join('.')}${u.trailingDot}${u.port}${u.end}${u.path}`);

/** Past what a parsed entry keeps as text (1 MB) and what a merchant answer may be (512 KB). */
const BIG_TEXT = `{"payment":"${'x'.repeat(HAR_TEXT_MAX_LENGTH)}"}`;

const anyUrl = fc.oneof(
  { arbitrary: trickyUrl, weight: 6 },
  { arbitrary: pageUrl, weight: 2 },
  { arbitrary: clientApiRequestUrl, weight: 1 },
  { arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }), weight: 2 },
);

/** Mostly the common case, sometimes one of the edges. */
const mostly = <T>(common: readonly T[], edges: readonly T[]) => fc.oneof({ arbitrary: fc.constantFrom(...common), weight: 4 }, { arbitrary: fc.constantFrom(...edges), weight: 1 });

/** Hosts on a few sites, so that a request and the document that made it are often of the same site. */
const nearbyUrl = fc
  .tuple(
    mostly(['https://'], ['http://', 'HTTPS://']),
    fc.constantFrom('www.shop.example', 'api.shop.example', 'shop.example', 'cdn.other.example', 'a.shop.co.uk', 'b.shop.co.uk', 'x.co.uk', '127.0.0.1', 'localhost', 'SHOP.example', '127.1', 'xn--bcher-kva.example'),
    mostly([''], [':8443', ':99999', '.']),
    mostly(['/api/pay', '/'], ['', '?x=1', '\\x']),
  )
  .map((parts) => parts.join(''));

/** Client API URLs, and what the URL parser reads as one or not: tabs and newlines dropped, backslashes, escapes, case. */
const clientishUrl = fc
  .tuple(
    fc.constantFrom('https://eu.api-ingenico.com', 'https://www.shop.example', ' https://eu.api-ingenico.com'),
    fc.constantFrom('/client', '/cli\tent', '/cli\nent', '/clie\rnt', '\\client', '/CLIENT', '/%63lient', '/a/../client', '/proxy/client', '/clients'),
    fc.constantFrom('/v1/', '/v2/', '\\v1\\', '/v3/', '/v\t1/'),
    fc.constantFrom('9991-66bb4ae9335c4d11a350d39ddd9a3139', 'cust_1', '%41bc'),
    fc.constantFrom('/payments/000000123410000595980000100001/thirdpartystatus', '/products', '/crypto/publickey', '/payments/1/thirdpartystatus?x=1'),
  )
  .map((parts) => parts.join(''));

const header = (name: fc.Arbitrary<string>, value: fc.Arbitrary<unknown>) => fc.record({ name, value });
const DOCUMENT_HEADERS = ['referer', 'origin', 'Referer', 'Origin', 'REFERER', 'ORIGIN'];

/**
 * A raw entry shaped like Chrome's, with every field the pre-filter reads drawn near the edges of
 * its decision: most have no Authorization, are 2xx JSON and name documents of nearby sites, so that
 * a same-site match through the first Referer, the first Origin or the page is common, and so is a
 * near miss (a second Referer, a header of another name, a value that is not text).
 */
const edgeEntry = fc
  .record({
    url: fc.oneof({ arbitrary: nearbyUrl, weight: 4 }, { arbitrary: clientishUrl, weight: 2 }, { arbitrary: anyUrl, weight: 1 }),
    headers: fc.array(
      fc.oneof(
        { arbitrary: header(fc.constantFrom(...DOCUMENT_HEADERS), fc.oneof({ arbitrary: nearbyUrl, weight: 6 }, { arbitrary: fc.constantFrom('null', '', 42, undefined), weight: 1 })), weight: 6 },
        { arbitrary: header(fc.constantFrom('accept', 'cookie', ':method', ':scheme', 'priority', 'Referrer', 'origin ', 'rEferer', 'x-origin', 'r-token', 'oxygen', 'accept-charset'), fc.oneof(nearbyUrl, fc.string({ maxLength: 10 }))), weight: 3 },
        { arbitrary: header(fc.constantFrom('authorization', 'Authorization', 'AUTHORIZATION', 'authorisation', 'x-authorization'), fc.constantFrom('GCS v1Client:51d29012e6ce4b81afa6cc7551ef4e36', 'Bearer x')), weight: 1 },
        { arbitrary: header(hostileText, hostileText), weight: 1 },
      ),
      { maxLength: 6 },
    ),
    requestHeaders: fc.oneof({ arbitrary: fc.constant(undefined), weight: 7 }, { arbitrary: requestHeaders, weight: 1 }),
    status: mostly([200, 201, 204, 299], [0, 199, 300, 304, 404, 503, 200.5, -1, Number.NaN]),
    mimeType: fc.oneof(
      { arbitrary: mostly(['application/json', 'application/JSON; charset=utf-8', 'application/problem+json'], ['text/json', 'JSON', 'image/png', 'text/html', '']), weight: 8 },
      { arbitrary: fc.constantFrom(`application/json; ${'x'.repeat(300)}`, 42), weight: 1 },
    ),
    size: fc.option(mostly([100, CREATED_PAYMENT_BODY_MAX_LENGTH], [0, CREATED_PAYMENT_BODY_MAX_LENGTH + 1, -1, Number.NaN, Number.POSITIVE_INFINITY, '100']), { nil: undefined }),
    text: fc.option(fc.oneof({ arbitrary: createPaymentAnswer.map(jsonText), weight: 4 }, { arbitrary: shortResponseBodyText, weight: 2 }, { arbitrary: fc.constant(BIG_TEXT), weight: 1 }), { nil: undefined }),
    resourceType: resourceTypeField,
  })
  .map((e) => ({
    startedDateTime: '2026-01-15T09:00:00.000Z',
    time: 12,
    request: { method: 'POST', url: e.url, headers: [...e.headers, ...(e.requestHeaders ?? [])] },
    response: {
      status: e.status,
      headers: [],
      content: { mimeType: e.mimeType, ...(e.size === undefined ? {} : { size: e.size }), ...(e.text === undefined ? {} : { text: e.text }) },
    },
    ...(e.resourceType === undefined ? {} : { _resourceType: e.resourceType }),
  }));

/** The body `getContent` hands over: mostly a create-payment answer, so a wrongly skipped entry would show. */
const liveBody = fc.oneof({ arbitrary: createPaymentAnswer.map(jsonText), weight: 3 }, { arbitrary: shortResponseBodyText, weight: 1 });

/** Lends the entry a counting `getContent`, and sometimes drops its captured text, as `onRequestFinished` does. */
function live(raw: unknown, body: string, dropText: boolean): { entry: unknown; reads: () => number } {
  let reads = 0;
  if (raw === null || typeof raw !== 'object') return { entry: raw, reads: () => reads };
  try {
    const content = (raw as { response?: { content?: Record<string, unknown> } }).response?.content;
    if (dropText && content && typeof content === 'object') delete content.text;
    Object.defineProperty(raw, 'getContent', {
      value: (callback: (text: string, encoding: string) => void) => {
        reads += 1;
        callback(body, '');
      },
      configurable: true,
    });
  } catch {
    // A frozen or exotic value keeps what it has.
  }
  return { entry: raw, reads: () => reads };
}

describe('the classification fast path decides as before', () => {
  it(
    'siteOf gives every URL the site it had before',
    () => {
      checkProperty(
        fc.property(anyUrl, (url) => {
          must(siteOf(url) === siteOfBefore(url), 'the same site as before', url, siteOf(url), siteOfBefore(url));
        }),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'a URL mayBeClientApiUrl rules out is never read as a Client API call’s',
    () => {
      checkProperty(
        fc.property(fc.oneof(clientishUrl, clientApiRequestUrl, anyUrl), (url) => {
          if (mayBeClientApiUrl(url)) return;
          must(parseClientApiRequestUrl(url) === null, 'no Client API path', url);
          must(!/\/client\/v[12]\//.test(url), 'no Client API path in the text', url);
        }),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'isMerchantAnswerCandidate decides every parsed entry as before',
    () => {
      checkProperty(
        fc.property(fc.oneof(edgeEntry, rawHarEntry), fc.array(fc.oneof(nearbyUrl, pageUrl), { maxLength: 2 }), (raw, pageUrls) => {
          const parsed = parseHarEntry(raw);
          fc.pre(parsed.ok);
          if (!parsed.ok) return;
          const now = isMerchantAnswerCandidate(parsed.value, pageUrls);
          // An element's or a beacon's load is never a candidate now; every other entry is decided as before.
          const before = !isElementLoad(parsed.value) && isMerchantAnswerCandidateBefore(parsed.value, pageUrls);
          must(now === before, 'the same decision as before, element loads aside', parsed.value, pageUrls, now);
        }),
        { numRuns: EQUIVALENCE_RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'observeEntry gives what the full path gives and reads the same bodies; what the pre-filter drops gives nothing and reads nothing',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ arbitrary: edgeEntry, weight: 3 }, { arbitrary: rawHarEntry, weight: 2 }),
          fc.option(fc.oneof(nearbyUrl, pageUrl), { nil: undefined }),
          liveBody,
          fc.boolean(),
          async (raw, page, body, dropText) => {
            const fast = live(structuredClone(raw), body, dropText);
            const full = live(structuredClone(raw), body, dropText);
            const [fastObserved, fullObserved] = [await observeEntry(fast.entry, page), await observeEveryEntry(full.entry, page)];
            must(isDeepStrictEqual(fastObserved, fullObserved), 'the same observations as the full path', raw, page, fastObserved, fullObserved);
            must(fast.reads() === full.reads(), 'the same bodies read as the full path', raw, page, fast.reads(), full.reads());
            if (!mayMatter(full.entry, page)) must(fullObserved.length === 0 && full.reads() === 0, 'a dropped entry gives nothing and reads nothing', raw, page);
          },
        ),
        { numRuns: scaledRuns(EQUIVALENCE_RUNS), seed: SEED },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

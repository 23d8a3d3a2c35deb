import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { normaliseClientApiUrl } from '../../../src/core/connect/client-api-url.ts';
import { THIRD_PARTY_STATUSES } from '../../../src/core/connect/third-party-status.ts';
import { buildPollRequest, classifyPollResponse, toPollResponse } from '../../../src/core/poll/poll-request.ts';
import type { ExportedPayment } from '../../../src/core/timeline/export-file.ts';
import { STOP_REASONS, type PollRecord } from '../../../src/core/timeline/poll-record.ts';
import {
  base64Forms,
  base64Utf8,
  deepJsonText,
  hostileJson,
  hostileKey,
  hostileNumber,
  hostileText,
  jsonText,
  shortHostileText,
  longText,
  MARKUP,
  mutatedJson,
  mutatedText,
  nearMiss,
  ownObject,
} from './hostile-values.ts';

/**
 * Connect-shaped input for the property tests: real values (the fixtures, and generated ones in the
 * shapes the SDKs and the platform use) mixed with near misses and anything at all.
 */

const fixtureDir = new URL('../../fixtures/', import.meta.url);
const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, fixtureDir), 'utf8'));

/** The captured HAR entries of test/fixtures/har, as parsed JSON. */
export const HAR_FIXTURES: unknown[] = readdirSync(new URL('har/', fixtureDir))
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => readJson(`har/${name}`));

/** The whole checkout HAR of test/fixtures/timeline, as text. */
export const CHECKOUT_HAR_TEXT = readFileSync(new URL('timeline/checkout-bancontact.har', fixtureDir), 'utf8');

/** The real and malformed meta-info headers of test/fixtures/meta-info. */
export const META_INFO_FIXTURES: string[] = Object.values(readJson('meta-info/headers.json') as Record<string, { header: string }>).map((h) => h.header);

// Identifiers: the shapes seen in real traffic, and the widest the identifier rules accept.
const HEX = [...'0123456789abcdef'];
const DIGITS = [...'0123456789'];
const ID_CHARS = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];
/**
 * Text of these characters, expanded from one drawn number by a small generator: per-character
 * arbitraries (and `stringMatching`) cost several times more, 10,000 times over.
 */
const chars = (alphabet: readonly string[], minLength: number, maxLength: number) =>
  fc.tuple(fc.integer({ min: minLength, max: maxLength }), fc.integer({ min: 0, max: 2 ** 31 - 1 })).map(([length, seed]) => {
    let text = '';
    let state = seed;
    for (let i = 0; i < length; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      text += alphabet[(state >>> 16) % alphabet.length];
    }
    return text;
  });

export const clientSessionId = fc.oneof(chars(HEX, 32, 32), chars([...ID_CHARS, '-'], 16, 128));
export const customerId = fc.oneof(
  fc.tuple(chars(DIGITS, 4, 4), chars(HEX, 32, 32)).map(([merchant, id]) => `${merchant}-${id}`),
  fc.tuple(fc.constantFrom(...ID_CHARS), chars([...ID_CHARS, '-', '_'], 0, 127)).map(([first, rest]) => first + rest),
);
export const paymentId = fc.oneof(
  chars(DIGITS, 30, 30),
  fc.tuple(chars(DIGITS, 1, 20), chars(DIGITS, 1, 5)).map(([payment, attempt]) => `${payment}_${attempt}`),
  chars([...ID_CHARS, '-', '_'], 1, 64),
);

/** The four documented values, an undocumented one, and hostile text. */
export const thirdPartyStatusValue = fc.oneof(
  { arbitrary: fc.constantFrom(...THIRD_PARTY_STATUSES), weight: 4 },
  { arbitrary: fc.constantFrom('FAILED', 'completed', 'CANCELLED', ''), weight: 1 },
  { arbitrary: hostileText, weight: 1 },
);

// URLs.
const SCHEMES = ['https://', 'http://', 'HTTPS://', '//', 'ftp://', 'ws://', 'data:text/html,', 'javascript:', 'chrome-extension://', 'blob:https://', 'https:/', 'https:///', ''];
const HOSTS = [
  'ams1.sandbox.api-ingenico.com',
  'ams1.preprod.api-ingenico.com',
  'ams1.api-ingenico.com',
  'payment.preprod.direct.worldline-solutions.com',
  'payment.pay1.secured-by-ingenico.com',
  'api.preprod.connect.worldline-solutions.com',
  '127.0.0.1:4010',
  'localhost:4020',
  '[::1]:8080',
  'shop.example',
  'api.shop.co.uk',
  'www.shop.com.au',
  'xn--bcher-kva.example',
  'bücher.example',
  'user:pass@shop.example',
  '0x7f.1',
  '1.2.3',
  '256.256.256.256',
  'a..b',
  '.',
  'ex ample.com',
  'ex%41mple.com',
  '%00',
];

const host = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTS), weight: 6 },
  { arbitrary: fc.domain(), weight: 2 },
  { arbitrary: fc.ipV4(), weight: 1 },
  { arbitrary: fc.ipV6().map((ip) => `[${ip}]`), weight: 1 },
  { arbitrary: fc.tuple(fc.domain(), fc.integer({ min: 0, max: 70_000 })).map(([name, port]) => `${name}:${port}`), weight: 1 },
  { arbitrary: hostileText, weight: 1 },
);

const scheme = fc.oneof({ arbitrary: fc.constantFrom('https://', 'http://'), weight: 6 }, { arbitrary: fc.constantFrom(...SCHEMES), weight: 2 });

const pathSegment = fc.oneof(
  { arbitrary: fc.constantFrom('api', 'proxy', 'connect', 'client', '', '.', '..', '%2e%2e', '%2F', 'v1'), weight: 2 },
  { arbitrary: fc.webSegment(), weight: 2 },
  { arbitrary: hostileText, weight: 1 },
);

/** What may come before `/client`: nothing, usually, or a merchant's proxy path. */
const prefix = fc.oneof({ arbitrary: fc.constant(''), weight: 4 }, { arbitrary: fc.array(pathSegment, { maxLength: 3 }).map((s) => `/${s.join('/')}`), weight: 1 });

/** A page's or a merchant's URL. */
export const pageUrl: fc.Arbitrary<string> = nearMiss(
  fc
    .tuple(scheme, host, fc.array(pathSegment, { maxLength: 3 }), fc.option(fc.webQueryParameters(), { nil: undefined }))
    .map(([s, h, path, query]) => `${s}${h}/${path.join('/')}${query === undefined ? '' : `?${query}`}`),
);

/** A clientApiUrl the SDK accepts, on a real-looking host: https or http, a host, maybe a proxy path, `/client`. */
export const goodClientApiBase: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('https://', 'http://'),
    fc.oneof(fc.constantFrom(...HOSTS.slice(0, 13)), fc.domain(), fc.ipV4()),
    fc.oneof({ arbitrary: fc.constant(''), weight: 3 }, { arbitrary: fc.array(fc.webSegment(), { minLength: 1, maxLength: 3 }).map((s) => `/${s.join('/')}`), weight: 1 }),
    fc.constantFrom('', '/', '/client', '/client/', '/client/v1'),
  )
  .map(([s, h, p, tail]) => `${s}${h}${p}${p !== '' && !tail.startsWith('/client') ? '/client' : tail}`);

/** A clientApiUrl as a session response or an SDK holds it: no path, `/client`, `/client/v1`, with or without a slash. */
export const clientApiBase: fc.Arbitrary<string> = fc.oneof(
  goodClientApiBase,
  nearMiss(
    fc
      .tuple(scheme, host, prefix, fc.constantFrom('/client', '/client/', '/client/v1', '/client/v2/', '', '/', '/client/v1/x', '/CLIENT', '/client?x=1', '/client#x'))
      .map(([s, h, p, tail]) => `${s}${h}${p}${tail}`),
  ),
);

const CALL_PATHS = ['products', 'products/3012', 'paymentproducts', 'crypto/publickey', 'services/dccrate', 'services/convert/amount', 'productgroups'];

/** Percent-encoded as a page would send it; a lone surrogate cannot be, and goes as it is. */
function encodeSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A Client API call's path after the customer id, thirdpartystatus above all. */
const callPath = fc.oneof(
  { arbitrary: paymentId.map((id) => `payments/${id}/thirdpartystatus`), weight: 4 },
  { arbitrary: fc.constantFrom(...CALL_PATHS), weight: 2 },
  { arbitrary: nearMiss(paymentId).map((id) => `payments/${encodeSegment(id)}/thirdpartystatus`), weight: 1 },
  { arbitrary: fc.array(pathSegment, { maxLength: 4 }).map((s) => s.join('/')), weight: 1 },
);

/** A request to the Client API as the SDKs make it, with now and then a mutation or a query. */
/** A request to the Client API exactly as an SDK makes it: a real host, `/client/v1|v2/{customerId}/…`. */
export const goodClientApiRequestUrl: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('https://', 'http://'),
    fc.constantFrom(...HOSTS.slice(0, 10)),
    fc.constantFrom('', '', '', '/proxy/connect'),
    fc.constantFrom('v1', 'v1', 'v1', 'v2'),
    customerId,
    fc.oneof({ arbitrary: paymentId.map((id) => `payments/${id}/thirdpartystatus`), weight: 3 }, { arbitrary: fc.constantFrom(...CALL_PATHS), weight: 1 }),
    fc.constantFrom('', '', '?countryCode=BE&currencyCode=EUR&amount=1995'),
  )
  .map(([s, h, p, version, customer, path, tail]) => `${s}${h}${p}/client/${version}/${customer}/${path}${tail}`);

/** A request to the Client API as the SDKs make it, with now and then a mutation, an odd version or host, or a query. */
export const clientApiRequestUrl: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: goodClientApiRequestUrl, weight: 2 },
  {
    arbitrary: nearMiss(
      fc
        .tuple(
          scheme,
          host,
          prefix,
          fc.constantFrom('v1', 'v1', 'v1', 'v2', 'V1', 'v3', ''),
          nearMiss(customerId),
          callPath,
          fc.constantFrom('', '', '/', '?countryCode=BE&currencyCode=EUR&amount=1995', '#frag', '?a=/client/v1/x/y'),
        )
        .map(([s, h, p, version, customer, path, tail]) => `${s}${h}${p}/client/${version}/${customer}/${path}${tail}`),
    ),
    weight: 3,
  },
);

// Headers.
const authorization = fc.oneof(
  { arbitrary: clientSessionId.map((id) => `GCS v1Client:${id}`), weight: 6 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('gcs v1client:', 'GCS  v1Client : ', ' GCS v1Client:', 'GCS v1Client:', 'GCS\tv1Client:'), nearMiss(clientSessionId))
      .map(([scheme, id]) => `${scheme}${id}`),
    weight: 2,
  },
  { arbitrary: fc.constantFrom('GCS v1HMAC:key:c2lnbmF0dXJl', 'Bearer abc', 'GCS v1Client:', 'GCS v1Client:51d2…4e36'), weight: 1 },
  { arbitrary: hostileText, weight: 1 },
);

/** `sdkIdentifier` values: real ones, from each SDK generation, and near misses. */
const sdkIdentifier = nearMiss(
  fc.constantFrom(
    'JavaScriptClientSDK/v6.0.6',
    'rpp-JavaScriptClientSDK/v6.0.6',
    'JavaScriptClientSDK/v3.5.0',
    'AndroidClientSDK/v7.0.4',
    'SwiftClientSDK/v7.0.0',
    'OnlinePaymentsJavaScriptClientSDK/v4.0.0',
    'ConnectDevTools/v0.1.0',
  ),
);

/** A meta-info object: the fields the SDKs send, each of the wrong type or size now and then, and hostile extra keys. */
export const metaInfoObject: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.record(
      {
        sdkIdentifier: fc.oneof({ arbitrary: sdkIdentifier, weight: 5 }, { arbitrary: hostileJson, weight: 1 }),
        sdkCreator: fc.oneof(
          { arbitrary: fc.constantFrom('Worldline Global Collect', 'Ingenico', 'Wordline Connect', 'OnlinePayments', ''), weight: 4 },
          { arbitrary: shortHostileText, weight: 2 },
          { arbitrary: hostileJson, weight: 1 },
        ),
        platformIdentifier: fc.oneof(fc.constantFrom('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36', 'Android/14'), hostileText),
        screenSize: fc.oneof(fc.constantFrom('1512x828', '800x600'), shortHostileText),
        appIdentifier: shortHostileText,
        deviceBrand: shortHostileText,
        deviceType: shortHostileText,
        ipAddress: fc.oneof(fc.ipV4(), shortHostileText),
      },
      { requiredKeys: [] },
    ),
    fc.array(fc.tuple(hostileKey, hostileJson), { maxLength: 1 }),
  )
  .map(([fields, extra]) => ownObject([...Object.entries(fields), ...extra]));

/** `X-GCS-ClientMetaInfo` values: the captured ones, real-shaped ones in every base64 form, near misses and garbage. */
export const metaInfoHeader: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...META_INFO_FIXTURES), weight: 2 },
  { arbitrary: base64Forms(metaInfoObject.map(jsonText)), weight: 6 },
  { arbitrary: mutatedText(base64Forms(metaInfoObject.map(jsonText))), weight: 2 },
  { arbitrary: base64Forms(fc.oneof(hostileJson.map(jsonText), deepJsonText, hostileText)), weight: 2 },
  { arbitrary: base64Forms(longText(6_000, 7_000)), weight: 1 },
  { arbitrary: hostileText, weight: 1 },
);

const header = (name: fc.Arbitrary<string>, value: fc.Arbitrary<string>) => fc.record({ name, value });

/** Request headers of a Client API call or a merchant call, in any case and order, with extras and duplicates. */
export const requestHeaders = fc
  .tuple(
    fc.option(header(fc.constantFrom('authorization', 'Authorization', 'AUTHORIZATION'), authorization), { freq: 4, nil: undefined }),
    // Mostly captured values: generated ones cost more, and meta-info.test.ts tries 30,000 of them.
    fc.option(header(fc.constantFrom('x-gcs-clientmetainfo', 'X-GCS-ClientMetaInfo'), fc.oneof({ arbitrary: fc.constantFrom(...META_INFO_FIXTURES), weight: 3 }, { arbitrary: metaInfoHeader, weight: 1 })), {
      freq: 4,
      nil: undefined,
    }),
    fc.option(header(fc.constantFrom('referer', 'Referer', 'origin', 'Origin'), pageUrl), { freq: 3, nil: undefined }),
    fc.array(header(fc.oneof(fc.constantFrom('authorization', 'cookie', 'accept', ':path', 'content-type'), hostileText), hostileText), { maxLength: 4 }),
  )
  // In any order: the first of a name wins, so where a duplicate lands matters.
  .chain(([auth, meta, referer, extra]) => {
    const headers = [auth, meta, referer, ...extra].filter((h) => h !== undefined);
    return fc.shuffledSubarray(headers, { minLength: headers.length });
  })
  .map((headers) => headers.map((h) => ({ ...h })));

// Bodies.
export const errorBody = fc
  .record({
    errorId: fc.oneof(fc.uuid(), hostileText),
    errors: fc.array(
      fc.record(
        {
          code: fc.oneof(fc.constantFrom('9008', '1002', '20000000', '9007'), hostileText),
          id: fc.oneof(fc.constantFrom('ACCESS_TO_CONSUMER_ID_NOT_ALLOWED', 'UNKNOWN_PAYMENT_ID'), hostileText),
          category: fc.constantFrom('CONNECT_PLATFORM_ERROR', 'IO_ERROR'),
          message: hostileText,
          httpStatusCode: hostileNumber,
          propertyName: hostileText,
          requestId: hostileText,
        },
        { requiredKeys: ['code'] },
      ),
      // Up to four, and now and then past the sixteen an outcome keeps.
      { maxLength: 4 },
    ).chain((errors) => (errors.length === 4 ? fc.constantFrom(errors, Array.from({ length: 5 }, () => errors).flat()) : fc.constant(errors))),
  })
  .map((body) => body as unknown);

export const statusBody = fc.record({ thirdPartyStatus: thirdPartyStatusValue }).map((body) => body as unknown);

const paymentOutput = fc.oneof(
  fc.constant(undefined),
  fc
    .tuple(
      fc.constantFrom('redirectPaymentMethodSpecificOutput', 'cardPaymentMethodSpecificOutput', 'mobilePaymentMethodSpecificOutput', 'other', '__proto__'),
      fc.oneof(fc.constantFrom<unknown>(3012, 863, 1, '3012', '863', 0, -1, 1.5, 1e21, '9999999999', null), hostileNumber, hostileText),
    )
    .map(([key, id]) => ownObject([[key, { paymentProductId: id }]])),
  hostileJson,
);

/** A Server API create-payment answer: `payment.id` with a `merchantAction` beside it. */
export const createPaymentAnswer: fc.Arbitrary<unknown> = fc
  .record(
    {
      id: fc.oneof({ arbitrary: paymentId, weight: 4 }, { arbitrary: nearMiss(paymentId).map((id) => `"${id}"`), weight: 1 }, { arbitrary: hostileJson, weight: 1 }),
      paymentOutput,
      actionType: fc.oneof(fc.constantFrom('SHOW_FORM', 'REDIRECT', 'SHOW_INSTRUCTIONS', 'MOBILE_THREEDS_CHALLENGE'), hostileText),
      showData: fc.oneof(
        fc
          .array(fc.record({ key: fc.oneof(fc.constantFrom('QRCODE', 'URLINTENT', 'WECHAT_PAYMENTID', 'URL'), shortHostileText), value: shortHostileText }), { maxLength: 4 })
          // Now and then past the 32 keys an observation keeps.
          .chain((entries) => (entries.length === 4 ? fc.constantFrom(entries, Array.from({ length: 10 }, () => entries).flat()) : fc.constant(entries))),
        hostileJson,
      ),
      thirdPartyData: fc.oneof(fc.constant(undefined), fc.record({ paymentProduct863: hostileJson }), hostileJson),
    },
    { requiredKeys: ['id'] },
  )
  .map(({ id, paymentOutput, actionType, showData, thirdPartyData }) => ({
    payment: { id, ...(paymentOutput === undefined ? {} : { paymentOutput }), status: 'PENDING_PAYMENT' },
    merchantAction: { actionType, showData, ...(thirdPartyData === undefined ? {} : { thirdPartyData }) },
  }));

/** A merchant wraps the answer its own way: under one to three keys, beside other data. */
export const wrappedCreatePaymentAnswer: fc.Arbitrary<unknown> = fc
  .tuple(createPaymentAnswer, fc.array(fc.tuple(fc.oneof(fc.constantFrom('data', 'result', 'payment', 'merchantAction'), hostileKey), hostileJson), { maxLength: 3 }), fc.integer({ min: 0, max: 3 }), fc.boolean())
  .map(([answer, siblings, depth, inArray]) => {
    let value: unknown = answer;
    for (let i = 0; i < depth; i++) value = inArray && i === 0 ? [value] : ownObject([...siblings, ['data', value]]);
    return value;
  });

/** A response body as text: a status, an error, a created payment, HTML, JSON of anything, broken JSON, deep JSON. */
export const shortResponseBodyText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: statusBody.map(jsonText), weight: 4 },
  { arbitrary: errorBody.map(jsonText), weight: 3 },
  { arbitrary: wrappedCreatePaymentAnswer.map(jsonText), weight: 3 },
  { arbitrary: mutatedText(fc.oneof(statusBody, errorBody).map(jsonText)), weight: 2 },
  { arbitrary: fc.constantFrom(...MARKUP, '', '   ', 'null', '[]', '{}', '"COMPLETED"', '{"thirdPartyStatus":null}'), weight: 1 },
  { arbitrary: hostileJson.map(jsonText), weight: 2 },
  { arbitrary: fc.integer({ min: 1, max: 300 }).map((depth) => `${'{"thirdPartyStatus":'.repeat(depth)}"COMPLETED"${'}'.repeat(depth)}`), weight: 1 },
  { arbitrary: shortHostileText, weight: 1 },
);

/** Any response body: mostly short, now and then nested past any stack or longer than any cap. */
export const responseBodyText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: shortResponseBodyText, weight: 18 },
  { arbitrary: deepJsonText, weight: 1 },
  { arbitrary: longText(60_000, 100_000), weight: 1 },
);

const MIME_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/html', 'text/plain', 'application/problem+json', 'JSON', ''];

const millisecondsIn2025 = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2025, 11, 31) });

/** A HAR entry built the way Chrome writes one, every field drawn from real values and near misses. */
/**
 * Chrome's `_resourceType`: mostly absent or a script's request, often an element's or a beacon's load
 * (which gives nothing), now and then a near miss.
 */
export const resourceTypeField = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: fc.constantFrom('fetch', 'xhr', 'preflight', 'document', 'other', 'websocket'), weight: 3 },
  { arbitrary: fc.constantFrom('image', 'script', 'stylesheet', 'font', 'media', 'ping'), weight: 3 },
  { arbitrary: fc.constantFrom<unknown>('Image', 'image ', 'img', '', null, 42, ['image'], { type: 'image' }), weight: 1 },
);

const harEntryWith = (bodyText: fc.Arbitrary<string>): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .record({
      startedDateTime: fc.oneof(
        { arbitrary: millisecondsIn2025.map((ms) => new Date(ms).toISOString()), weight: 30 },
        { arbitrary: fc.constantFrom('Tue, 14 Oct 2025 09:12:04 GMT', '2025-13-45T99:99:99Z', '', 'yesterday', '0'), weight: 1 },
        { arbitrary: hostileText, weight: 1 },
      ),
      time: fc.oneof({ arbitrary: fc.double({ min: -1, max: 60_000, noNaN: true }), weight: 20 }, { arbitrary: hostileNumber, weight: 1 }),
      method: fc.oneof({ arbitrary: fc.constantFrom('GET', 'GET', 'POST', 'OPTIONS', 'get', 'options'), weight: 20 }, { arbitrary: hostileText, weight: 1 }),
      url: fc.oneof({ arbitrary: clientApiRequestUrl, weight: 5 }, { arbitrary: pageUrl, weight: 2 }),
      requestHeaders,
      status: fc.oneof(
        { arbitrary: fc.constantFrom(0, 200, 200, 201, 204, 403, 404, 429, 500, 503), weight: 12 },
        { arbitrary: fc.integer({ min: -1, max: 999 }), weight: 2 },
        { arbitrary: hostileNumber, weight: 1 },
      ),
      responseHeaders: fc.array(header(fc.oneof(fc.constantFrom('content-type', 'retry-after', 'date', 'content-length'), hostileText), hostileText), { maxLength: 4 }),
      mimeType: fc.oneof(fc.constantFrom(...MIME_TYPES), hostileText),
      text: fc.option(bodyText, { freq: 6, nil: undefined }),
      encoding: fc.constantFrom<string | undefined>(undefined, undefined, undefined, 'base64', 'utf-8', ''),
      size: fc.option(fc.oneof(fc.integer({ min: -1, max: 1_000_000 }), hostileNumber), { nil: undefined }),
      error: fc.option(fc.oneof(fc.constantFrom('net::ERR_INTERNET_DISCONNECTED', 'net::ERR_FAILED'), hostileText), { nil: undefined }),
      resourceType: resourceTypeField,
    })
    .map((e) => ({
      startedDateTime: e.startedDateTime,
      time: e.time,
      request: { method: e.method, url: e.url, httpVersion: 'h2', headers: e.requestHeaders, queryString: [], cookies: [] },
      response: {
        status: e.status,
        headers: e.responseHeaders,
        content: {
          mimeType: e.mimeType,
          ...(e.size === undefined ? {} : { size: e.size }),
          ...(e.text === undefined ? {} : { text: e.encoding === 'base64' ? base64Utf8(e.text) : e.text }),
          ...(e.encoding === undefined ? {} : { encoding: e.encoding }),
        },
        ...(e.error === undefined ? {} : { _error: e.error }),
      },
      ...(e.resourceType === undefined ? {} : { _resourceType: e.resourceType }),
    }));

/** Bodies of every kind; a long one is rare here, as a base64 one is read three times a case. */
export const harEntry = harEntryWith(
  fc.oneof({ arbitrary: shortResponseBodyText, weight: 60 }, { arbitrary: deepJsonText, weight: 1 }, { arbitrary: longText(60_000, 100_000), weight: 1 }),
);

/** The same with short bodies only, for whole HAR files of several entries. */
export const shortHarEntry = harEntryWith(shortResponseBodyText);

/** A HAR entry as the browser gives it, as a captured one with a few fields changed, or anything at all. */
const rawHarEntryOf = (entry: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { arbitrary: entry, weight: 6 },
    { arbitrary: mutatedJson(entry), weight: 2 },
    { arbitrary: fc.constantFrom(...HAR_FIXTURES), weight: 1 },
    { arbitrary: mutatedJson(fc.constantFrom(...HAR_FIXTURES)), weight: 2 },
    { arbitrary: hostileJson, weight: 1 },
  );

export const rawHarEntry = rawHarEntryOf(harEntry);
export const shortRawHarEntry = rawHarEntryOf(shortHarEntry);

// Timelines, as the panel keeps and exports them.
const START = Date.UTC(2025, 5, 1, 9, 0, 0);
const END = Date.UTC(2025, 5, 1, 12, 0, 0);

const target = fc.record({
  clientApiUrl: goodClientApiBase.map((base) => normaliseClientApiUrl(base)).filter((url) => url.ok).map((url) => (url.ok ? url.value : '')),
  customerId,
  paymentId,
  clientSessionId,
});

/** One poll as the poller records it: an answer of any kind, a timeout or a network error. */
const answer = fc.oneof(
  {
    arbitrary: fc.record({
      status: fc.constantFrom(200, 200, 200, 403, 404, 429, 500, 503, 302),
      headers: fc.record({ 'content-type': fc.constantFrom('application/json', 'text/html'), 'retry-after': fc.constantFrom('1', 'soon') }, { requiredKeys: [] }),
      bodyText: fc.oneof({ arbitrary: statusBody.map(jsonText), weight: 6 }, { arbitrary: errorBody.map(jsonText), weight: 2 }, { arbitrary: shortResponseBodyText, weight: 2 }),
    }),
    weight: 8,
  },
  { arbitrary: fc.constant('timeout' as const), weight: 1 },
  { arbitrary: shortHostileText.map((message) => ({ message: `TypeError: ${message}`.slice(0, 1024) })), weight: 1 },
);

type Poll = [answer: Exclude<typeof answer extends fc.Arbitrary<infer A> ? A : never, never>, step: number, every: number, took: number];

/** Records as the poller makes them: seq and time only go forward, each answer classified as the poller does. */
function toRecords(polled: { clientApiUrl: string; customerId: string; paymentId: string; clientSessionId: string }, polls: readonly Poll[]): PollRecord[] {
  const request = buildPollRequest(polled, { toolVersion: '0.1.0', platformIdentifier: 'Mozilla/5.0' });
  let seq = 0;
  let startedAt = START;
  return polls.map(([result, step, every, took]): PollRecord => {
    seq += step;
    startedAt += every;
    const base = { seq, source: 'poll' as const, startedAt, endedAt: startedAt + took, request };
    if (result === 'timeout') return { ...base, outcome: { kind: 'timeout', afterMs: took } };
    if ('message' in result) return { ...base, outcome: { kind: 'network-error', message: result.message } };
    return { ...base, response: toPollResponse(result), outcome: classifyPollResponse(result, base.endedAt) };
  });
}

const navigation = fc.record({ kind: fc.constant('navigation' as const), at: fc.integer({ min: START, max: END }), url: fc.constantFrom('https://shop.example/checkout', 'https://shop.example/thank-you') });

/** One payment's timeline as the panel exports it, built without `chain` (which costs a new arbitrary per value). */
export const exportedPayment: fc.Arbitrary<ExportedPayment> = fc
  .record({
    polled: target,
    productId: fc.option(fc.constantFrom(3012, 863), { nil: undefined }),
    polls: fc.array(fc.tuple(answer, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: 0, max: 10_000 })), { maxLength: 3 }),
    navigations: fc.array(navigation, { maxLength: 2 }),
    stop: fc.option(fc.record({ kind: fc.constant('stopped' as const), at: fc.constant(END), reason: fc.constantFrom(...STOP_REASONS), message: shortHostileText.map((m) => m.slice(0, 512)) }), { nil: undefined }),
  })
  .map(({ polled, productId, polls, navigations, stop }) => ({
    paymentId: polled.paymentId,
    ...(productId === undefined ? {} : { productId }),
    session: { customerId: polled.customerId, clientApiUrl: polled.clientApiUrl, clientSessionId: polled.clientSessionId },
    records: toRecords(polled, polls),
    navigations,
    ...(stop === undefined ? {} : { stop }),
  }));

/** Timelines as the panel exports them, as plain objects as a file holds them (fast-check builds records without a prototype). */
export const exportedPayments = fc.array(exportedPayment, { maxLength: 2 }).map((list) => structuredClone(list));

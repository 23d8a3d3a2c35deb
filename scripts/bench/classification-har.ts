/**
 * A synthetic busy checkout page as DevTools' network hands it over, entry by entry: thousands of
 * requests that have nothing to do with Connect (images, scripts, styles, fonts, analytics, the
 * merchant's own XHRs) around a few Connect ones (the client SDK's Client API calls with their CORS
 * preflights, and the merchant backend's create-payment answer). Pure and seeded: the same options
 * give the same entries, so every run of the benchmark classifies the same page.
 *
 * Each entry is labelled with what the extension must make of it, so the benchmark can check that
 * the fast path still finds every Connect entry and reads only the bodies it must.
 */

/** What an entry stands for on the page. */
export type EntryKind =
  | 'document'
  | 'image'
  | 'script'
  | 'style'
  | 'font'
  | 'analytics-beacon'
  | 'analytics-json'
  | 'third-party-json'
  | 'merchant-json'
  | 'merchant-other'
  | 'failed'
  | 'client-api-call'
  | 'client-api-preflight'
  | 'create-payment';

export type EntryLabel = {
  kind: EntryKind;
  /** The extension must read this entry's body: a Client API answer that says something, or a same-site JSON answer. */
  candidate: boolean;
  /** Client API calls the extension must report for this entry (0 or 1). */
  calls: number;
  /** Payments it must report: a thirdpartystatus call names one, the create-payment answer creates one. */
  payments: number;
};

type Header = { name: string; value: string };

/** The fields of a Chrome HAR entry (`onRequestFinished` leaves `content.text` out: the body comes by `getContent`). */
export type SyntheticEntry = {
  _initiator: { type: string };
  _priority: string;
  _resourceType: string;
  cache: Record<string, never>;
  connection: string;
  pageref: string;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    headers: Header[];
    queryString: Header[];
    cookies: never[];
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    headers: Header[];
    cookies: never[];
    content: { size: number; mimeType: string; compression?: number };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
    _transferSize: number;
    _error: string | null;
  };
  serverIPAddress: string;
  startedDateTime: string;
  time: number;
  timings: Record<string, number>;
};

export type BusyPage = {
  /** The tab's page, as the devtools page knows it from `onNavigated`. */
  pageUrl: string;
  entries: SyntheticEntry[];
  /** The body `getContent` hands over, per entry. */
  bodies: string[];
  labels: EntryLabel[];
};

export const PAGE_URL = 'https://www.shop.example/checkout';
const CLIENT_API = 'https://eu.api-ingenico.com/client';
const CUSTOMER_ID = '9991-66bb4ae9335c4d11a350d39ddd9a3139';
const CLIENT_SESSION_ID = '51d29012e6ce4b81afa6cc7551ef4e36';
const PAYMENT_ID = '000000123410000595980000100001';
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
const META_INFO = btoa(
  JSON.stringify({ screenSize: '1920x1080', platformIdentifier: USER_AGENT, sdkIdentifier: 'JavaScriptClientSDK/v6.0.6', sdkCreator: 'Worldline Global Collect' }),
);
const START = Date.UTC(2026, 0, 15, 9, 0, 0);

/** mulberry32: small, fast and good enough to vary a synthetic page. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The share of each kind among the non-Connect entries of a busy page. */
const MIX: readonly [EntryKind, number][] = [
  ['image', 0.45],
  ['script', 0.19],
  ['style', 0.05],
  ['font', 0.03],
  ['analytics-beacon', 0.12],
  ['analytics-json', 0.04],
  ['third-party-json', 0.02],
  ['merchant-json', 0.01],
  ['merchant-other', 0.06],
  ['failed', 0.02],
  ['document', 0.01],
];

const STATUS_SEQUENCE = ['WAITING', 'WAITING', 'WAITING', 'WAITING', 'INITIALIZED', 'INITIALIZED', 'AUTHORIZED', 'AUTHORIZED', 'AUTHORIZED', 'COMPLETED'];

function requestHeaders(url: URL, method: string, extra: Header[], dest: string, mode: string, site: string): Header[] {
  return [
    { name: ':authority', value: url.host },
    { name: ':method', value: method },
    { name: ':path', value: `${url.pathname}${url.search}` },
    { name: ':scheme', value: 'https' },
    { name: 'accept', value: dest === 'image' ? 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8' : '*/*' },
    { name: 'accept-encoding', value: 'gzip, deflate, br, zstd' },
    { name: 'accept-language', value: 'nl-BE,nl;q=0.9,en;q=0.8' },
    { name: 'priority', value: 'u=1, i' },
    { name: 'referer', value: 'https://www.shop.example/' },
    { name: 'sec-ch-ua', value: '"Chromium";v="140", "Not=A?Brand";v="24"' },
    { name: 'sec-ch-ua-mobile', value: '?0' },
    { name: 'sec-ch-ua-platform', value: '"Linux"' },
    { name: 'sec-fetch-dest', value: dest },
    { name: 'sec-fetch-mode', value: mode },
    { name: 'sec-fetch-site', value: site },
    { name: 'user-agent', value: USER_AGENT },
    ...extra,
  ];
}

function responseHeaders(mimeType: string, size: number, extra: Header[] = []): Header[] {
  return [
    { name: 'accept-ranges', value: 'bytes' },
    { name: 'age', value: '5231' },
    { name: 'cache-control', value: 'public, max-age=31536000' },
    { name: 'content-encoding', value: 'br' },
    { name: 'content-length', value: String(size) },
    ...(mimeType ? [{ name: 'content-type', value: mimeType }] : []),
    { name: 'date', value: 'Thu, 15 Jan 2026 09:00:00 GMT' },
    { name: 'etag', value: '"5f0e5c6e-1a2b"' },
    { name: 'server', value: 'cloudflare' },
    { name: 'vary', value: 'Accept-Encoding' },
    ...extra,
  ];
}

type Shape = {
  kind: EntryKind;
  method: string;
  url: string;
  status: number;
  mimeType: string;
  size: number;
  body: string;
  resourceType: string;
  dest: string;
  mode: string;
  site: string;
  requestExtra?: Header[];
  responseExtra?: Header[];
  label: Omit<EntryLabel, 'kind'>;
};

const NOTHING = { candidate: false, calls: 0, payments: 0 };

function toEntry(shape: Shape, index: number, random: () => number): SyntheticEntry {
  const url = new URL(shape.url);
  const time = Math.round(5 + random() * 300) + random();
  return {
    _initiator: { type: shape.resourceType === 'document' ? 'other' : 'script' },
    _priority: shape.resourceType === 'image' ? 'Low' : 'High',
    _resourceType: shape.resourceType,
    cache: {},
    connection: String(400_000 + (index % 12)),
    pageref: 'page_1',
    request: {
      method: shape.method,
      url: shape.url,
      httpVersion: 'h2',
      headers: requestHeaders(url, shape.method, shape.requestExtra ?? [], shape.dest, shape.mode, shape.site),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: shape.status,
      statusText: '',
      httpVersion: 'h2',
      headers: shape.status === 0 ? [] : responseHeaders(shape.mimeType, shape.size, shape.responseExtra),
      cookies: [],
      content: { size: shape.size, mimeType: shape.mimeType },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      _transferSize: shape.size + 300,
      _error: shape.status === 0 ? 'net::ERR_BLOCKED_BY_CLIENT' : null,
    },
    serverIPAddress: shape.status === 0 ? '' : '104.16.0.1',
    startedDateTime: new Date(START + index * 20).toISOString(),
    time,
    timings: { blocked: 0.8, dns: -1, ssl: -1, connect: -1, send: 0.2, wait: time - 2, receive: 1, _blocked_queueing: 0.5 },
  };
}

const pick = <T>(list: readonly T[], random: () => number): T => list[Math.floor(random() * list.length)] as T;

/** One non-Connect entry of the given kind. */
function ordinary(kind: EntryKind, n: number, random: () => number): Shape {
  const id = `${n.toString(36)}${Math.floor(random() * 1e6).toString(36)}`;
  const get = { method: 'GET', body: '', label: NOTHING };
  switch (kind) {
    case 'image': {
      const host = pick(['www.shop.example', 'cdn.shop.example', 'images.cdn-provider.example', 'ads.adnetwork.example'], random);
      const type = pick(['image/webp', 'image/png', 'image/jpeg', 'image/svg+xml', 'image/gif'], random);
      return { ...get, kind, url: `https://${host}/img/p/${id}.${type.slice(6, 10)}?w=${200 + (n % 5) * 100}`, status: pick([200, 200, 200, 304], random), mimeType: type, size: 2000 + Math.floor(random() * 80_000), resourceType: 'image', dest: 'image', mode: 'no-cors', site: host.endsWith('shop.example') ? 'same-site' : 'cross-site' };
    }
    case 'script': {
      const host = pick(['www.shop.example', 'cdn.shop.example', 'www.googletagmanager.com', 'cdn.jsdelivr.net', 'static.hotjar.example'], random);
      return { ...get, kind, url: `https://${host}/assets/${id}.js`, status: 200, mimeType: 'application/javascript', size: 5000 + Math.floor(random() * 200_000), resourceType: 'script', dest: 'script', mode: 'no-cors', site: 'cross-site' };
    }
    case 'style':
      return { ...get, kind, url: `https://cdn.shop.example/css/${id}.css`, status: 200, mimeType: 'text/css', size: 3000 + Math.floor(random() * 40_000), resourceType: 'stylesheet', dest: 'style', mode: 'no-cors', site: 'same-site' };
    case 'font':
      return { ...get, kind, url: `https://fonts.gstatic.com/s/inter/v13/${id}.woff2`, status: 200, mimeType: 'font/woff2', size: 20_000 + Math.floor(random() * 30_000), resourceType: 'font', dest: 'font', mode: 'cors', site: 'cross-site' };
    case 'analytics-beacon': {
      const url = pick(
        [`https://region1.google-analytics.com/g/collect?v=2&tid=G-XXXXXX&cid=123.456&en=scroll&_s=${n}`, `https://www.facebook.com/tr/?id=1234&ev=PageView&noscript=1&r=${id}`, `https://bat.bing.com/action/0?ti=5&evt=custom&rn=${id}`],
        random,
      );
      const gif = url.includes('facebook');
      return { kind, method: gif ? 'GET' : 'POST', body: '', label: NOTHING, url, status: gif ? 200 : 204, mimeType: gif ? 'image/gif' : '', size: gif ? 43 : 0, resourceType: 'ping', dest: 'empty', mode: 'no-cors', site: 'cross-site' };
    }
    case 'analytics-json': {
      const url = pick([`https://api.segment.example/v1/t?${id}`, `https://in.hotjar.example/api/v2/client/sites/1/visit-data?sv=${id}`, `https://o12345.ingest.sentry.example/api/6/envelope/?sentry_key=${id}`], random);
      const body = '{"success":true}';
      return { kind, method: 'POST', body, label: NOTHING, url, status: 200, mimeType: 'application/json', size: body.length, resourceType: 'fetch', dest: 'empty', mode: 'cors', site: 'cross-site' };
    }
    case 'third-party-json': {
      const body = `{"ip":"203.0.113.${n % 250}","country":"BE","rates":{"EUR":1,"USD":1.08}}`;
      return { ...get, kind, url: `https://api.geo-lookup.example/v3/where?key=${id}`, status: 200, mimeType: 'application/json', body, size: body.length, resourceType: 'xhr', dest: 'empty', mode: 'cors', site: 'cross-site' };
    }
    case 'merchant-json': {
      // Same site as the page: the extension must read these, in case one is the created payment.
      const path = pick(['api/cart', 'api/stock?sku=', 'api/shipping/options', 'api/recommendations?for=', 'api/session/keepalive'], random);
      const body = `{"data":{"items":[{"sku":"${id}","qty":1,"price":{"amount":1995,"currencyCode":"EUR"}}],"total":1995}}`;
      return { ...get, kind, url: `https://${pick(['www.shop.example', 'api.shop.example'], random)}/${path}${path.endsWith('=') ? id : ''}`, status: 200, mimeType: 'application/json', body, size: body.length, resourceType: 'fetch', dest: 'empty', mode: 'cors', site: 'same-site', label: { candidate: true, calls: 0, payments: 0 } };
    }
    case 'merchant-other': {
      const status = pick([204, 304, 404, 302], random);
      return { ...get, kind, url: `https://www.shop.example/api/track/${id}`, status, mimeType: status === 404 ? 'text/html' : '', size: status === 404 ? 512 : 0, resourceType: 'fetch', dest: 'empty', mode: 'cors', site: 'same-origin' };
    }
    case 'failed':
      return { ...get, kind, url: `https://ads.adnetwork.example/pixel/${id}`, status: 0, mimeType: '', size: 0, resourceType: 'image', dest: 'image', mode: 'no-cors', site: 'cross-site' };
    default:
      return { ...get, kind: 'document', url: `https://www.shop.example/frame/${id}.html`, status: 200, mimeType: 'text/html', size: 30_000, resourceType: 'document', dest: 'iframe', mode: 'navigate', site: 'same-origin' };
  }
}

/** The client SDK's calls, each after its CORS preflight, then the thirdpartystatus polls. */
function connectShapes(polls: number): Shape[] {
  const base = `${CLIENT_API}/v1/${CUSTOMER_ID}`;
  const auth: Header[] = [
    { name: 'authorization', value: `GCS v1Client:${CLIENT_SESSION_ID}` },
    { name: 'content-type', value: 'application/json' },
    { name: 'origin', value: 'https://www.shop.example' },
    { name: 'x-gcs-clientmetainfo', value: META_INFO },
  ];
  const call = (path: string, status: number, body: string, needsBody: boolean, payments: number): Shape[] => [
    {
      kind: 'client-api-preflight',
      method: 'OPTIONS',
      url: `${base}/${path}`,
      status: 204,
      mimeType: '',
      size: 0,
      body: '',
      resourceType: 'preflight',
      dest: 'empty',
      mode: 'cors',
      site: 'cross-site',
      requestExtra: [{ name: 'access-control-request-headers', value: 'authorization,content-type,x-gcs-clientmetainfo' }],
      label: NOTHING,
    },
    {
      kind: 'client-api-call',
      method: 'GET',
      url: `${base}/${path}`,
      status,
      mimeType: 'application/json',
      size: body.length,
      body,
      resourceType: 'fetch',
      dest: 'empty',
      mode: 'cors',
      site: 'cross-site',
      requestExtra: auth,
      label: { candidate: needsBody, calls: 1, payments },
    },
  ];
  const shapes = [
    ...call('crypto/publickey', 200, '{"keyId":"86b64e4e-f43e-4a27-9863-9bbd5b499f82","publicKey":"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"}', false, 0),
    ...call('products?countryCode=BE&currencyCode=EUR&amount=1995&isRecurring=false&locale=nl_BE', 200, '{"paymentProducts":[]}', false, 0),
    ...call('products/3012?countryCode=BE&currencyCode=EUR&amount=1995&isRecurring=false&locale=nl_BE', 200, '{"id":3012}', false, 0),
  ];
  for (let i = 0; i < polls; i++) {
    const status = STATUS_SEQUENCE[Math.min(STATUS_SEQUENCE.length - 1, Math.floor((i * STATUS_SEQUENCE.length) / polls))] ?? 'WAITING';
    // One poll in the middle meets a busy platform: an error answer, whose codes the extension reads.
    const busy = i === Math.floor(polls / 2);
    const body = busy
      ? '{"errorId":"5f0e5c6e","errors":[{"code":"9999","id":"SERVICE_UNAVAILABLE","category":"CONNECT_PLATFORM_ERROR","httpStatusCode":503}]}'
      : `{"thirdPartyStatus":"${status}"}`;
    shapes.push(...call(`payments/${PAYMENT_ID}/thirdpartystatus`, busy ? 503 : 200, body, true, 1));
  }
  return shapes;
}

function createPaymentShape(): Shape {
  const body = JSON.stringify({
    creationOutput: { additionalReference: '00000012341000059598', externalReference: '000000123410000595980000100001' },
    merchantAction: { actionType: 'SHOW_FORM', showData: [{ key: 'QRCODE', value: 'iVBORw0KGgo=' }, { key: 'URLINTENT', value: 'BEPGenApp://DoTx?TransId=1a2b3c' }] },
    payment: { id: PAYMENT_ID, paymentOutput: { cardPaymentMethodSpecificOutput: { paymentProductId: 3012 } }, status: 'PENDING_PAYMENT' },
  });
  return {
    kind: 'create-payment',
    method: 'POST',
    url: 'https://api.shop.example/checkout/payments',
    status: 201,
    mimeType: 'application/json',
    size: body.length,
    body,
    resourceType: 'fetch',
    dest: 'empty',
    mode: 'cors',
    site: 'same-site',
    requestExtra: [{ name: 'origin', value: 'https://www.shop.example' }],
    label: { candidate: true, calls: 0, payments: 1 },
  };
}

/**
 * `entries` entries in all: the Connect ones (3 SDK calls and `polls` status polls, each with its
 * preflight, and the create-payment answer) spread evenly among the ordinary ones.
 */
export function busyPage(options: { entries: number; polls?: number; seed?: number }): BusyPage {
  const random = seededRandom(options.seed ?? 11);
  const connect = [createPaymentShape(), ...connectShapes(options.polls ?? 20)];
  const total = Math.max(options.entries, connect.length);
  const ordinaryCount = total - connect.length;
  const every = ordinaryCount / connect.length;
  const shapes: Shape[] = [];
  let nextConnect = 0;
  for (let n = 0; shapes.length < total; n++) {
    if (nextConnect < connect.length && n >= Math.floor((nextConnect + 0.5) * every)) {
      shapes.push(connect[nextConnect++] as Shape);
      continue;
    }
    if (shapes.length + (connect.length - nextConnect) >= total) {
      shapes.push(connect[nextConnect++] as Shape);
      continue;
    }
    let roll = random();
    const kind = MIX.find(([, share]) => (roll -= share) < 0)?.[0] ?? 'image';
    shapes.push(ordinary(kind, n, random));
  }
  return {
    pageUrl: PAGE_URL,
    entries: shapes.map((shape, index) => toEntry(shape, index, random)),
    bodies: shapes.map((shape) => shape.body),
    labels: shapes.map((shape) => ({ kind: shape.kind, ...shape.label })),
  };
}

/** How many entries of each kind, and the totals the extension must reach. */
export function tally(labels: readonly EntryLabel[]) {
  const kinds: Partial<Record<EntryKind, number>> = {};
  let candidates = 0;
  let calls = 0;
  let payments = 0;
  for (const label of labels) {
    kinds[label.kind] = (kinds[label.kind] ?? 0) + 1;
    if (label.candidate) candidates += 1;
    calls += label.calls;
    payments += label.payments;
  }
  return { entries: labels.length, candidates, calls, payments, kinds };
}

export type ReadCheck = {
  /** Bodies asked for with `getContent`, in all. */
  bodiesRead: number;
  /** Entries read that are not candidates: must be 0. */
  readNotCandidate: number;
  /** Candidates never read, or read more than once: must be 0. */
  candidatesMissed: number;
  readMoreThanOnce: number;
};

/** Compares the bodies read in one pass (count per entry) with the labels: only candidates, each once. */
export function checkReads(labels: readonly EntryLabel[], reads: ArrayLike<number>): ReadCheck {
  const check: ReadCheck = { bodiesRead: 0, readNotCandidate: 0, candidatesMissed: 0, readMoreThanOnce: 0 };
  labels.forEach((label, i) => {
    const count = reads[i] ?? 0;
    check.bodiesRead += count;
    if (count > 0 && !label.candidate) check.readNotCandidate += 1;
    if (count === 0 && label.candidate) check.candidatesMissed += 1;
    if (count > 1) check.readMoreThanOnce += 1;
  });
  return check;
}

export const readsAreExact = (check: ReadCheck) => check.readNotCandidate === 0 && check.candidatesMissed === 0 && check.readMoreThanOnce === 0;

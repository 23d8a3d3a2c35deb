import { fail, ok, type Result } from '../result.ts';
import { CUSTOMER_ID } from './ids.ts';

export type ClientApiVersion = 'v1' | 'v2';

export type ClientApiRequestUrl = {
  /** Origin, any prefix path, and `/client`: the base the SDK was given, without the version. */
  clientApiUrl: string;
  version: ClientApiVersion;
  customerId: string;
  /** After `{customerId}/`, without the query, e.g. `products` or `payments/1/thirdpartystatus`. */
  path: string;
  /** Set when the path is `payments/{paymentId}/thirdpartystatus`. */
  paymentId?: string;
};

const MAX_URL_LENGTH = 4096;

function parseHttpUrl(url: string): URL | null {
  if (url.length > MAX_URL_LENGTH) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : null;
  } catch {
    return null;
  }
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * A tab, newline or carriage return, which the URL parser removes wherever they are: a browser sends
 * a request only after that, so a URL that still holds one is no request's, and is not read as a call.
 * (It also lets a look for `client` alone rule a URL out: see `mayBeClientApiUrl`.)
 */
const HAS_REMOVED_CHARACTER = /[\t\n\r]/;

/**
 * Reads `{origin}{prefix}/client/{v1|v2}/{customerId}/{path}`.
 *
 * Prefix: the JS SDKs only accept a clientApiUrl whose path is empty or `/client`, but the mobile
 * SDKs take any base URL and a merchant may route the Client API through its own proxy, so any path
 * before `client/` is accepted and kept in `clientApiUrl`: polling must use the same base the page
 * used. A false positive needs both this path shape and a `GCS v1Client` header (see classifyRequest).
 * The first `client/{version}/{customerId}/…` in the path wins.
 */
export function parseClientApiRequestUrl(url: string): ClientApiRequestUrl | null {
  if (HAS_REMOVED_CHARACTER.test(url)) return null;
  const parsed = parseHttpUrl(url);
  if (!parsed) return null;
  // The SDKs never end a path with a slash; a stray one should not change the path.
  const segments = parsed.pathname.replace(/\/+$/, '').split('/');
  for (let i = 1; i + 3 < segments.length; i++) {
    const version = segments[i + 1];
    if (segments[i] !== 'client' || (version !== 'v1' && version !== 'v2')) continue;
    const customerId = decodeSegment(segments[i + 2] ?? '');
    if (customerId === null || !CUSTOMER_ID.test(customerId)) continue;
    const rest = segments.slice(i + 3);
    const clientApiUrl = `${parsed.origin}${segments.slice(0, i + 1).join('/')}`;
    const paymentId = thirdPartyStatusPaymentId(rest);
    return { clientApiUrl, version, customerId, path: rest.join('/'), ...(paymentId ? { paymentId } : {}) };
  }
  return null;
}

function thirdPartyStatusPaymentId(rest: string[]): string | undefined {
  if (rest.length !== 3 || rest[0] !== 'payments' || rest[2] !== 'thirdpartystatus') return undefined;
  const id = decodeSegment(rest[1] ?? '');
  return id && id.length <= 256 ? id : undefined;
}

/**
 * A clientApiUrl as a session response or an SDK holds it, normalised to end in `/client` (the form
 * the rest of the extension keeps; the SDK itself keeps `…/client/v1`). Follows the SDK's
 * C2SCommunicatorConfiguration: no path means `/client`, `/client` and `/client/v1` are kept, any
 * other path is refused. Unlike the SDK, a trailing slash and a prefix before `/client` are accepted.
 *
 * A protocol-relative URL (`//host/client`), which SDK v3–v6 accept, takes the scheme of `pageUrl`,
 * the page that used it, as the browser does; without an http(s) page it cannot be used.
 */
export function normaliseClientApiUrl(url: string, pageUrl?: string): Result<string> {
  const trimmed = url.trim();
  const absolute = resolveProtocolRelative(trimmed, pageUrl);
  if (!absolute.ok) return absolute;
  const parsed = parseHttpUrl(absolute.value);
  if (!parsed) return fail('not an http(s) URL');
  if (parsed.search !== '' || parsed.hash !== '') return fail('a clientApiUrl has no query or fragment');
  const path = parsed.pathname.replace(/\/+$/, '');
  const base = path === '' ? '/client' : /(^|\/)client$/.test(path) ? path : /(^|\/)client\/v[12]$/.test(path) ? path.slice(0, -3) : undefined;
  if (base === undefined) return fail(`the path must be empty, /client or /client/v1, as the SDK requires; it is ${path.slice(0, 200)}`);
  // Percent-encoding can lengthen a URL past the limit: what is returned can always be read again.
  const normalised = `${parsed.origin}${base}`;
  return normalised.length > MAX_URL_LENGTH ? fail(`longer than ${MAX_URL_LENGTH} characters once normalised`) : ok(normalised);
}

/** `//host/…` with the scheme of the page; any other URL as it is. */
export function resolveProtocolRelative(url: string, pageUrl: string | undefined): Result<string> {
  if (!url.startsWith('//')) return ok(url);
  const scheme = pageUrl === undefined ? undefined : parseHttpUrl(pageUrl)?.protocol;
  if (scheme === undefined) return fail('a protocol-relative URL, and the page it came from is not an http(s) page');
  return ok(`${scheme}${url}`);
}

/** The URL the SDKs call for `getThirdPartyPaymentStatus`, from a clientApiUrl ending in `/client`. */
export function thirdPartyStatusUrl(clientApiUrl: string, customerId: string, paymentId: string): string {
  const base = clientApiUrl.replace(/\/+$/, '');
  return `${base}/v1/${encodeURIComponent(customerId)}/payments/${encodeURIComponent(paymentId)}/thirdpartystatus`;
}

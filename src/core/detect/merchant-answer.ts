import { CREATED_PAYMENT_BODY_MAX_LENGTH } from './find-created-payment.ts';
import { headerValue, type HarEntry } from './har-entry.ts';
import { rememberRecent } from '../remember-recent.ts';
import { isElementLoad } from './element-load.ts';

/**
 * Second-level labels under which, in a two-letter country TLD, names are registered one level
 * further down: `shop.co.uk`, `shop.com.au`, `shop.ne.jp`.
 */
const COMMON_SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'ne', 'or']);

/**
 * The site of an http(s) URL: its scheme and registrable domain (`https://shop.example` for
 * `https://api.shop.example:8443/x`), or undefined for anything else. Ports never matter.
 *
 * An approximation of the Public Suffix List, which is too large to ship for this: IP addresses and
 * single labels (`localhost`) are their own site; otherwise the last two labels, or three when the
 * second-to-last is a common second-level suffix under a two-letter country TLD. It is too wide for
 * hosting suffixes (`a.github.io` and `b.github.io` count as one site) and for country suffixes not
 * in the list; that only lets more JSON answers be scanned, which the create-payment shape still has
 * to match.
 */
export function siteOf(url: string): string | undefined {
  if (url.length > 8192) return undefined;
  return recentSite(schemeAndAuthority(url));
}

// A busy page asks a few dozen hosts: what decides the site is kept by the part that decides it.
const recentSite = rememberRecent(256, 8192, siteOfUncached);

const SLASH = 47;
const QUESTION = 63;
const HASH = 35;

/**
 * `http(s)://host[:port]` when the URL goes on with `/`, `?` or `#` (or ends) and the host and port
 * are lower-case letters, digits, dots and hyphens: the part its site comes from, the same for every
 * path, so one kept answer serves every address on a host. Any other URL (anything the parser would
 * read otherwise: upper case, an empty host, a backslash, userinfo, spaces, escapes) is kept whole.
 */
function schemeAndAuthority(url: string): string {
  const from = url.startsWith('https://') ? 8 : url.startsWith('http://') ? 7 : -1;
  if (from < 0) return url;
  for (let i = from; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === SLASH || c === QUESTION || c === HASH) return i === from ? url : url.slice(0, i);
    const plain = (c >= 97 && c <= 122) || (c >= 48 && c <= 58) || c === 46 || c === 45;
    if (!plain) return url;
  }
  return url;
}

function siteOfUncached(url: string): string | undefined {
  const simple = simpleSite(url);
  if (simple !== null) return simple;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return siteOfHost(parsed.protocol.slice(0, -1), parsed.hostname.replace(/\.$/, ''));
}

/**
 * `http(s)://host[:port]` followed by the end, `/`, `?` or `#`, where the host is lower-case letters,
 * digits and hyphens in non-empty labels, with at most one trailing dot (left out of the match).
 * The WHATWG URL parser keeps such a host exactly as written, so the common URL needs no `new URL`:
 * a busy page has thousands of them. Anything else (upper case, userinfo, a backslash, whitespace,
 * percent-encoding, Unicode) does not match and is parsed.
 */
const SIMPLE_HTTP_URL = /^(https?):\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*)\.?(?::(\d{1,5}))?(?:[/?#]|$)/;
const DIGIT_0 = 48;
const DIGIT_9 = 57;

/**
 * The site of a URL whose host the parser keeps as written, as `siteOfHost` would give it, with
 * no array or regex over the labels; null when the URL needs the parser. A last label that starts
 * with a digit may be a number, and then the host an IPv4 address the parser rewrites (`127.1`) or
 * refuses; an `xn--` label is punycode the parser checks; a port may be past 65535.
 */
function simpleSite(url: string): string | null {
  const match = SIMPLE_HTTP_URL.exec(url);
  if (!match) return null;
  const [, scheme, host = '', port] = match;
  const lastDot = host.lastIndexOf('.');
  const first = host.charCodeAt(lastDot + 1);
  if (first >= DIGIT_0 && first <= DIGIT_9) return null;
  if (host.includes('xn--') || (port !== undefined && Number(port) > 65_535)) return null;
  if (lastDot < 0) return `${scheme}://${host}`;
  const secondDot = host.lastIndexOf('.', lastDot - 1);
  const common = secondDot >= 0 && host.length - lastDot === 3 && COMMON_SECOND_LEVEL.has(host.slice(secondDot + 1, lastDot));
  const from = common ? host.lastIndexOf('.', secondDot - 1) : secondDot;
  return `${scheme}://${from < 0 ? host : host.slice(from + 1)}`;
}

/** The site of a hostname without its trailing dot (see siteOf). */
function siteOfHost(scheme: string, host: string): string | undefined {
  if (host === '') return undefined;
  if (host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return `${scheme}://${host}`;
  const labels = host.split('.');
  const tld = labels.at(-1) ?? '';
  const second = labels.at(-2) ?? '';
  const keep = labels.length >= 3 && tld.length === 2 && COMMON_SECOND_LEVEL.has(second) ? 3 : 2;
  return `${scheme}://${labels.slice(-keep).join('.')}`;
}

/**
 * What the answer's size says it is: `content.size` (decoded bytes) when given, else the captured
 * text. Takes the fields as a parsed entry holds them, so a raw entry can be judged the same way.
 */
export function bodySizeOf(size: unknown, text: string | undefined, encoding: string | undefined): number | undefined {
  if (typeof size === 'number' && Number.isFinite(size) && size >= 0) return size;
  return text !== undefined && !encoding ? text.length : undefined;
}

/**
 * `json` in any case. A page's answers have a dozen types between them, and each string search costs
 * tens of nanoseconds: the answers for the last types seen are kept.
 */
const mentionsJson = rememberRecent(64, 256, (mimeType) => mimeType.toLowerCase().includes('json'));

/** The first half of the decision, on the answer alone: a 2xx JSON answer small enough to scan. */
export function isScannableAnswer(status: number, mimeType: string, size: number | undefined): boolean {
  if (status < 200 || status >= 300) return false;
  if (!mentionsJson(mimeType)) return false;
  return size === undefined || size <= CREATED_PAYMENT_BODY_MAX_LENGTH;
}

/**
 * The second half, on the addresses: the answer's site is that of the document that asked (its
 * `Referer` or `Origin`) or of one of the tab's pages.
 */
export function isSameSiteAnswer(url: string, referer: string | undefined, origin: string | undefined, pageUrls: readonly string[]): boolean {
  const site = siteOf(url);
  if (site === undefined) return false;
  if (referer !== undefined && siteOfDocument(referer) === site) return true;
  if (origin !== undefined && siteOfDocument(origin) === site) return true;
  for (let i = 0; i < pageUrls.length; i++) if (siteOfDocument(pageUrls[i]!) === site) return true;
  return false;
}

/** How many document addresses `siteOfDocument` keeps whole: a tab's page, its frames and their origins. */
const DOCUMENTS_KEPT = 4;
/** Longer addresses are looked up as any URL is, not kept whole. */
const DOCUMENT_URL_MAX_LENGTH = 2048;
const keptDocuments: string[] = [];
const keptDocumentSites: (string | undefined)[] = [];
let nextKeptDocument = 0;

/**
 * `siteOf` for the address of a document: a Referer, an Origin or a page. A tab's requests name the
 * same few documents again and again, as new strings each time; a whole-text comparison with the
 * last few costs a few nanoseconds, a cut and a lookup of the authority ten times that.
 */
function siteOfDocument(url: string): string | undefined {
  for (let i = 0; i < keptDocuments.length; i++) if (keptDocuments[i] === url) return keptDocumentSites[i];
  const site = siteOf(url);
  if (url.length <= DOCUMENT_URL_MAX_LENGTH) {
    keptDocuments[nextKeptDocument] = url;
    keptDocumentSites[nextKeptDocument] = site;
    nextKeptDocument = (nextKeptDocument + 1) % DOCUMENTS_KEPT;
  }
  return site;
}

/**
 * Whether an answer may carry a payment the merchant's server created: a 2xx JSON answer small
 * enough to scan, from the same site as the document that asked for it (named by the request's
 * `Referer` or `Origin`: a frame's requests carry that frame's own, so every frame counts) or as
 * one of the tab's pages. Same-site, not same-origin: merchants often answer from `api.` while the
 * page is on `www.` of the same domain. Never an element's or a beacon's load (`isElementLoad`).
 */
export function isMerchantAnswerCandidate(entry: HarEntry, pageUrls: readonly string[]): boolean {
  if (isElementLoad(entry)) return false;
  const { status, content } = entry.response;
  const size = bodySizeOf((content as { size?: unknown }).size, content.text, content.encoding);
  if (!isScannableAnswer(status, content.mimeType, size)) return false;
  const { url, headers } = entry.request;
  return isSameSiteAnswer(url, headerValue(headers, 'referer'), headerValue(headers, 'origin'), pageUrls);
}

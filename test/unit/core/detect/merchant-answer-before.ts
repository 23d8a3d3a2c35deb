/**
 * `siteOf` and `isMerchantAnswerCandidate` as they were before the fast path for simple URLs and
 * before the decision was split for the devtools page's pre-filter (commit a1a8f67), kept word for
 * word: the tests compare today's decisions with these.
 */
import { CREATED_PAYMENT_BODY_MAX_LENGTH } from '../../../../src/core/detect/find-created-payment.ts';
import { headerValue, type HarEntry } from '../../../../src/core/detect/har-entry.ts';


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
export function siteOfBefore(url: string): string | undefined {
  if (url.length > 8192) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const host = parsed.hostname.replace(/\.$/, '');
  if (host === '') return undefined;
  const scheme = parsed.protocol.slice(0, -1);
  if (host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return `${scheme}://${host}`;
  const labels = host.split('.');
  const tld = labels.at(-1) ?? '';
  const second = labels.at(-2) ?? '';
  const keep = labels.length >= 3 && tld.length === 2 && COMMON_SECOND_LEVEL.has(second) ? 3 : 2;
  return `${scheme}://${labels.slice(-keep).join('.')}`;
}

/** What the answer's size says it is: `content.size` (decoded bytes) when given, else the captured text. */
function bodySize(entry: HarEntry): number | undefined {
  const { content } = entry.response;
  const size: unknown = (content as { size?: unknown }).size;
  if (typeof size === 'number' && Number.isFinite(size) && size >= 0) return size;
  return content.text !== undefined && !content.encoding ? content.text.length : undefined;
}

/**
 * Whether an answer may carry a payment the merchant's server created: a 2xx JSON answer small
 * enough to scan, from the same site as the document that asked for it (named by the request's
 * `Referer` or `Origin`: a frame's requests carry that frame's own, so every frame counts) or as
 * one of the tab's pages. Same-site, not same-origin: merchants often answer from `api.` while the
 * page is on `www.` of the same domain.
 */
export function isMerchantAnswerCandidateBefore(entry: HarEntry, pageUrls: readonly string[]): boolean {
  const { status, content } = entry.response;
  if (status < 200 || status >= 300) return false;
  if (!content.mimeType.toLowerCase().includes('json')) return false;
  const size = bodySize(entry);
  if (size !== undefined && size > CREATED_PAYMENT_BODY_MAX_LENGTH) return false;
  const site = siteOfBefore(entry.request.url);
  if (site === undefined) return false;
  const documents = [headerValue(entry.request.headers, 'referer'), headerValue(entry.request.headers, 'origin'), ...pageUrls];
  return documents.some((url) => url !== undefined && siteOfBefore(url) === site);
}

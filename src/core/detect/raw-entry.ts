import { isElementLoad } from './element-load.ts';
import { buildHarEntry } from './har-entry-build.ts';
import { isNamed } from './har-entry.ts';
import { bodySizeOf, isSameSiteAnswer, isScannableAnswer } from './merchant-answer.ts';

/**
 * Looks at a raw HAR entry (as `JSON.parse` or `onRequestFinished` gives it) before any schema
 * parse. A busy page sends thousands of images, scripts and beacons for every Connect call, and a
 * full parse of each costs far more than these looks; the live capture and the HAR import decide
 * most entries here.
 */

/** The little of a raw entry the pre-filter looks at; anything else about it is for the schema to judge. */
type RawEntry = {
  request: { url: unknown; headers: unknown };
  response: { status: unknown; content: { mimeType: unknown; size: unknown } };
};

/**
 * Whether an entry can give an observation, judged on the raw entry: it answers false only when the
 * full path (schema parse, `classifyRequest`, `isMerchantAnswerCandidate` with these `pageUrls`)
 * would certainly give nothing: an element's or a beacon's load (`isElementLoad`), or no
 * `Authorization` header (every Client API call carries one) and not an answer
 * `isMerchantAnswerCandidate` would scan, decided by the same functions on the raw fields as the
 * schema would hand them over. `pageUrls` undefined means the pages are not known yet:
 * every 2xx JSON answer small enough to scan is kept, for the same-site look once they are. Anything
 * odd (a field of the wrong type, a getter that throws) answers true and is left to the schema.
 */
export function mayGiveObservation(raw: unknown, pageUrls: readonly string[] | undefined): boolean {
  try {
    if (isElementLoad(raw)) return false;
    const { request, response } = raw as RawEntry;
    const { headers } = request;
    if (!Array.isArray(headers)) return true;
    // One pass over the headers: any Authorization decides at once; the first Referer and Origin
    // are kept for the same-site look (a value that is not text is '' to the schema: no site).
    let referer: string | undefined;
    let origin: string | undefined;
    let seenReferer = false;
    let seenOrigin = false;
    for (let i = 0; i < headers.length; i++) {
      const header: unknown = headers[i];
      if (header === null || typeof header !== 'object') return true;
      const { name } = header as { name?: unknown };
      if (typeof name !== 'string') return true;
      // Only these three lengths matter: most names are decided by their length alone.
      if (name.length === 13) {
        if (isNamed(name, 'authorization')) return true;
      } else if (name.length === 7 && !seenReferer && isNamed(name, 'referer')) {
        seenReferer = true;
        referer = textOf(header);
      } else if (name.length === 6 && !seenOrigin && isNamed(name, 'origin')) {
        seenOrigin = true;
        origin = textOf(header);
      }
    }
    const { status, content } = response;
    if (typeof status !== 'number') return true;
    // The schema turns a mimeType that is not text into '', which is not JSON either.
    const mimeType = typeof content.mimeType === 'string' ? content.mimeType : '';
    // Without a usable `size`, the parsed entry may know the length from its text: assume nothing here.
    if (!isScannableAnswer(status, mimeType, bodySizeOf(content.size, undefined, undefined))) return false;
    if (pageUrls === undefined) return true;
    const { url } = request;
    if (typeof url !== 'string') return true;
    return isSameSiteAnswer(url, referer, origin, pageUrls);
  } catch {
    return true;
  }
}

function textOf(header: object): string | undefined {
  const { value } = header as { value?: unknown };
  return typeof value === 'string' ? value : undefined;
}

/**
 * Whether `parseHarEntry` would accept a value. It counts the entries the pre-filter drops, so an
 * import says how many requests it read as a full parse of each would.
 */
export function isHarEntryShape(raw: unknown): boolean {
  return buildHarEntry(raw) !== undefined;
}

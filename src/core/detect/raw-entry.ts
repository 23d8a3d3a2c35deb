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
 * Whether a header name is `lower` (lower-case ASCII) in any case. Only `A`–`Z` lower to ASCII
 * letters (and the Kelvin sign to `k`), one for one, so a name of another length or with another
 * first letter never is: two looks that spare nearly every header of a request its `toLowerCase`.
 */
function isNamed(name: string, lower: string): boolean {
  return name.length === lower.length && (name.charCodeAt(0) | 0x20) === lower.charCodeAt(0) && name.toLowerCase() === lower;
}

/** The value of the first header of that name, as headerValue finds it; a value that is not text is '' to the schema, which has no site either. */
function firstText(headers: readonly { name: string; value?: unknown }[], lower: string): string | undefined {
  for (const header of headers) {
    if (isNamed(header.name, lower)) return typeof header.value === 'string' ? header.value : undefined;
  }
  return undefined;
}

/**
 * Whether an entry can give an observation, judged on the raw entry: it answers false only when the
 * full path (schema parse, `classifyRequest`, `isMerchantAnswerCandidate` with these `pageUrls`)
 * would certainly give nothing: no `Authorization` header (every Client API call carries one) and
 * not an answer `isMerchantAnswerCandidate` would scan, decided by the same functions on the raw
 * fields as the schema would hand them over. `pageUrls` undefined means the pages are not known yet:
 * every 2xx JSON answer small enough to scan is kept, for the same-site look once they are. Anything
 * odd (a field of the wrong type, a getter that throws) answers true and is left to the schema.
 */
export function mayGiveObservation(raw: unknown, pageUrls: readonly string[] | undefined): boolean {
  try {
    const { request, response } = raw as RawEntry;
    const { headers } = request;
    if (!Array.isArray(headers)) return true;
    for (let i = 0; i < headers.length; i++) {
      const header: unknown = headers[i];
      if (header === null || typeof header !== 'object') return true;
      const { name } = header as { name?: unknown };
      if (typeof name !== 'string') return true;
      if (isNamed(name, 'authorization')) return true;
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
    const named = headers as { name: string; value?: unknown }[];
    return isSameSiteAnswer(url, firstText(named, 'referer'), firstText(named, 'origin'), pageUrls);
  } catch {
    return true;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** Text within `max`, measured as the schema measures it: in code points (a surrogate pair is one). */
function isText(value: unknown, max: number): value is string {
  if (typeof value !== 'string') return false;
  if (value.length <= max) return true;
  if (value.length > 2 * max) return false;
  let length = value.length;
  for (let i = 0; i < value.length - 1; i++) {
    if ((value.charCodeAt(i) & 0xfc00) === 0xd800 && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length--;
      i++;
    }
  }
  return length <= max;
}

/**
 * Whether the schema can measure a value where it caps a length: it reads the `length` of anything
 * that has one, text or not, and compares it with a number, which throws for a `length` that is an
 * object with neither a usable `valueOf` nor `toString` (`{"length":{"toString":""}}`). A value
 * it cannot measure fails the whole entry, even where a wrong value is otherwise caught.
 */
function isMeasurable(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  try {
    const { length } = value as { length?: unknown };
    if (length !== undefined) Number(length);
    return true;
  } catch {
    return false;
  }
}

function isHeaderList(value: unknown): boolean {
  if (!Array.isArray(value) || value.length > 1000) return false;
  for (const header of value as unknown[]) if (!isObject(header) || !isText(header.name, 256) || !isMeasurable(header.value)) return false;
  return true;
}

/**
 * Whether `parseHarEntry` would accept a value `JSON.parse` made, without building the parsed entry:
 * the required fields of `harEntrySchema` with their types and caps (fields the schema catches
 * accept anything). It counts the entries the pre-filter drops, so an import says how many requests
 * it read as a full parse of each would. Tests hold it to `parseHarEntry` on generated entries.
 */
export function isHarEntryShape(raw: unknown): boolean {
  try {
    if (!isObject(raw)) return false;
    const { startedDateTime, time, request, response } = raw;
    if (!isText(startedDateTime, 64) || Number.isNaN(Date.parse(startedDateTime))) return false;
    if (typeof time !== 'number' || !Number.isFinite(time)) return false;
    if (!isObject(request) || !isText(request.method, 16) || !isText(request.url, 8192) || !isHeaderList(request.headers)) return false;
    if (!isObject(response) || !Number.isSafeInteger(response.status) || !isHeaderList(response.headers)) return false;
    const { content } = response;
    return isObject(content) && isMeasurable(content.mimeType) && isMeasurable(content.text) && isMeasurable(content.encoding);
  } catch {
    return false;
  }
}

import type { Observation } from '../../core/detect/observation.ts';
import { parseClientApiRequestUrl } from '../../core/connect/client-api-url.ts';
import { classifyRequest } from '../../core/detect/classify-request.ts';
import { findCreatedPayment } from '../../core/detect/find-created-payment.ts';
import { headerValue, parseHarEntry, responseText, type HarEntry } from '../../core/detect/har-entry.ts';
import { bodySizeOf, isMerchantAnswerCandidate, isSameSiteAnswer, isScannableAnswer } from '../../core/detect/merchant-answer.ts';

/** A HAR entry as `devtools.network.onRequestFinished` gives it: the body is fetched on demand. */
export type LiveEntry = { getContent?: (callback: (content: string, encoding: string) => void) => void };

const THIRD_PARTY_STATUS_PATH = /\/client\/v[12]\/[^/]+\/payments\/[^/]+\/thirdpartystatus(?:[?#]|$)/;
/** Error answers of the Client API are a few hundred bytes; a bigger one is not what we look for. */
const ERROR_BODY_MAX_SIZE = 64 * 1024;

function readContent(raw: LiveEntry): Promise<{ text: string; encoding: string } | undefined> {
  if (typeof raw.getContent !== 'function') return Promise.resolve(undefined);
  return new Promise((resolve) => {
    try {
      raw.getContent!((text, encoding) => resolve(typeof text === 'string' ? { text, encoding } : undefined));
    } catch {
      resolve(undefined);
    }
  });
}

function withBody(entry: HarEntry, body: { text: string; encoding: string } | undefined): HarEntry {
  if (!body) return entry;
  return {
    ...entry,
    response: { ...entry.response, content: { ...entry.response.content, text: body.text, encoding: body.encoding || undefined } },
  };
}

/**
 * A Client API answer whose body says something: the status of a thirdpartystatus call, or the
 * error codes of any non-2xx answer (403 with 9008 refuses the session, whichever call got it).
 */
function needsBody(entry: HarEntry): boolean {
  const { url } = entry.request;
  const { status, content } = entry.response;
  if (status === 200) return THIRD_PARTY_STATUS_PATH.test(url);
  if (status === 0 || (status >= 200 && status < 300)) return false;
  const size: unknown = (content as { size?: unknown }).size;
  return typeof size === 'number' && size >= 0 && size <= ERROR_BODY_MAX_SIZE && parseClientApiRequestUrl(url) !== null;
}

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
 * Whether an entry can give an observation or need its body, judged on the raw entry before any
 * schema parse: a busy page sends thousands of images, scripts and beacons for every Connect call,
 * and a full parse of each costs far more than this look. It answers false only when the full path
 * (`observeEveryEntry`) would certainly give nothing and read nothing: no `Authorization` header
 * (every Client API call carries one) and not an answer `isMerchantAnswerCandidate` would scan,
 * decided by the same functions on the raw fields as the schema would hand them over. Anything odd
 * (a field of the wrong type, a getter that throws) answers true and is left to the schema.
 */
export function mayMatter(raw: unknown, pageUrl: string | undefined): boolean {
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
    const { url } = request;
    if (typeof url !== 'string') return true;
    const named = headers as { name: string; value?: unknown }[];
    return isSameSiteAnswer(url, firstText(named, 'referer'), firstText(named, 'origin'), pageUrl === undefined ? [] : [pageUrl]);
  } catch {
    return true;
  }
}

/**
 * Turns one finished request into observations: a Client API call (and the payment id of a
 * thirdpartystatus call), or a payment found in the merchant's own create-payment response.
 * Bodies are read only for the answers that need them; most entries end at the pre-filter.
 */
export function observeEntry(raw: unknown, pageUrl: string | undefined): Promise<Observation[]> {
  return mayMatter(raw, pageUrl) ? observeEveryEntry(raw, pageUrl) : Promise.resolve([]);
}

/** `observeEntry` without the pre-filter: the schema parse and every decision, for every entry. */
export async function observeEveryEntry(raw: unknown, pageUrl: string | undefined): Promise<Observation[]> {
  const parsed = parseHarEntry(raw);
  if (!parsed.ok) return [];
  let entry = parsed.value;
  const live = raw as LiveEntry;

  if (headerValue(entry.request.headers, 'authorization') !== undefined) {
    if (entry.response.content.text === undefined && needsBody(entry)) entry = withBody(entry, await readContent(live));
    const call = classifyRequest(entry, 'network');
    if (call) {
      const observations: Observation[] = [call];
      if (call.paymentId) {
        observations.push({ kind: 'payment', at: call.at, paymentId: call.paymentId, source: 'thirdpartystatus-call', clientSessionId: call.clientSessionId });
      }
      return observations;
    }
  }

  if (isMerchantAnswerCandidate(entry, pageUrl === undefined ? [] : [pageUrl])) {
    if (entry.response.content.text === undefined) entry = withBody(entry, await readContent(live));
    const text = responseText(entry);
    if (text) {
      const payment = findCreatedPayment(text, entry.request.url, Date.parse(entry.startedDateTime));
      if (payment) return [payment];
    }
  }
  return [];
}

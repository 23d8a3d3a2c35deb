import type { Observation } from '../../core/detect/observation.ts';
import { classifyRequest, mayBeClientApiUrl, parseRecentClientApiUrl } from '../../core/detect/classify-request.ts';
import { findCreatedPayment } from '../../core/detect/find-created-payment.ts';
import { headerValue, parseHarEntry, responseText, type HarEntry } from '../../core/detect/har-entry.ts';
import { bodySizeOf, isMerchantAnswerCandidate, isScannableAnswer } from '../../core/detect/merchant-answer.ts';
import { mayGiveObservation } from '../../core/detect/raw-entry.ts';
import { isElementLoad } from '../../core/detect/element-load.ts';

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

/**
 * The entry with its body, as a new entry of only what the classifiers read (the parsed entry may be
 * Chrome's own object, and a copy of all its fields cost more than the rest of a candidate's look).
 */
function withBody(entry: HarEntry, body: { text: string; encoding: string } | undefined): HarEntry {
  if (!body) return entry;
  const { request, response } = entry;
  const { content } = response;
  return {
    startedDateTime: entry.startedDateTime,
    time: entry.time,
    request,
    response: {
      status: response.status,
      headers: response.headers,
      content: { mimeType: content.mimeType, size: (content as { size?: unknown }).size, text: body.text, encoding: body.encoding || undefined },
    },
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
  return typeof size === 'number' && size >= 0 && size <= ERROR_BODY_MAX_SIZE && parseRecentClientApiUrl(url) !== null;
}

/**
 * Whether an entry can give an observation or need its body, judged on the raw entry before any
 * schema parse (`mayGiveObservation`, which the HAR import uses too): a busy page sends thousands of
 * images, scripts and beacons for every Connect call, and a full parse of each costs far more than
 * this look. It answers false only when the full path (`observeEveryEntry`) would certainly give
 * nothing and read nothing; anything odd answers true and is left to the schema.
 */
export function mayMatter(raw: unknown, pageUrl: string | undefined): boolean {
  return !isPlainlyNothing(raw) && mayGiveObservation(raw, pageUrl === undefined ? [] : [pageUrl]);
}

/**
 * Most of a busy page's entries (images, scripts, beacons), decided without a look at a header: an
 * answer `isMerchantAnswerCandidate` never scans (not 2xx, not JSON, or too large) to a URL that
 * cannot be a Client API call's, where an `Authorization` header changes nothing (no call, no body
 * read). Every header is an object of its own, so the headers are most of what an entry costs to
 * look at. The raw fields decide as the parsed ones would: a mimeType the schema turns into '' is
 * not JSON either, and `size` is handed over as it is.
 */
function isPlainlyNothing(raw: unknown): boolean {
  try {
    // Images, scripts, stylesheets, fonts and beacons: one look, and nothing else of them is read.
    if (isElementLoad(raw)) return true;
    const { request, response } = raw as { request: { url: unknown }; response: { status: unknown; content: { mimeType: unknown; size: unknown } } };
    const { url } = request;
    const { status, content } = response;
    if (typeof url !== 'string' || typeof status !== 'number' || mayBeClientApiUrl(url)) return false;
    const mimeType = typeof content.mimeType === 'string' ? content.mimeType : '';
    return !isScannableAnswer(status, mimeType, bodySizeOf(content.size, undefined, undefined));
  } catch {
    return false;
  }
}

const NOTHING: readonly Observation[] = Object.freeze([]);

/**
 * Turns one finished request into observations: a Client API call (and the payment id of a
 * thirdpartystatus call), or a payment found in the merchant's own create-payment response.
 * Bodies are read only for the answers that need them; most entries end at the pre-filter, at once
 * (no promise: on a busy page a promise and its turn per entry cost more than the look itself).
 */
export function observeEntry(raw: unknown, pageUrl: string | undefined): readonly Observation[] | Promise<Observation[]> {
  return mayMatter(raw, pageUrl) ? observeEveryEntry(raw, pageUrl) : NOTHING;
}

/** `observeEntry` without the pre-filter: the schema parse and every decision, for every entry. */
export async function observeEveryEntry(raw: unknown, pageUrl: string | undefined): Promise<Observation[]> {
  const parsed = parseHarEntry(raw);
  if (!parsed.ok) return [];
  let entry = parsed.value;
  // No call and no answer to read: not even a body is fetched.
  if (isElementLoad(entry)) return [];
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

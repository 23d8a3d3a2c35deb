import type { Observation } from '../../core/detect/observation.ts';
import { classifyRequest } from '../../core/detect/classify-request.ts';
import { findCreatedPayment } from '../../core/detect/find-created-payment.ts';
import { headerValue, parseHarEntry, responseText, type HarEntry } from '../../core/detect/har-entry.ts';
import { isMerchantAnswerCandidate } from '../../core/detect/merchant-answer.ts';

/** A HAR entry as `devtools.network.onRequestFinished` gives it: the body is fetched on demand. */
export type LiveEntry = { getContent?: (callback: (content: string, encoding: string) => void) => void };

const THIRD_PARTY_STATUS_PATH = /\/client\/v[12]\/[^/]+\/payments\/[^/]+\/thirdpartystatus(?:[?#]|$)/;

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
 * Turns one finished request into observations: a Client API call (and the payment id of a
 * thirdpartystatus call), or a payment found in the merchant's own create-payment response.
 * Bodies are read only for the two kinds of request that need them.
 */
export async function observeEntry(raw: unknown, pageUrl: string | undefined): Promise<Observation[]> {
  const parsed = parseHarEntry(raw);
  if (!parsed.ok) return [];
  let entry = parsed.value;
  const live = raw as LiveEntry;

  if (headerValue(entry.request.headers, 'authorization') !== undefined) {
    if (THIRD_PARTY_STATUS_PATH.test(entry.request.url) && entry.response.status === 200 && entry.response.content.text === undefined) {
      entry = withBody(entry, await readContent(live));
    }
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

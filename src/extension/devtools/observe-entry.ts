import type { Observation } from '../../core/detect/observation.ts';
import { classifyRequest } from '../../core/detect/classify-request.ts';
import { CREATED_PAYMENT_BODY_MAX_LENGTH, findCreatedPayment } from '../../core/detect/find-created-payment.ts';
import { headerValue, parseHarEntry, type HarEntry } from '../../core/detect/har-entry.ts';
import { originOf } from '../../core/url-origin.ts';

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

function sameOrigin(url: string, pageUrl: string | undefined): boolean {
  const origin = originOf(url);
  return origin !== undefined && origin === originOf(pageUrl ?? '');
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

  const mime = entry.response.content.mimeType.toLowerCase();
  const size = Number((entry.response.content as { size?: unknown }).size ?? 0);
  if (
    mime.includes('json') &&
    entry.response.status >= 200 &&
    entry.response.status < 300 &&
    size <= CREATED_PAYMENT_BODY_MAX_LENGTH &&
    sameOrigin(entry.request.url, pageUrl)
  ) {
    const text = entry.response.content.text ?? (await readContent(live))?.text;
    if (text) {
      const payment = findCreatedPayment(text, entry.request.url, Date.parse(entry.startedDateTime));
      if (payment) return [payment];
    }
  }
  return [];
}

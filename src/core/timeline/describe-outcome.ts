import type { PlatformError, PollOutcome } from './poll-record.ts';

const BODY_NAMES = { json: 'JSON', html: 'HTML page', text: 'text', empty: 'empty body' } as const;

/** `9008 ACCESS_TO_CONSUMER_ID_NOT_ALLOWED`: the platform's own words for an error. */
function platformWords(error: PlatformError | undefined): string | undefined {
  const first = error?.errors[0];
  if (!first) return undefined;
  const name = first.id ?? first.message;
  return name === undefined ? first.code : `${first.code} ${name}`;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** A short title for a poll's outcome, for a timeline row or a status line. */
export function describeOutcome(outcome: PollOutcome, httpStatus?: number): string {
  const http = httpStatus === undefined ? '' : `${httpStatus}`;
  const what = (error: PlatformError | undefined, body: keyof typeof BODY_NAMES) =>
    platformWords(error) ?? BODY_NAMES[body];
  switch (outcome.kind) {
    case 'status':
      return outcome.status;
    case 'unknown-status':
      return `Undocumented status ${JSON.stringify(outcome.value)}`;
    case 'session-expired':
      return `Session expired (403, ${what(outcome.error, 'json')})`;
    case 'not-found':
      // Only the platform's JSON error says the API looked for the payment; a bare 404 (the front
      // end's HTML page) may as well mean the address is no Client API at all.
      return outcome.error
        ? `Payment not found (404, ${what(outcome.error, outcome.body)})`
        : `Not found (404, ${BODY_NAMES[outcome.body]}): unknown payment, or not a Client API address`;
    case 'rate-limited':
      return outcome.retryAfterMs === undefined
        ? 'Rate limited (429)'
        : `Rate limited (429, retry after ${seconds(outcome.retryAfterMs)})`;
    case 'server-error':
      return `Server error ${http} (${what(outcome.error, outcome.body)})`;
    case 'client-error':
      return `Client error ${http} (${what(outcome.error, outcome.body)})`;
    case 'malformed':
      return `Not a status answer${http ? ` (${http})` : ''}: ${outcome.description}`;
    case 'network-error':
      return `Network error: ${outcome.message}`;
    case 'timeout':
      return `No answer within ${seconds(outcome.afterMs)}`;
  }
}

import { buildPollRequest, classifyPollResponse, type RawResponse } from '../../../../src/core/poll/poll-request.ts';
import type { TimelineRow } from '../../../../src/core/timeline/build-timeline.ts';
import type { PollOutcome, PollRecord } from '../../../../src/core/timeline/poll-record.ts';

export const SESSION_ID = '51d29012e6ce4b81afa6cc7551ef4e36';
export const target = {
  clientApiUrl: 'https://ams1.sandbox.api-ingenico.com/client',
  customerId: '9991-66bb4ae9335c4d11a350d39ddd9a3139',
  paymentId: '000000123410000595980000100001',
  clientSessionId: SESSION_ID,
};
export const START = Date.UTC(2025, 0, 15, 9, 0, 0);

/**
 * A poll in shorthand: a status name (documented or not), an HTTP status code as a string
 * ('503', '404', '429', '403'), 'timeout', 'network' or 'html' (a 200 HTML page).
 */
export type Shorthand = string;

function answer(step: Shorthand): RawResponse | PollOutcome {
  switch (step) {
    case 'timeout':
      return { kind: 'timeout', afterMs: 10_000 };
    case 'network':
      return { kind: 'network-error', message: 'TypeError: Failed to fetch' };
    case 'html':
      return { status: 200, headers: { 'content-type': 'text/html' }, bodyText: '<html><body>Sign in</body></html>' };
    case '503':
      return { status: 503, headers: { 'content-type': 'text/html' }, bodyText: '<html>Service Unavailable</html>' };
    case '429':
      return { status: 429, headers: { 'retry-after': '2' }, bodyText: '' };
    case '403':
      return {
        status: 403,
        headers: { 'content-type': 'application/json' },
        bodyText: JSON.stringify({ errorId: 'e1', errors: [{ code: '9008', id: 'ACCESS_TO_CONSUMER_ID_NOT_ALLOWED' }] }),
      };
    case '404':
      return { status: 404, headers: {}, bodyText: '' };
    default:
      return { status: 200, headers: { 'content-type': 'application/json' }, bodyText: JSON.stringify({ thirdPartyStatus: step }) };
  }
}

/** Records as the poller makes them: one a second, each answered after 100 ms, seq from 0. */
export function makeRecords(steps: readonly Shorthand[], { start = START, everyMs = 1000 } = {}): PollRecord[] {
  const request = buildPollRequest(target, { toolVersion: '0.1.0', platformIdentifier: 'Mozilla/5.0' });
  return steps.map((step, seq) => {
    const startedAt = start + seq * everyMs;
    const endedAt = startedAt + 100;
    const result = answer(step);
    if ('kind' in result) return { seq, source: 'poll', startedAt, endedAt, request, outcome: result };
    return {
      seq,
      source: 'poll',
      startedAt,
      endedAt,
      request,
      response: { status: result.status, headers: result.headers, bodyText: result.bodyText },
      outcome: classifyPollResponse(result, endedAt),
    };
  });
}

export const repeat = (step: Shorthand, times: number): Shorthand[] => Array.from({ length: times }, () => step);

/** Rows without the list of records behind them: what folding may shrink, and nothing else. */
export const withoutRefs = (rows: readonly TimelineRow[]) =>
  rows.map((row) => {
    if (row.kind === 'state') return { ...row, recordSeqs: [] };
    if (row.kind === 'error') return { ...row, recordSeqs: [], kinds: row.kinds.map((kind) => ({ ...kind, recordSeqs: [] })) };
    return row;
  });

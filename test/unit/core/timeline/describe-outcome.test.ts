import { describe, expect, it } from 'vitest';
import { describeOutcome } from '../../../../src/core/timeline/describe-outcome.ts';
import type { PollOutcome } from '../../../../src/core/timeline/poll-record.ts';

const unknownPayment = { errorId: 'b', errors: [{ code: '1002', id: 'UNKNOWN_PAYMENT_ID' }] };

describe('describeOutcome', () => {
  const rows: [string, PollOutcome, number | undefined, string][] = [
    ['a status', { kind: 'status', status: 'WAITING' }, 200, 'WAITING'],
    ["the platform's 404 error body", { kind: 'not-found', error: unknownPayment, body: 'json' }, 404, 'Payment not found (404, 1002 UNKNOWN_PAYMENT_ID)'],
    [
      "the front end's HTML 404",
      { kind: 'not-found', body: 'html' },
      404,
      'Not found (404, HTML page): unknown payment, or not a Client API address',
    ],
    [
      'a 404 with JSON of another shape',
      { kind: 'not-found', body: 'json' },
      404,
      'Not found (404, JSON): unknown payment, or not a Client API address',
    ],
    ['an empty 404', { kind: 'not-found', body: 'empty' }, 404, 'Not found (404, empty body): unknown payment, or not a Client API address'],
    ["the front end's HTML 405", { kind: 'client-error', body: 'html' }, 405, 'Client error 405 (HTML page)'],
  ];
  it.each(rows)('%s', (_name, outcome, status, expected) => {
    expect(describeOutcome(outcome, status)).toBe(expected);
  });
});

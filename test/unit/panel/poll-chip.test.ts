import { describe, expect, it } from 'vitest';
import { announce, lastStatus, latestPollOf, pollChip } from '../../../src/panel/state/poll-chip.ts';
import type { PaymentPoll } from '../../../src/panel/state/poll-manager.ts';
import type { PollRecord } from '../../../src/core/timeline/poll-record.ts';

const T0 = Date.UTC(2025, 5, 1, 9, 0, 0);
const target = { clientApiUrl: 'https://c.example/client', customerId: 'c1', paymentId: 'pay-1', clientSessionId: 'a'.repeat(32) };

function record(seq: number, outcome: PollRecord['outcome']): PollRecord {
  return { seq, source: 'poll', startedAt: T0 + seq * 1000, endedAt: T0 + seq * 1000 + 50, request: { method: 'GET', url: 'https://c.example/', headers: {} }, outcome };
}

function poll(outcomes: PollRecord['outcome'][], running: boolean, extra: Partial<PaymentPoll> = {}): PaymentPoll {
  return {
    key: 'k1',
    target,
    records: outcomes.map((o, i) => record(i, o)),
    state: { phase: running ? 'running' : 'stopped', running, inFlight: false, polls: outcomes.length, errors: 0, failuresInARow: 0, intervalMs: 2000 },
    ...extra,
  } as PaymentPoll;
}

const status = (s: string) => ({ kind: 'status', status: s }) as PollRecord['outcome'];
const serverError = { kind: 'server-error', httpStatus: 503 } as unknown as PollRecord['outcome'];

describe('a payment’s poll chip', () => {
  it('says "not polled" without a poll', () => {
    expect(pollChip(undefined)).toMatchObject({ label: 'not polled', tone: 'none' });
  });

  it('shows the last status of a live poll, and an error after it', () => {
    expect(pollChip(poll([status('WAITING'), status('AUTHORIZED')], true))).toMatchObject({ label: 'AUTHORIZED', tone: 'live' });
    expect(pollChip(poll([status('WAITING'), serverError], true))).toMatchObject({ label: 'WAITING', tone: 'error', description: 'Polling: WAITING, the last answer was an error' });
  });

  it('tells a poll that reached COMPLETED from one stopped on the way', () => {
    expect(pollChip(poll([status('WAITING'), status('COMPLETED')], false))).toMatchObject({ label: 'COMPLETED', tone: 'done' });
    const stopped = poll([status('WAITING')], false, { stop: { at: T0, reason: 'user', message: 'Stopped by the user.' } as PaymentPoll['stop'] });
    expect(pollChip(stopped)).toMatchObject({ label: 'WAITING', tone: 'stopped', description: 'Stopped at WAITING: Stopped by the user.' });
  });

  it('finds the last status behind errors, and the latest poll of a payment', () => {
    expect(lastStatus(poll([status('INITIALIZED'), serverError, serverError], true))).toBe('INITIALIZED');
    const first = poll([status('WAITING')], false);
    const again = { ...poll([], true), key: 'k2' };
    expect(latestPollOf([first, again], 'pay-1')).toBe(again);
    expect(latestPollOf([first], 'other')).toBeUndefined();
  });
});

describe('polite announcements', () => {
  it('announces a change of status once, and nothing for a poll with no answer yet', () => {
    const start = announce(new Map(), [poll([], true)]);
    expect(start.text).toBeUndefined();
    const first = announce(start.seen, [poll([status('WAITING')], true)]);
    expect(first.text).toBe('Payment pay-1: Polling: WAITING.');
    const same = announce(first.seen, [poll([status('WAITING'), status('WAITING')], true)]);
    expect(same.text).toBeUndefined();
    const done = announce(same.seen, [poll([status('WAITING'), status('COMPLETED')], false)]);
    expect(done.text).toBe('Payment pay-1: Polled to COMPLETED.');
  });
});

import { describe, expect, it } from 'vitest';
import { classifyPollResponse } from '../../../src/core/poll/poll-request.ts';
import { completesLate, flakyPlatform, staysWaiting } from '../../../scripts/bench/payment-script.ts';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 0, 15, 9);
const outcomeAt = (scenario: typeof completesLate, elapsedMs: number) => {
  const outcome = classifyPollResponse(scenario.answerAt(elapsedMs, NOW), NOW);
  return outcome.kind === 'status' ? outcome.status : outcome.kind;
};

describe('the scripted platform of the benchmark', () => {
  it.each([
    [0, 'WAITING'],
    [39 * MINUTE, 'WAITING'],
    [40 * MINUTE, 'INITIALIZED'],
    [41 * MINUTE, 'AUTHORIZED'],
    [55 * MINUTE + 10_000, 'server-error'],
    [85 * MINUTE + 500, 'rate-limited'],
    [114 * MINUTE, 'AUTHORIZED'],
    [115 * MINUTE, 'COMPLETED'],
  ])('completes-late at %d ms answers %s', (elapsedMs, expected) => {
    expect(outcomeAt(completesLate, elapsedMs)).toBe(expected);
  });

  it('answers as the poller reads a real answer: JSON, a length, a date, Retry-After on the 429', () => {
    const answer = completesLate.answerAt(85 * MINUTE, NOW);
    expect(answer.headers).toMatchObject({ 'content-type': 'application/json', 'retry-after': '5', date: new Date(NOW).toUTCString() });
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.bodyText));
  });

  it('stays WAITING for good, and the flaky platform fails one second in twenty, with a new error each time', () => {
    expect(outcomeAt(staysWaiting, 119 * MINUTE)).toBe('WAITING');
    const seconds = Array.from({ length: 80 }, (_, s) => flakyPlatform.answerAt(s * 1000, NOW).status);
    expect(seconds.filter((status) => status !== 200)).toEqual([503, 502, 500, 429]);
  });
});

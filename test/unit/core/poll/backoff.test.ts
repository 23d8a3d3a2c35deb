import { describe, expect, it } from 'vitest';
import { createBackoff, retryAfterWaitMs } from '../../../../src/core/poll/backoff.ts';

describe('createBackoff', () => {
  it('grows by up to three times per failure, from the base, up to the cap', () => {
    const top = createBackoff({ capMs: 30_000, random: () => 1 });
    expect([1, 2, 3, 4, 5].map(() => top.failure(1000))).toEqual([3000, 9000, 27_000, 30_000, 30_000]);
    expect(top.failures).toBe(5);
    const bottom = createBackoff({ capMs: 30_000, random: () => 0 });
    expect([1, 2, 3].map(() => bottom.failure(1000))).toEqual([1000, 1000, 1000]);
  });

  it('draws each wait between the base and three times the previous one', () => {
    const draws = [0.25, 0.5, 0.75, 0.1];
    const backoff = createBackoff({ capMs: 60_000, random: () => draws.shift() ?? 0 });
    // 1000 + 0.25 × (3000 − 1000), then 1000 + 0.5 × (4500 − 1000), …
    expect([1, 2, 3, 4].map(() => backoff.failure(1000))).toEqual([1500, 2750, 6438, 2831]);
  });

  it('starts again from the base after a reset', () => {
    const backoff = createBackoff({ capMs: 30_000, random: () => 1 });
    backoff.failure(1000);
    backoff.failure(1000);
    backoff.reset();
    expect(backoff.failures).toBe(0);
    expect(backoff.failure(1000)).toBe(3000);
  });

  it('survives a random source that misbehaves, and a base above the cap', () => {
    expect(createBackoff({ capMs: 30_000, random: () => Number.NaN }).failure(1000)).toBe(1000);
    expect(createBackoff({ capMs: 30_000, random: () => 7 }).failure(1000)).toBe(3000);
    expect(createBackoff({ capMs: 5000, random: () => 0.5 }).failure(60_000)).toBe(5000);
  });
});

describe('retryAfterWaitMs', () => {
  it('waits what was asked, but never less than the interval nor more than the limit', () => {
    expect(retryAfterWaitMs(7000, 1000, 300_000)).toBe(7000);
    expect(retryAfterWaitMs(0, 1000, 300_000)).toBe(1000);
    expect(retryAfterWaitMs(86_400_000, 1000, 300_000)).toBe(300_000);
  });
});

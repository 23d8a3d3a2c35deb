import { describe, expect, it } from 'vitest';
import {
  bootstrapRatioInterval,
  compareSideBySide,
  compareWithGoal,
  roundsFor,
  seededRandom,
  splitEvenly,
  turnOrder,
} from '../../../scripts/bench/side-by-side.ts';

/** Samples around `center`, spread ±spread, in a fixed order that mixes low and high values. */
const around = (center: number, spread: number, n = 30) =>
  Array.from({ length: n }, (_, i) => center + spread * Math.sin(i * 2.4));

describe('seededRandom', () => {
  it('gives the same numbers for the same seed, in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(990);
  });

  it('gives other numbers for another seed', () => {
    expect(seededRandom(1)()).not.toBe(seededRandom(2)());
  });
});

describe('bootstrapRatioInterval', () => {
  it('is exactly 1 when every sample is the same', () => {
    expect(bootstrapRatioInterval([5, 5, 5, 5], [5, 5, 5])).toEqual({ low: 1, high: 1 });
  });

  it('holds the true ratio of two groups and stays near it', () => {
    const control = around(100, 10);
    const interval = bootstrapRatioInterval(control, control.map((x) => x * 2));
    expect(interval.low).toBeLessThanOrEqual(2);
    expect(interval.high).toBeGreaterThanOrEqual(2);
    expect(interval.low).toBeGreaterThan(1.6);
    expect(interval.high).toBeLessThan(2.5);
  });

  it('is the same on every call with the same seed', () => {
    const control = around(100, 20);
    const treated = around(110, 20);
    expect(bootstrapRatioInterval(control, treated)).toEqual(bootstrapRatioInterval(control, treated));
  });

  it('narrows as the samples grow', () => {
    const width = (n: number) => {
      const interval = bootstrapRatioInterval(around(100, 20, n), around(100, 20, n));
      return interval.high - interval.low;
    };
    expect(width(200)).toBeLessThan(width(10));
  });

  it('is NaN without samples rather than a made-up interval', () => {
    expect(bootstrapRatioInterval([], [1, 2])).toEqual({ low: Number.NaN, high: Number.NaN });
    expect(bootstrapRatioInterval([1, 2], [])).toEqual({ low: Number.NaN, high: Number.NaN });
  });
});

/** Two baseline browsers from one list of samples: every other sample to each. */
const twoBrowsers = (values: readonly number[]) => ({
  first: values.filter((_, i) => i % 2 === 0),
  second: values.filter((_, i) => i % 2 === 1),
});

describe('compareSideBySide: not measurable above the noise', () => {
  it('passes two samples of the same setup, and reports their medians and ratio', () => {
    const without = around(200, 30);
    const result = compareSideBySide(twoBrowsers(without), [...without].reverse());
    expect(result.without.median).toBeCloseTo(result.with.median, 10);
    expect(result.without.n).toBe(30);
    expect(result.ratio).toBeCloseTo(1, 10);
    expect(result.difference).toBeCloseTo(0, 10);
    expect(result.pass).toBe(true);
  });

  it('fails a difference far larger than the spread of the samples', () => {
    const without = around(200, 5);
    const result = compareSideBySide(twoBrowsers(without), without.map((x) => x * 1.3));
    expect(result.ratio).toBeCloseTo(1.3, 2);
    expect(result.noise).toBeLessThan(0.1);
    expect(result.pass).toBe(false);
  });

  it('passes a small difference that noisy samples cannot tell from none', () => {
    const without = around(200, 80);
    const result = compareSideBySide(twoBrowsers(without), without.map((x) => x * 1.03));
    expect(Math.abs(result.ratio - 1)).toBeLessThan(result.noise);
    expect(result.pass).toBe(true);
  });

  it('compares the baseline browsers with each other: the A/A ratio is the second over the first', () => {
    const first = around(100, 2, 15);
    const result = compareSideBySide({ first, second: first.map((x) => x * 1.1) }, around(105, 2, 15));
    expect(result.aaRatio).toBeCloseTo(1.1, 10);
    expect(result.without.n).toBe(30);
  });

  it('takes as noise the larger of the bootstrap half-width and the A/A distance', () => {
    // Two baseline browsers 20% apart, each steady: the bootstrap alone would call a 10% change measurable.
    const first = around(100, 1, 20);
    const second = first.map((x) => x * 1.2);
    const withIt = around(121, 1, 20);
    const result = compareSideBySide({ first, second }, withIt);
    const halfWidth = (result.interval.high - result.interval.low) / 2;
    expect(result.noise).toBe(Math.max(Math.abs(result.aaRatio - 1), halfWidth));
    expect(result.noise).toBeCloseTo(0.2, 10);
    expect(result.pass).toBe(true);
  });

  it('never passes when nothing was measured', () => {
    expect(compareSideBySide({ first: [], second: [] }, []).pass).toBe(false);
    expect(compareSideBySide({ first: [100], second: [101] }, []).pass).toBe(false);
  });

  it('judges a ratio below 1 by its distance too: a page faster with the hook is a bench to look at', () => {
    const without = around(200, 5);
    expect(compareSideBySide(twoBrowsers(without), without.map((x) => x * 0.7)).pass).toBe(false);
  });
});

describe('compareWithGoal', () => {
  it('passes a median difference within the goal and fails one beyond it', () => {
    const baseline = [40, 50, 60];
    expect(compareWithGoal([140, 150, 160], baseline, 100)).toMatchObject({ difference: 100, ratio: 3, pass: true });
    expect(compareWithGoal([141, 151, 161], baseline, 100)).toMatchObject({ difference: 101, pass: false });
  });

  it('passes a measured time below its baseline', () => {
    expect(compareWithGoal([10], [50], 100).pass).toBe(true);
  });

  it('never passes when nothing was measured', () => {
    expect(compareWithGoal([], [50], 100).pass).toBe(false);
    expect(compareWithGoal([50], [], 100).pass).toBe(false);
  });
});

describe('turnOrder', () => {
  it('starts each turn one setup further along, so none always goes first', () => {
    expect([0, 1, 2, 3].map((i) => turnOrder(i, ['A', 'B', 'C']).join(''))).toEqual(['ABC', 'BCA', 'CAB', 'ABC']);
    expect([0, 1, 2].map((i) => turnOrder(i, ['A', 'B']).join(''))).toEqual(['AB', 'BA', 'AB']);
    expect(turnOrder(5, [])).toEqual([]);
  });
});

describe('splitEvenly and roundsFor: loads shared among rounds of new browsers', () => {
  it('splits a total into parts that differ by at most one, larger first', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
    expect(splitEvenly(30, 3)).toEqual([10, 10, 10]);
    expect(splitEvenly(8, 1)).toEqual([8]);
    expect(splitEvenly(2, 3)).toEqual([1, 1, 0]);
  });

  it('takes one round per 10 loads, at least one and at most three', () => {
    expect([1, 8, 10, 19, 20, 30, 100].map(roundsFor)).toEqual([1, 1, 1, 1, 2, 3, 3]);
  });
});

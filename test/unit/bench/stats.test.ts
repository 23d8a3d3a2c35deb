import { describe, expect, it } from 'vitest';
import { median, medianSeries, percentile, slope, summarize } from '../../../scripts/bench/stats.ts';

describe('percentile and median', () => {
  it.each([
    { values: [3, 1, 2], p: 50, expected: 2 },
    { values: [4, 1, 3, 2], p: 50, expected: 2.5 },
    { values: [5], p: 95, expected: 5 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], p: 0, expected: 1 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], p: 100, expected: 11 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], p: 95, expected: 10.5 },
    { values: [10, 20], p: 25, expected: 12.5 },
  ])('the $p th of $values is $expected', ({ values, p, expected }) => {
    expect(percentile(values, p)).toBeCloseTo(expected, 10);
  });

  it('sorts numbers as numbers, not as text', () => {
    expect(median([10, 9, 100])).toBe(10);
  });

  it('is NaN for no values rather than a made-up zero', () => {
    expect(median([])).toBeNaN();
    expect(summarize([])).toMatchObject({ n: 0, median: Number.NaN });
  });

  it('leaves the samples in their order', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('summarizes count, median, p95, min and max', () => {
    const values = Array.from({ length: 101 }, (_, i) => 100 - i);
    expect(summarize(values)).toEqual({ n: 101, median: 50, p95: 95, min: 0, max: 100 });
  });
});

describe('slope', () => {
  it('is the least-squares trend, whatever the noise around it', () => {
    expect(slope([0, 1, 2, 3].map((x) => ({ x, y: 10 + 2 * x + (x % 2 ? 0.5 : -0.5) })))).toBeCloseTo(2.2, 10);
    expect(slope([1, 2, 3].map((x) => ({ x, y: 7 })))).toBe(0);
  });

  it('is NaN when there is no trend to speak of', () => {
    expect(slope([{ x: 1, y: 1 }])).toBeNaN();
    expect(slope([{ x: 1, y: 1 }, { x: 1, y: 2 }])).toBeNaN();
  });
});

describe('medianSeries', () => {
  it('takes the median point by point, as long as the shortest run', () => {
    expect(medianSeries([[1, 10, 100], [3, 30], [2, 20, 200]])).toEqual([2, 20]);
    expect(medianSeries([])).toEqual([]);
  });
});

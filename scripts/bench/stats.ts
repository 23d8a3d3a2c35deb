/** Pure statistics for the benchmark: no timing, no I/O, so they can be tested by table. */

/**
 * The p-th percentile (0–100) by linear interpolation between the two nearest ranks, so the 50th
 * is the usual median of an even count. NaN for no values: a section that measured nothing shows
 * a dash rather than a made-up zero.
 */
export function percentile(values: readonly number[], p: number): number {
  return percentileOfSorted(sortedCopy(values), p);
}

/** The caller's samples keep their order (they may also be a time series). */
function sortedCopy(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

function percentileOfSorted(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const lower = sorted[below] ?? Number.NaN;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] ?? lower;
  return lower + (upper - lower) * (rank - below);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export type Summary = { n: number; median: number; p95: number; min: number; max: number };

export function summarize(values: readonly number[]): Summary {
  const sorted = sortedCopy(values);
  return {
    n: sorted.length,
    median: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    min: percentileOfSorted(sorted, 0),
    max: percentileOfSorted(sorted, 100),
  };
}

/** Least-squares slope of y over x: how fast a series grows, one number however noisy the points. */
export function slope(points: readonly { x: number; y: number }[]): number {
  if (points.length < 2) return Number.NaN;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / points.length;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.x - meanX) * (p.y - meanY);
    variance += (p.x - meanX) ** 2;
  }
  return variance === 0 ? Number.NaN : covariance / variance;
}

/** Element-wise median of several equally long series (one per run): the typical run, point by point. */
export function medianSeries(runs: readonly (readonly number[])[]): number[] {
  const length = Math.min(...runs.map((run) => run.length));
  return Array.from({ length: Number.isFinite(length) ? length : 0 }, (_, i) => median(runs.map((run) => run[i] ?? Number.NaN)));
}

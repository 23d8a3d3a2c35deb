/**
 * Pure statistics for the browser figures measured side by side in one run (scripts/bench/page-load-bench.ts,
 * panel-paint-bench.ts): the ratio of two medians, how far chance alone moves it, and the verdicts. No timing,
 * no I/O, and a seeded random source, so every figure here can be checked by a test.
 */
import { median, summarize, type Summary } from './stats.ts';

/** A small seeded generator (mulberry32): the same samples give the same interval on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function resample(values: readonly number[], random: () => number): number[] {
  return Array.from(values, () => values[Math.floor(random() * values.length)] ?? Number.NaN);
}

export type Interval = { low: number; high: number };

/**
 * Percentile bootstrap interval of median(treated) / median(control): each group is resampled with
 * replacement on its own, `resamples` times. NaN bounds when either group is empty.
 */
export function bootstrapRatioInterval(
  control: readonly number[],
  treated: readonly number[],
  { resamples = 2000, confidence = 0.95, seed = 11 }: { resamples?: number; confidence?: number; seed?: number } = {},
): Interval {
  if (control.length === 0 || treated.length === 0) return { low: Number.NaN, high: Number.NaN };
  const random = seededRandom(seed);
  const ratios: number[] = [];
  for (let i = 0; i < resamples; i++) ratios.push(median(resample(treated, random)) / median(resample(control, random)));
  ratios.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  const at = (q: number) => ratios[Math.min(ratios.length - 1, Math.max(0, Math.round(q * (ratios.length - 1))))] ?? Number.NaN;
  return { low: at(tail), high: at(1 - tail) };
}

export type SideBySide = {
  /** Both baseline browsers' samples together. */
  without: Summary;
  with: Summary;
  /** median(with) / median(without). */
  ratio: number;
  /** median(with) − median(without), in the samples' unit. */
  difference: number;
  /** The A/A check: the second baseline browser's median over the first's (the same setup compared with itself). */
  aaRatio: number;
  /** 95% bootstrap interval of the ratio. */
  interval: Interval;
  /** How far from 1 chance alone moves the ratio here: the larger of |aaRatio − 1| and the interval's half-width. */
  noise: number;
  /** |ratio − 1| ≤ noise: the difference is not measurable above the noise. */
  pass: boolean;
};

/**
 * The "not measurable above the noise" rule of issue 11: the ratio of medians, with vs without, is
 * within the noise of 1. `without` holds the samples of two baseline browsers, set up alike and
 * measured in the same turns. The noise is the larger of two estimates of what chance alone does in
 * this run: the half-width of the ratio's 95% bootstrap interval (sampling), and the distance from 1
 * of the A/A ratio between the two baseline browsers (what differs between two browsers that are the same).
 */
export function compareSideBySide(
  without: { first: readonly number[]; second: readonly number[] },
  withIt: readonly number[],
  seed = 11,
): SideBySide {
  const pooled = [...without.first, ...without.second];
  const ratio = median(withIt) / median(pooled);
  const aaRatio = median(without.second) / median(without.first);
  const interval = bootstrapRatioInterval(pooled, withIt, { seed });
  const halfWidth = (interval.high - interval.low) / 2;
  const noise = Math.max(Number.isFinite(aaRatio) ? Math.abs(aaRatio - 1) : 0, Number.isFinite(halfWidth) ? halfWidth : 0);
  return {
    without: summarize(pooled),
    with: summarize(withIt),
    ratio,
    difference: median(withIt) - median(pooled),
    aaRatio,
    interval,
    noise,
    pass: Number.isFinite(ratio) && Math.abs(ratio - 1) <= noise,
  };
}

export type AgainstGoal = {
  measured: Summary;
  baseline: Summary;
  /** median(measured) − median(baseline). */
  difference: number;
  /** median(measured) / median(baseline). */
  ratio: number;
  goal: number;
  /** difference ≤ goal. */
  pass: boolean;
};

/** A time against a baseline measured the same way in the same run, with a goal for the difference of medians. */
export function compareWithGoal(measured: readonly number[], baseline: readonly number[], goal: number): AgainstGoal {
  const difference = median(measured) - median(baseline);
  return {
    measured: summarize(measured),
    baseline: summarize(baseline),
    difference,
    ratio: median(measured) / median(baseline),
    goal,
    pass: Number.isFinite(difference) && difference <= goal,
  };
}

/**
 * The order of the setups in the i-th turn: each turn starts one further along (A B C, B C A, C A B…;
 * with two, A B, B A…), so that none always goes first (the first of a turn may pay for what the
 * next then finds warm).
 */
export function turnOrder<T>(i: number, setups: readonly T[]): T[] {
  const shift = setups.length === 0 ? 0 : i % setups.length;
  return [...setups.slice(shift), ...setups.slice(0, shift)];
}

/** `total` split into `parts` whole numbers that differ by at most one, larger first: 10 in 3 is 4, 3, 3. */
export function splitEvenly(total: number, parts: number): number[] {
  const n = Math.max(1, Math.floor(parts));
  return Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
}

/**
 * Rounds of new browsers for `loads` loads each: one per 10 loads, at least 1 and at most 3. Each
 * round launches its browsers anew, in another order, so that what one browser happens to be (where
 * its processes run, when it was launched) does not always fall on the same side.
 */
export function roundsFor(loads: number): number {
  return Math.min(3, Math.max(1, Math.floor(loads / 10)));
}

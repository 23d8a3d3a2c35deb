import fc from 'fast-check';
import { expect } from 'vitest';
import type { Result } from '../../../src/core/result.ts';

/**
 * How every property test runs. `npm test` and CI use one fixed seed, so a run that passes today
 * passes next week; `FC_SEED=random` tries 10,000 new cases per decoder (for hunting), and a failure
 * prints its seed (`{ seed: …, path: … }`). `FC_SEED=<seed>` replays a run; `FC_PATH=<path>`, with
 * `-t` to pick the one test, goes straight to the shrunk counterexample (docs/testing.md).
 */
const FIXED_SEED = 2090329151;

function seedFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return FIXED_SEED;
  if (value.trim() === 'random') return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(value);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, as fast-check printed it; it is ${JSON.stringify(value)}`);
  return seed;
}

export const SEED = seedFromEnv(process.env.FC_SEED);

/**
 * `FC_RUNS_SCALE` (a number from 0 to 1) runs each property that share of its cases. `npm run test:future`
 * sets 0.1: that run looks for code that reads the wall clock, which a thousand cases reach as surely as ten
 * thousand (each property's cases are the first of the same seeded sequence); the inputs' coverage is `npm test`'s.
 */
function runsScaleFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 1;
  const scale = Number(value);
  if (!(scale > 0 && scale <= 1)) throw new Error(`FC_RUNS_SCALE must be a number above 0 and at most 1; it is ${JSON.stringify(value)}`);
  return scale;
}
const RUNS_SCALE = runsScaleFromEnv(process.env.FC_RUNS_SCALE);
const PATH = process.env.FC_PATH?.trim() || undefined;

/**
 * A property runs for seconds, not milliseconds: past the unit project's 20 s only on a machine
 * shared with browser tests. Not a speed assertion (npm run bench measures speed): a guard against a hang.
 */
export const PROPERTY_TIMEOUT_MS = 180_000;

/** Own properties of Object.prototype: a decoder that lets `__proto__` through to an assignment would add one. */
const prototypeKeys = () => Reflect.ownKeys(Object.prototype).map(String).sort();

/** How many cases a property of `numRuns` cases runs in this run (`FC_RUNS_SCALE`); every property asks here. */
export function scaledRuns(numRuns = 10_000): number {
  return Math.max(1, Math.round(numRuns * RUNS_SCALE));
}

/**
 * Runs a property 10,000 times with the run's seed: an exception in the decoder and a broken contract
 * (a `must` inside the property) both fail it with the seed, the path and the shrunk input.
 * Afterwards, no input may have reached Object.prototype. A property whose every case is large (tens
 * of kilobytes) says so with fewer runs.
 */
export function checkProperty<Ts>(property: fc.IProperty<Ts>, options: { numRuns?: number } = {}): void {
  const before = prototypeKeys();
  fc.assert(property, { numRuns: scaledRuns(options.numRuns), seed: SEED, ...(PATH ? { path: PATH } : {}) });
  expect(prototypeKeys()).toEqual(before);
}

/**
 * A contract check inside a property. Cheaper than `expect` (which costs more than most decoders
 * here, 10,000 times over); fast-check reports the message with the seed and the shrunk input.
 */
export function must(condition: unknown, what: string, ...values: unknown[]): asserts condition {
  if (!condition) throw new Error(values.length === 0 ? what : `${what}: ${values.map(shortly).join(', ')}`);
}

/** A value for a message, cut short; a value too deep to print says so rather than overflowing the stack. */
function shortly(value: unknown): string {
  try {
    return fc.stringify(value).slice(0, 500);
  } catch {
    return '(too deep to print)';
  }
}

/** A Result: ok, or a failure with a reason a person can read (text, not empty, not a stack trace). */
export function mustBeResult(result: Result<unknown>): void {
  must(result.ok === true || result.ok === false, 'a Result says ok: true or ok: false', result);
  if (result.ok) return;
  must(typeof result.reason === 'string' && result.reason.trim() !== '', 'a failure has a reason', result);
  must(!/\n\s+at /.test(result.reason), 'a reason is not a stack trace', result.reason);
}

/**
 * What a decoder returns is plain data: every object in it has the ordinary prototype (or none), so a
 * `__proto__` key in the input cannot have become the prototype of the output.
 */
export function mustHaveOrdinaryPrototypes(value: unknown, where = 'value'): void {
  const seen = new Set<unknown>();
  const walk = (node: unknown, path: string, depth: number) => {
    if (node === null || typeof node !== 'object' || seen.has(node) || depth > 64) return;
    seen.add(node);
    const prototype: unknown = Object.getPrototypeOf(node);
    must(prototype === Object.prototype || prototype === Array.prototype || prototype === null, `${path} has an ordinary prototype`, node);
    for (const [key, child] of Object.entries(node)) walk(child, `${path}.${key}`, depth + 1);
  };
  walk(value, where, 0);
}

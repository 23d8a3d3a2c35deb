/**
 * Exponential backoff with decorrelated jitter (AWS Architecture Blog, "Exponential Backoff and
 * Jitter"): each wait is drawn between the base and three times the previous wait, capped. Unlike
 * full jitter it never drops below the base, so a failing platform is never asked more often than
 * the interval the user chose, and pollers that failed together drift apart.
 */
export type Backoff = {
  /** The wait after one more failure in a row. `baseMs` is the current poll interval. */
  failure(baseMs: number): number;
  /** A good answer: the next failure starts again from the base. */
  reset(): void;
  /** Failures in a row since the last reset. */
  readonly failures: number;
};

export function createBackoff(options: { capMs: number; random: () => number }): Backoff {
  let previousMs: number | undefined;
  let failures = 0;
  return {
    failure(baseMs) {
      const floor = Math.min(baseMs, options.capMs);
      const ceiling = Math.min(options.capMs, 3 * (previousMs ?? floor));
      const waitMs = Math.round(floor + clampUnit(options.random()) * (ceiling - floor));
      previousMs = waitMs;
      failures += 1;
      return waitMs;
    },
    reset() {
      previousMs = undefined;
      failures = 0;
    },
    get failures() {
      return failures;
    },
  };
}

/** An injected random source is outside code too: keep a bad value from producing a negative or huge wait. */
function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

/**
 * The wait a 429 asked for: never sooner than the interval, never longer than `maxMs` (a server
 * asking for an hour should not silently freeze the panel; the poll says how long it will wait).
 */
export function retryAfterWaitMs(retryAfterMs: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, Math.max(baseMs, retryAfterMs));
}

import type { Clock } from '../../src/core/poll/poller.ts';

/**
 * A clock whose time moves only when the benchmark fires the next timer, so two hours of polling
 * run in seconds and every run sees the same times. Only a handful of timers are ever pending (the
 * next poll, the request timeout, the two-hour deadline), so a scan beats a heap.
 */
export function createManualClock(start: number) {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();

  const clock: Clock<number> = {
    now: () => now,
    setTimeout(run, ms) {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms), run });
      return id;
    },
    clearTimeout(id) {
      timers.delete(id);
    },
  };

  /** The earliest timer; Map order is insertion order, so equal times fire in the order they were set. */
  function earliest(): [number, { at: number; run: () => void }] | undefined {
    let found: [number, { at: number; run: () => void }] | undefined;
    for (const entry of timers) if (!found || entry[1].at < found[1].at) found = entry;
    return found;
  }

  return {
    clock,
    now: () => now,
    /** When the next timer is due, or undefined when nothing is pending. */
    nextAt: () => earliest()?.[1].at,
    /** Moves time to the next timer and runs it; false when nothing was pending. */
    fireNext(): boolean {
      const next = earliest();
      if (!next) return false;
      timers.delete(next[0]);
      now = next[1].at;
      next[1].run();
      return true;
    },
  };
}
export type ManualClock = ReturnType<typeof createManualClock>;

/** Lets promise callbacks (the poller's handling of an answer) run before the next timer fires. */
export function drainMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

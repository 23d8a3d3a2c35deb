import type { Clock } from '../../core/clock.ts';

/** The machine's clock. Only composition roots import it; everything else is handed a Clock. */
export const systemClock: Clock<ReturnType<typeof setTimeout>> = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle),
};

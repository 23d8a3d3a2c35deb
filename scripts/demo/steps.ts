import type { Shutdown } from './shutdown.ts';

export class StepStalled extends Error {}

export type RunStep = <T>(what: string, run: () => Promise<T>, options?: StepOptions) => Promise<T>;
type StepOptions = { stoppable?: boolean };

/**
 * Runs each step with its own deadline, so a stall names the step rather than the whole run, and
 * ends a step early when the closing begins (Ctrl-C), since its waits would otherwise poll a
 * closed browser until their deadline. A step that starts something (a browser) passes
 * `stoppable: false`: it must finish and register what it started, or that would be left behind.
 */
export function createStepRunner(shutdown: Shutdown, timeoutMs: number): RunStep {
  return async function step<T>(what: string, run: () => Promise<T>, { stoppable = true }: StepOptions = {}): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StepStalled(`Step "${what}" stalled: not done after ${timeoutMs / 1000} s.`)), timeoutMs);
    });
    const racers: Promise<T>[] = [run(), stalled];
    if (stoppable) {
      racers.push(
        shutdown.whenStopping().then(() => {
          throw new Error(`Stopped during "${what}".`);
        }),
      );
    }
    try {
      return await Promise.race(racers);
    } finally {
      clearTimeout(timer);
    }
  };
}

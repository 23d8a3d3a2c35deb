import type { PollFetch } from '../../../../src/core/poll/poller.ts';
import type { RawResponse } from '../../../../src/core/poll/poll-request.ts';
import type { PollRequest } from '../../../../src/core/timeline/poll-record.ts';

/** Lets promise callbacks (the poller's handling of an answer) run before the next timer fires. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A clock whose time moves only when a test says so: two hours of polling run in milliseconds. */
export function createFakeClock(start = Date.UTC(2025, 0, 15, 9, 0, 0)) {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();

  const clock = {
    now: () => now,
    setTimeout(run: () => void, ms: number): number {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms), run });
      return id;
    },
    clearTimeout(id: number): void {
      timers.delete(id);
    },
  };

  function due(until: number): [number, { at: number; run: () => void }] | undefined {
    let found: [number, { at: number; run: () => void }] | undefined;
    // Map order is insertion order, so equal times fire in the order they were set.
    for (const entry of timers) if (entry[1].at <= until && (!found || entry[1].at < found[1].at)) found = entry;
    return found;
  }

  return {
    clock,
    now: () => now,
    pendingTimers: () => timers.size,
    /** Moves time forward, firing every timer due on the way, in order. */
    async advance(ms: number): Promise<void> {
      const until = now + ms;
      await settle();
      for (let next = due(until); next; next = due(until)) {
        timers.delete(next[0]);
        now = next[1].at;
        next[1].run();
        await settle();
      }
      now = until;
      await settle();
    },
  };
}
export type FakeClock = ReturnType<typeof createFakeClock>;

/** One scripted answer. `hang` never answers (until aborted); `lateMs` answers after an abort too. */
export type Step =
  | { status: number; body?: string; headers?: Record<string, string>; latencyMs?: number }
  | { networkError: string; latencyMs?: number }
  | { hang: true }
  | { answerLate: RawResponse; lateMs: number };

export const json = (status: number, value: unknown, headers: Record<string, string> = {}): Step => ({
  status,
  body: JSON.stringify(value),
  headers: { 'Content-Type': 'application/json', ...headers },
});
export const statusStep = (thirdPartyStatus: string): Step => json(200, { thirdPartyStatus });

/**
 * A fetch that answers from a script (the last step repeats) and keeps count: every call with its
 * time, how many were in flight at once, and which were aborted.
 */
export function createScriptedFetch(fake: FakeClock, script: Step[] | ((call: number) => Step), defaultLatencyMs = 100) {
  const calls: { at: number; request: PollRequest; signal: AbortSignal }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const stepFor = (n: number): Step => {
    if (typeof script === 'function') return script(n);
    const step = script[Math.min(n, script.length - 1)];
    if (!step) throw new Error('empty script');
    return step;
  };

  const fetch: PollFetch = (request, signal) => {
    const step = stepFor(calls.length);
    calls.push({ at: fake.now(), request, signal });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<RawResponse>((resolve, reject) => {
      let done = false;
      const end = () => {
        if (!done) inFlight -= 1;
        done = true;
      };
      if ('answerLate' in step) {
        // A server that ignores the abort: the answer still arrives, and must be ignored.
        signal.addEventListener('abort', end);
        fake.clock.setTimeout(() => {
          end();
          resolve(step.answerLate);
        }, step.lateMs);
        return;
      }
      signal.addEventListener('abort', () => {
        end();
        reject(new DOMException('The operation was aborted.', 'AbortError'));
      });
      if ('hang' in step) return;
      fake.clock.setTimeout(() => {
        if (done) return;
        end();
        if ('networkError' in step) reject(new TypeError(step.networkError));
        else resolve({ status: step.status, headers: step.headers ?? {}, bodyText: step.body ?? '' });
      }, step.latencyMs ?? defaultLatencyMs);
    });
  };

  return {
    fetch,
    calls,
    maxInFlight: () => maxInFlight,
    inFlight: () => inFlight,
  };
}

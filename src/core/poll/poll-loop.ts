import type { Clock } from '../clock.ts';
import { SESSION_LIFETIME_MS } from '../connect/products.ts';
import type { PollOutcome, PollRecord, PollRequest, PollStop, PollTarget, StopReason } from '../timeline/poll-record.ts';
import { createBackoff, retryAfterWaitMs } from './backoff.ts';
import { buildPollRequest, toPollResponse, type RawResponse, type ToolMetaInfo } from './poll-exchange.ts';

/**
 * The poller, with the sorting of its answers injected like its clock and its network, so that it
 * runs without zod: the panel loads the classification (poll-request.ts) when it first polls.
 * poller.ts is this with `classifyPollResponse` given, for everything that may load it at once.
 */

export type { Clock };

/** Sorts one answer into what it means for the poll (`classifyPollResponse`); `now` dates a Retry-After. */
export type ClassifyAnswer = (raw: RawResponse, now: number) => PollOutcome;

/** The network, injected. It must honour `signal`; an answer after an abort is ignored anyway. */
export type PollFetch = (request: PollRequest, signal: AbortSignal) => Promise<RawResponse>;

export type PollerOptions = {
  /** Between an answer and the next request. The official examples poll about once a second. */
  intervalMs: number;
  /** Every request is abandoned after this long. */
  timeoutMs: number;
  /** A client session lives at most two hours, so a longer poll can only ever see 403 9008. */
  maxDurationMs: number;
  /** The longest wait between failures. */
  maxBackoffMs: number;
  /** The longest wait a 429's Retry-After is granted. */
  maxRetryAfterMs: number;
};

export const DEFAULT_POLLER_OPTIONS: PollerOptions = {
  intervalMs: 1000,
  timeoutMs: 10_000,
  maxDurationMs: SESSION_LIFETIME_MS,
  maxBackoffMs: 30_000,
  maxRetryAfterMs: 5 * 60_000,
};

/** Faster than this is not a status check but load; slower than this is not a live view. */
export const MIN_INTERVAL_MS = 500;
export const MAX_INTERVAL_MS = 60_000;

export function clampInterval(ms: number): number {
  if (!Number.isFinite(ms)) return DEFAULT_POLLER_OPTIONS.intervalMs;
  return Math.round(Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, ms)));
}

/** A missing, zero, negative or non-finite value takes the default: a timer of NaN would fire at once. */
function resolveOptions(given: Partial<PollerOptions> = {}): PollerOptions {
  const options = { ...DEFAULT_POLLER_OPTIONS };
  for (const key of Object.keys(options) as (keyof PollerOptions)[]) {
    const value = given[key];
    if (value !== undefined && Number.isFinite(value) && value > 0) options[key] = value;
  }
  return options;
}

export type NextPoll = { delayMs: number; why: 'interval' | 'backoff' | 'retry-after' };

export type PollerEvent =
  | { kind: 'sent'; seq: number; at: number }
  /** `next` is absent when this answer stopped the poll (a `stopped` event follows). */
  | { kind: 'record'; record: PollRecord; next?: NextPoll }
  | PollStop;

export type PollerState = {
  phase: 'idle' | 'running' | 'stopped';
  running: boolean;
  inFlight: boolean;
  /** Requests sent. */
  polls: number;
  /** Answers that were not a status (errors, timeouts, malformed bodies). */
  errors: number;
  failuresInARow: number;
  intervalMs: number;
  startedAt?: number;
  nextPollAt?: number;
  stop?: PollStop;
};

/** Reasons to stop that come from outside the poll's own answers. */
export type ExternalStopReason = Extract<StopReason, 'user' | 'closed' | 'session-refused' | 'origin-revoked'>;

export type Poller = {
  /** Sends the first request now. Does nothing once started or stopped. */
  start(): void;
  /** Nothing is sent after this: the pending timer is cleared and a request in flight is aborted and ignored. */
  stop(reason?: ExternalStopReason): void;
  /** Applies from the next wait; returns the interval actually used (clamped). */
  setIntervalMs(ms: number): number;
  state(): PollerState;
};

export type CreatePollerInput<Handle> = {
  target: PollTarget;
  meta: ToolMetaInfo;
  fetch: PollFetch;
  clock: Clock<Handle>;
  /** In [0, 1); jitter only. */
  random?: () => number;
  options?: Partial<PollerOptions>;
  /** A resumed poll continues its history's numbering, so each record keeps a unique `seq`. */
  firstSeq?: number;
  onEvent: (event: PollerEvent) => void;
};

export type PollLoopInput<Handle> = CreatePollerInput<Handle> & { classify: ClassifyAnswer };

type Attempt<Handle> = { seq: number; startedAt: number; controller: AbortController; timeout: Handle };

/** Answers after which another poll can only repeat them. */
const STOPPING_OUTCOMES: Partial<Record<PollOutcome['kind'], StopReason>> = {
  'session-expired': 'session-expired',
  'not-found': 'payment-not-found',
};

export function createPollLoop<Handle>(input: PollLoopInput<Handle>): Poller {
  const { clock } = input;
  const options = resolveOptions(input.options);
  let intervalMs = clampInterval(options.intervalMs);
  // The request never changes during a run, so it is built once.
  const request = buildPollRequest(input.target, input.meta);
  const backoff = createBackoff({ capMs: options.maxBackoffMs, random: input.random ?? Math.random });

  let phase: PollerState['phase'] = 'idle';
  const firstSeq = input.firstSeq ?? 0;
  let sent = 0;
  let errors = 0;
  let startedAt: number | undefined;
  let deadline: Handle | undefined;
  let inFlight: Attempt<Handle> | undefined;
  let next: { handle: Handle; at: number; from: number; why: NextPoll['why'] } | undefined;
  let stopped: PollStop | undefined;

  function poll(): void {
    next = undefined;
    if (phase !== 'running') return;
    const controller = new AbortController();
    const attempt: Attempt<Handle> = {
      seq: firstSeq + sent,
      startedAt: clock.now(),
      controller,
      timeout: clock.setTimeout(() => {
        if (inFlight !== attempt) return;
        controller.abort();
        settle(attempt, undefined, { kind: 'timeout', afterMs: options.timeoutMs });
      }, options.timeoutMs),
    };
    sent += 1;
    inFlight = attempt;
    let answer: Promise<RawResponse>;
    try {
      answer = input.fetch(request, controller.signal);
    } catch (error) {
      answer = Promise.reject(error);
    }
    answer.then(
      (raw) => {
        if (inFlight === attempt) settle(attempt, raw, input.classify(raw, clock.now()));
      },
      (error: unknown) => {
        if (inFlight === attempt) settle(attempt, undefined, { kind: 'network-error', message: describeError(error) });
      },
    );
    input.onEvent({ kind: 'sent', seq: attempt.seq, at: attempt.startedAt });
  }

  function settle(attempt: Attempt<Handle>, raw: RawResponse | undefined, outcome: PollOutcome): void {
    clock.clearTimeout(attempt.timeout);
    inFlight = undefined;
    const endedAt = clock.now();
    const record: PollRecord = {
      seq: attempt.seq,
      source: 'poll',
      startedAt: attempt.startedAt,
      endedAt,
      request,
      ...(raw ? { response: toPollResponse(raw) } : {}),
      outcome,
    };
    if (outcome.kind !== 'status' && outcome.kind !== 'unknown-status') errors += 1;
    const stopReason = outcome.kind === 'status' && outcome.status === 'COMPLETED' ? 'completed' : STOPPING_OUTCOMES[outcome.kind];
    if (stopReason) {
      const stop = finish(stopReason, endedAt, outcome.kind === 'not-found' && !outcome.error ? BARE_NOT_FOUND : undefined);
      input.onEvent({ kind: 'record', record });
      input.onEvent(stop);
      return;
    }
    const nextPoll = decideNext(outcome);
    schedule(nextPoll, endedAt);
    input.onEvent({ kind: 'record', record, next: nextPoll });
  }

  function decideNext(outcome: PollOutcome): NextPoll {
    switch (outcome.kind) {
      case 'status':
      case 'unknown-status':
        backoff.reset();
        return { delayMs: intervalMs, why: 'interval' };
      case 'rate-limited': {
        const backoffMs = backoff.failure(intervalMs);
        return outcome.retryAfterMs === undefined
          ? { delayMs: backoffMs, why: 'backoff' }
          : { delayMs: retryAfterWaitMs(outcome.retryAfterMs, intervalMs, options.maxRetryAfterMs), why: 'retry-after' };
      }
      default:
        return { delayMs: backoff.failure(intervalMs), why: 'backoff' };
    }
  }

  /** The next poll, `delayMs` after `from` (the answer it follows), however late this is called. */
  function schedule(nextPoll: NextPoll, from: number): void {
    const at = from + nextPoll.delayMs;
    next = { handle: clock.setTimeout(poll, Math.max(0, at - clock.now())), at, from, why: nextPoll.why };
  }

  function finish(reason: StopReason, at: number, message = stopMessage(reason, options.maxDurationMs)): PollStop {
    phase = 'stopped';
    if (next) clock.clearTimeout(next.handle);
    next = undefined;
    if (deadline !== undefined) clock.clearTimeout(deadline);
    deadline = undefined;
    if (inFlight) {
      clock.clearTimeout(inFlight.timeout);
      inFlight.controller.abort();
      inFlight = undefined;
    }
    stopped = { kind: 'stopped', at, reason, message };
    return stopped;
  }

  return {
    start() {
      if (phase !== 'idle') return;
      phase = 'running';
      startedAt = clock.now();
      deadline = clock.setTimeout(() => {
        if (phase === 'running') input.onEvent(finish('max-duration', clock.now()));
      }, options.maxDurationMs);
      poll();
    },
    stop(reason = 'user') {
      if (phase === 'stopped') return;
      input.onEvent(finish(reason, clock.now()));
    },
    setIntervalMs(ms) {
      intervalMs = clampInterval(ms);
      // A wait for the plain interval moves with it; a backoff or Retry-After wait is kept, it was asked for.
      if (next && next.why === 'interval') {
        clock.clearTimeout(next.handle);
        schedule({ delayMs: intervalMs, why: 'interval' }, next.from);
      }
      return intervalMs;
    },
    state() {
      return {
        phase,
        running: phase === 'running',
        inFlight: inFlight !== undefined,
        polls: sent,
        errors,
        failuresInARow: backoff.failures,
        intervalMs,
        ...(startedAt === undefined ? {} : { startedAt }),
        ...(next ? { nextPollAt: next.at } : {}),
        ...(stopped ? { stop: stopped } : {}),
      };
    },
  };
}

/** A 404 without the platform's error body: the front end's page, which says less than the API would. */
const BARE_NOT_FOUND = 'Not found (404) without a platform error: an unknown payment, or not a Client API address.';

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 1024);
}

function stopMessage(reason: StopReason, maxDurationMs: number): string {
  switch (reason) {
    case 'completed':
      return 'The customer completed the payment at the third party (COMPLETED).';
    case 'session-expired':
      return 'The platform refused the client session (403, code 9008): it has expired, or it is not valid for this customer. Polling needs a new session.';
    case 'session-refused':
      return "The page's own call was refused (403, code 9008): the session has expired, or it is not valid for this customer.";
    case 'origin-revoked':
      return 'Stopped: the Client API origin is no longer approved.';
    case 'payment-not-found':
      return 'The platform does not know this payment for this session (404).';
    case 'max-duration':
      return `Stopped after ${Math.round(maxDurationMs / 60_000)} minutes, the longest a poll runs (a client session lives at most two hours).`;
    case 'user':
      return 'Stopped by the user.';
    case 'closed':
      return 'Stopped because DevTools closed.';
  }
}

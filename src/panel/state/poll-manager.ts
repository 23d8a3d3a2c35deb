import type { Clock } from '../../core/clock.ts';
import {
  clampInterval,
  createPollLoop,
  DEFAULT_POLLER_OPTIONS,
  type ClassifyAnswer,
  type ExternalStopReason,
  type NextPoll,
  type Poller,
  type PollerOptions,
  type PollerState,
  type PollFetch,
} from '../../core/poll/poll-loop.ts';
import type { ToolMetaInfo } from '../../core/poll/poll-exchange.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { foldPolls } from '../../core/timeline/fold-polls.ts';
import type { PollRecord, PollStop, PollTarget } from '../../core/timeline/poll-record.ts';
import { originOf } from '../../core/url-origin.ts';

/** A payment is polled with one session: the same payment id under two sessions is two polls. */
export const pollKey = (target: Pick<PollTarget, 'clientSessionId' | 'paymentId'>) => `${target.clientSessionId} ${target.paymentId}`;

/** One payment being (or having been) polled from the panel. */
export type PaymentPoll = {
  readonly key: string;
  readonly target: PollTarget;
  readonly productId?: number;
  /** Bounded: repeated identical polls fold into their row (see fold-polls). */
  readonly records: readonly PollRecord[];
  readonly state: PollerState;
  readonly next?: NextPoll;
  readonly stop?: PollStop;
};

/** What outlives DevTools: enough to show the timeline again and to resume it. */
export type ArchivedPoll = Pick<PaymentPoll, 'target' | 'productId' | 'records' | 'stop'> & { intervalMs: number; startedAt?: number };

export type PollManagerDeps<Handle> = {
  fetch: PollFetch;
  clock: Clock<Handle>;
  meta: ToolMetaInfo;
  random?: () => number;
  options?: Partial<PollerOptions>;
  /**
   * Sorts each answer (`classifyPollResponse`). Without it, the manager loads that classification
   * with `import()` when the first poll is sent, and the first answer waits for it: it checks
   * answers with zod, which the panel does without at start.
   */
  classify?: ClassifyAnswer;
};

type Entry = { poller: Poller | null; poll: PaymentPoll };

const CLOSED_MESSAGE = 'Stopped because DevTools closed. Resume to go on polling.';

/**
 * Several payments polled at once, each with its own poller and bounded history. Pure apart from
 * the injected fetch and clock, so the panel's polling runs in Node tests as it runs in DevTools.
 *
 * It is also where the origin rule holds: no poll starts, or goes on, towards a Client API origin
 * the user has not approved, whichever component asks.
 */
export class PollManager<Handle = unknown> {
  private readonly polls = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();
  private approved = new Set<string>();
  /**
   * Origins approved here that no settings from the worker have listed yet. Settings sent before the
   * worker took the approval (another window's change, a snapshot) must not revoke it.
   */
  private unconfirmed = new Set<string>();
  /** The settings' default interval, once told; until then the poller's own (or `deps.options`). */
  private defaultIntervalMs: number | undefined;
  private classifier: ClassifyAnswer | undefined;
  private loadingClassifier: Promise<ClassifyAnswer> | undefined;

  constructor(private readonly deps: PollManagerDeps<Handle>) {
    this.classifier = deps.classify;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  list(): PaymentPoll[] {
    return [...this.polls.values()].map((entry) => entry.poll);
  }

  get(key: string): PaymentPoll | undefined {
    return this.polls.get(key)?.poll;
  }

  isApproved(clientApiUrl: string): boolean {
    const origin = originOf(clientApiUrl);
    return origin !== undefined && this.approved.has(origin);
  }

  /**
   * The approvals as the settings hold them, with those made here that the worker has not yet
   * confirmed. A poll whose origin was revoked stops at once.
   */
  setApprovedOrigins(origins: readonly string[]): void {
    const listed = new Set(origins);
    for (const origin of this.unconfirmed) if (listed.has(origin)) this.unconfirmed.delete(origin);
    this.approved = new Set([...listed, ...this.unconfirmed]);
    for (const { poller, poll } of this.polls.values()) {
      if (poller && poll.state.running && !this.isApproved(poll.target.clientApiUrl)) poller.stop('origin-revoked');
    }
  }

  /**
   * The user approved an origin just now; it stands until settings from the worker list it, and is
   * revoked only by settings that come after those.
   */
  approve(origin: string): void {
    this.approved.add(origin);
    this.unconfirmed.add(origin);
  }

  /** The approvals made here that the worker's settings have not listed yet (to send again to a new worker). */
  unconfirmedApprovals(): string[] {
    return [...this.unconfirmed];
  }

  /**
   * The interval of the polls started from now on without one of their own, as the settings hold it.
   * Polls already running, and those resumed, keep theirs.
   */
  setDefaultIntervalMs(ms: number): void {
    this.defaultIntervalMs = clampInterval(ms);
  }

  /**
   * Starts (or restarts, with a fresh history) polling one payment with one session, every
   * `intervalMs` if given, else at the default interval (setDefaultIntervalMs).
   */
  start(target: PollTarget, productId?: number, intervalMs?: number): Result<string> {
    const refused = this.refusal(target);
    if (refused) return fail(refused);
    const key = pollKey(target);
    this.polls.get(key)?.poller?.stop('user');
    this.run(key, { target, ...(productId !== undefined ? { productId } : {}), records: [] }, intervalMs ?? this.defaultIntervalMs);
    return ok(key);
  }

  /** Goes on polling a stopped payment, keeping its history (after DevTools was closed, say). */
  resume(key: string): Result<string> {
    const entry = this.polls.get(key);
    if (!entry) return fail('That payment is not in the list any more.');
    if (entry.poll.state.running) return ok(key);
    const refused = this.refusal(entry.poll.target);
    if (refused) return fail(refused);
    const { target, productId, records } = entry.poll;
    this.run(key, { target, ...(productId !== undefined ? { productId } : {}), records }, entry.poll.state.intervalMs);
    return ok(key);
  }

  stop(key: string): void {
    this.polls.get(key)?.poller?.stop('user');
  }

  /** Stops every running poll that uses this session (the platform refused it to the page). */
  stopSession(clientSessionId: string, reason: ExternalStopReason): void {
    for (const { poller, poll } of this.polls.values()) {
      if (poll.target.clientSessionId === clientSessionId && poll.state.running) poller?.stop(reason);
    }
  }

  setIntervalMs(key: string, ms: number): number | undefined {
    const entry = this.polls.get(key);
    if (!entry?.poller) return undefined;
    const used = entry.poller.setIntervalMs(ms);
    entry.poll = { ...entry.poll, state: entry.poller.state() };
    this.emit();
    return used;
  }

  /** DevTools is closing: stop everything, send nothing more. */
  closeAll(): void {
    for (const { poller } of this.polls.values()) poller?.stop('closed');
  }

  archive(): ArchivedPoll[] {
    return this.list().map((p) => ({
      target: p.target,
      ...(p.productId !== undefined ? { productId: p.productId } : {}),
      records: p.records,
      intervalMs: p.state.intervalMs,
      ...(p.state.startedAt !== undefined ? { startedAt: p.state.startedAt } : {}),
      ...(p.stop ? { stop: p.stop } : {}),
    }));
  }

  /**
   * The polls of an earlier DevTools window on this tab, stopped. One archived while it still ran
   * stopped when DevTools closed, after its last answer.
   */
  restore(archived: readonly ArchivedPoll[]): void {
    for (const a of archived) {
      const key = pollKey(a.target);
      if (this.polls.has(key)) continue;
      const lastAt = a.records.at(-1)?.endedAt ?? a.startedAt ?? this.deps.clock.now();
      const stop = a.stop ?? { kind: 'stopped' as const, at: lastAt, reason: 'closed' as const, message: CLOSED_MESSAGE };
      const state: PollerState = {
        phase: 'stopped',
        running: false,
        inFlight: false,
        polls: a.records.reduce((n, r) => n + 1 + (r.foldedPolls ?? 0), 0),
        errors: 0,
        failuresInARow: 0,
        intervalMs: a.intervalMs || DEFAULT_POLLER_OPTIONS.intervalMs,
        ...(a.startedAt !== undefined ? { startedAt: a.startedAt } : {}),
        stop,
      };
      const poll: PaymentPoll = { key, target: a.target, ...(a.productId !== undefined ? { productId: a.productId } : {}), records: a.records, state, stop };
      this.polls.set(key, { poller: null, poll });
    }
    this.emit();
  }

  private refusal(target: PollTarget): string | undefined {
    const origin = originOf(target.clientApiUrl);
    if (!origin) return `The session's Client API address is not an http(s) URL: ${target.clientApiUrl}`;
    if (!this.approved.has(origin)) return `Status requests to ${origin} are not approved: allow that origin first.`;
    return undefined;
  }

  private run(key: string, start: Pick<PaymentPoll, 'target' | 'productId' | 'records'>, intervalMs?: number): void {
    const update = (change: Partial<PaymentPoll>) => {
      const entry = this.polls.get(key);
      if (!entry || entry.poller !== poller) return;
      entry.poll = { ...entry.poll, ...change, state: poller.state() };
      this.emit();
    };
    const firstSeq = start.records.reduce((max, r) => Math.max(max, r.seq + 1), 0);
    const poller = createPollLoop<Handle>({
      target: start.target,
      meta: this.deps.meta,
      fetch: this.fetch,
      classify: this.classify,
      clock: this.deps.clock,
      firstSeq,
      ...(this.deps.random ? { random: this.deps.random } : {}),
      options: { ...this.deps.options, ...(intervalMs !== undefined ? { intervalMs } : {}) },
      onEvent: (event) => {
        const current = this.polls.get(key)?.poll;
        if (!current) return;
        if (event.kind === 'record') update({ records: foldPolls([...current.records, event.record]), next: event.next });
        else if (event.kind === 'stopped') update({ stop: event, next: undefined });
        else update({});
      },
    });
    const poll: PaymentPoll = { key, ...start, state: poller.state() };
    this.polls.set(key, { poller, poll });
    poller.start();
    this.emit();
  }

  /** The injected fetch; until the classification is loaded, an answer is handed on only once it is. */
  private readonly fetch: PollFetch = (request, signal) => {
    const answer = this.deps.fetch(request, signal);
    return this.classifier ? answer : Promise.all([answer, this.loadClassifier()]).then(([raw]) => raw);
  };

  /** Never called before the classification is loaded: `fetch` holds each answer back until then. */
  private readonly classify: ClassifyAnswer = (raw, now) => {
    if (!this.classifier) throw new Error('an answer reached the poller before its classification was loaded');
    return this.classifier(raw, now);
  };

  /** Loads the classification once; a failed load (the extension was reloaded) is tried again at the next poll. */
  private loadClassifier(): Promise<ClassifyAnswer> {
    this.loadingClassifier ??= import('../../core/poll/poll-request.ts').then(
      ({ classifyPollResponse }) => (this.classifier = classifyPollResponse),
      (error: unknown) => {
        this.loadingClassifier = undefined;
        throw error;
      },
    );
    return this.loadingClassifier;
  }

  private emit(): void {
    this.listeners.forEach((listener) => listener());
  }
}

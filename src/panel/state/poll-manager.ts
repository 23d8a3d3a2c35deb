import { createPoller, type Clock, type NextPoll, type Poller, type PollerOptions, type PollerState, type PollFetch } from '../../core/poll/poller.ts';
import type { ToolMetaInfo } from '../../core/poll/poll-request.ts';
import { foldPolls } from '../../core/timeline/fold-polls.ts';
import type { PollRecord, PollStop, PollTarget } from '../../core/timeline/poll-record.ts';

/** One payment being (or having been) polled from the panel. */
export type PaymentPoll = {
  readonly target: PollTarget;
  readonly productId?: number;
  /** Bounded: repeated identical polls fold into their row (see fold-polls). */
  readonly records: readonly PollRecord[];
  readonly state: PollerState;
  readonly next?: NextPoll;
  readonly stop?: PollStop;
};

export type PollManagerDeps<Handle> = {
  fetch: PollFetch;
  clock: Clock<Handle>;
  meta: ToolMetaInfo;
  random?: () => number;
  options?: Partial<PollerOptions>;
};

/**
 * Several payments polled at once, each with its own poller and bounded history. Pure apart from
 * the injected fetch and clock, so the panel's polling runs in Node tests as it runs in DevTools.
 */
export class PollManager<Handle = unknown> {
  private readonly polls = new Map<string, { poller: Poller; poll: PaymentPoll }>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: PollManagerDeps<Handle>) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  list(): PaymentPoll[] {
    return [...this.polls.values()].map((entry) => entry.poll);
  }

  get(paymentId: string): PaymentPoll | undefined {
    return this.polls.get(paymentId)?.poll;
  }

  /** Starts (or restarts, with a fresh history) polling one payment. */
  start(target: PollTarget, productId?: number, intervalMs?: number): void {
    this.polls.get(target.paymentId)?.poller.stop('user');
    const update = (change: Partial<PaymentPoll>) => {
      const entry = this.polls.get(target.paymentId);
      if (!entry || entry.poller !== poller) return;
      entry.poll = { ...entry.poll, ...change, state: poller.state() };
      this.emit();
    };
    const poller = createPoller<Handle>({
      target,
      meta: this.deps.meta,
      fetch: this.deps.fetch,
      clock: this.deps.clock,
      ...(this.deps.random ? { random: this.deps.random } : {}),
      options: { ...this.deps.options, ...(intervalMs !== undefined ? { intervalMs } : {}) },
      onEvent: (event) => {
        const current = this.polls.get(target.paymentId)?.poll;
        if (!current) return;
        if (event.kind === 'record') update({ records: foldPolls([...current.records, event.record]), next: event.next });
        else if (event.kind === 'stopped') update({ stop: event, next: undefined });
        else update({});
      },
    });
    this.polls.set(target.paymentId, {
      poller,
      poll: { target, ...(productId !== undefined ? { productId } : {}), records: [], state: poller.state() },
    });
    poller.start();
    this.emit();
  }

  stop(paymentId: string): void {
    this.polls.get(paymentId)?.poller.stop('user');
  }

  setIntervalMs(paymentId: string, ms: number): number | undefined {
    const entry = this.polls.get(paymentId);
    if (!entry) return undefined;
    const used = entry.poller.setIntervalMs(ms);
    entry.poll = { ...entry.poll, state: entry.poller.state() };
    this.emit();
    return used;
  }

  /** DevTools is closing: stop everything, send nothing more. */
  closeAll(): void {
    for (const { poller } of this.polls.values()) poller.stop('closed');
  }

  private emit(): void {
    this.listeners.forEach((listener) => listener());
  }
}

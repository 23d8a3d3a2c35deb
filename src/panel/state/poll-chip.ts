import type { PaymentPoll } from './poll-manager.ts';

/** How a payment's row shows its poll at a glance: the last status, and whether it is live. */
export type PollChip = {
  /** What the chip says: `WAITING`, `COMPLETED`, `not polled`… */
  label: string;
  /** Colour and icon family: a live poll, a final answer, a stop, an error, or none yet. */
  tone: 'live' | 'done' | 'stopped' | 'error' | 'none';
  /** The whole sentence, for a tooltip and for screen readers. */
  description: string;
};

/** The last third-party status any answer of the poll gave, as sent. */
export function lastStatus(poll: PaymentPoll): string | undefined {
  for (let i = poll.records.length - 1; i >= 0; i--) {
    const { outcome } = poll.records[i]!;
    if (outcome.kind === 'status') return outcome.status;
    if (outcome.kind === 'unknown-status') return outcome.value;
  }
  return undefined;
}

export function pollChip(poll: PaymentPoll | undefined): PollChip {
  if (!poll) return { label: 'not polled', tone: 'none', description: 'Not polled from the panel' };
  const status = lastStatus(poll);
  const last = poll.records.at(-1)?.outcome.kind;
  if (poll.state.running) {
    const failing = last !== undefined && last !== 'status' && last !== 'unknown-status';
    const label = status ?? 'polling';
    return {
      label,
      tone: failing ? 'error' : 'live',
      description: `Polling${status ? `: ${status}` : ''}${failing ? ', the last answer was an error' : ''}`,
    };
  }
  if (status === 'COMPLETED') return { label: 'COMPLETED', tone: 'done', description: 'Polled to COMPLETED' };
  const why = poll.stop?.message;
  return {
    label: status ?? 'stopped',
    tone: poll.stop?.reason === 'session-expired' ? 'error' : 'stopped',
    description: `Stopped${status ? ` at ${status}` : ''}${why ? `: ${why}` : ''}`,
  };
}

/** The panel's latest poll of a payment (a restarted poll is a new one). */
export function latestPollOf(polls: readonly PaymentPoll[], paymentId: string): PaymentPoll | undefined {
  for (let i = polls.length - 1; i >= 0; i--) if (polls[i]!.target.paymentId === paymentId) return polls[i];
  return undefined;
}

/** What each poll showed at the last look: its chip's description. */
export type Announced = ReadonlyMap<string, string>;

/**
 * What changed since the last look, in one polite sentence for a screen reader: a new status, an
 * error after a status, a stop. Nothing for a poll seen for the first time with no answer yet.
 */
export function announce(previous: Announced, polls: readonly PaymentPoll[]): { text: string | undefined; seen: Announced } {
  const seen = new Map<string, string>();
  const changes: string[] = [];
  for (const poll of polls) {
    const chip = pollChip(poll);
    seen.set(poll.key, chip.description);
    const before = previous.get(poll.key);
    if (before === chip.description || (before === undefined && poll.records.length === 0)) continue;
    changes.push(`Payment ${poll.target.paymentId}: ${chip.description}`);
  }
  return { text: changes.length > 0 ? `${changes.join('. ')}.` : undefined, seen };
}

import type { Frame } from 'playwright-core';

/** One reading of a poll card's state line ("Polling every 1 s; next in 2 s (backoff)"). */
export type PollStateSample = { at: number; text: string };

export interface PollStateWatch {
  /** What the card of `paymentId` said since `since` (Node's Date.now()), in order, each change once. */
  seen(paymentId: string, since?: number): PollStateSample[];
  stop(): Promise<void>;
}

/**
 * Reads the state line of every poll card in a panel in one evaluation, every `intervalMs`, so
 * that many concurrent cases cost one round trip per tick between them. Waits shorter than a tick
 * can be missed; backoff and Retry-After waits are at least the poll interval.
 */
export function watchPollStates(panel: Frame, intervalMs = 200): PollStateWatch {
  const byPayment = new Map<string, PollStateSample[]>();
  let running = true;
  const loop = (async () => {
    while (running) {
      const cards = await panel
        .locator('[data-testid="poll"]')
        .evaluateAll((els) => els.map((el) => [el.getAttribute('data-payment-id') ?? '', el.querySelector('[data-testid="poll-state"]')?.textContent ?? ''] as const))
        .catch(() => [] as (readonly [string, string])[]);
      const at = Date.now();
      for (const [paymentId, text] of cards) {
        const samples = byPayment.get(paymentId) ?? [];
        if (samples.at(-1)?.text !== text) samples.push({ at, text });
        byPayment.set(paymentId, samples);
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    seen: (paymentId, since = 0) => (byPayment.get(paymentId) ?? []).filter((s) => s.at >= since),
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** The waits a state line announced ("next in 3 s (backoff)"), in ms, for one reason. */
export function announcedWaits(samples: readonly PollStateSample[], why: 'backoff' | 'retry-after'): number[] {
  return samples.flatMap((s) => {
    const match = new RegExp(`next in (\\d+) (ms|s) \\(${why}\\)`).exec(s.text);
    return match ? [Number(match[1]) * (match[2] === 's' ? 1000 : 1)] : [];
  });
}

/**
 * The pure half of the polling-economy benchmark: the scripted status changes, and the figures
 * made of what the simulator logged and what each poller saw. No timers, no I/O, so it is tested
 * by table (test/unit/bench/polling-economy-plan.test.ts).
 */
import { seededRandom } from './classification-har.ts';
import { summarize, type Summary } from './stats.ts';

/** The fixed poller polls once a second, as Worldline's example app does; the panel's default interval is the same. */
export const FIXED_INTERVAL_MS = 1000;
/** Issue 11: a status change reaches the panel within the interval and this much, at the 95th percentile. */
export const DELAY_MARGIN_MS = 150;

export type Step = 'scan' | 'authenticate' | 'confirm';
export const FLOW: readonly { step: Step; status: string }[] = [
  { step: 'scan', status: 'INITIALIZED' },
  { step: 'authenticate', status: 'AUTHORIZED' },
  { step: 'confirm', status: 'COMPLETED' },
];

/**
 * Each status lasts between these, so no poller polling about once a second can miss one: a
 * missed status would be a transition nobody could detect, not a slow one.
 */
export const MIN_GAP_MS = 1300;
export const MAX_GAP_MS = 3000;

export type PlannedPayment = {
  /** When both pollers of this payment start, after the first payment's: starts are spread over one interval. */
  startMs: number;
  /** When each step is taken, after this payment's start. */
  changes: { step: Step; status: string; afterMs: number }[];
};

/** The script of a run: the same for both pollers, different for each payment, the same for a seed. */
export function planStatusChanges(payments: number, seed = 11): PlannedPayment[] {
  const random = seededRandom(seed);
  return Array.from({ length: payments }, (_, index) => {
    let afterMs = 0;
    return {
      startMs: Math.round((index * FIXED_INTERVAL_MS) / Math.max(1, payments)),
      changes: FLOW.map(({ step, status }) => {
        afterMs += Math.round(MIN_GAP_MS + random() * (MAX_GAP_MS - MIN_GAP_MS));
        return { step, status, afterMs };
      }),
    };
  });
}

/** A status change as the simulator recorded it, or a status as a poller first had it (epoch ms). */
export type StatusEvent = { paymentId: string; status: string; at: number };

export type PollerFigures = {
  /** Status requests the simulator logged from this poller. */
  requests: number;
  /** Scripted changes this poller saw. */
  transitions: number;
  /** Changes it never saw (a status it skipped, or a run that ended first): must be 0. */
  missed: number;
  requestsPerTransition: number;
  /** From the change at the simulator to the poller having it, one per transition seen. */
  delayMs: Summary;
};

/** Matches every change with the same payment's first sighting of the same status. */
export function pollerFigures(requests: number, changes: readonly StatusEvent[], seen: readonly StatusEvent[]): PollerFigures {
  const firstSeen = new Map<string, number>();
  for (const event of seen) {
    const key = `${event.paymentId} ${event.status}`;
    const earlier = firstSeen.get(key);
    if (earlier === undefined || event.at < earlier) firstSeen.set(key, event.at);
  }
  const delays: number[] = [];
  let missed = 0;
  for (const change of changes) {
    const at = firstSeen.get(`${change.paymentId} ${change.status}`);
    if (at === undefined) missed += 1;
    else delays.push(at - change.at);
  }
  return {
    requests,
    transitions: delays.length,
    missed,
    requestsPerTransition: delays.length === 0 ? Number.NaN : requests / delays.length,
    delayMs: summarize(delays),
  };
}

export type PollingVerdict = {
  /** The panel sends no more requests per transition than the fixed poller. */
  requests: { pass: boolean; panel: number; fixed: number };
  /** The panel's p95 delay is within the interval and the margin. */
  delay: { pass: boolean; p95Ms: number; budgetMs: number };
  /** Every change was seen by both pollers (otherwise the figures above are not comparable). */
  complete: boolean;
};

export function pollingVerdict(panel: PollerFigures, fixed: PollerFigures, intervalMs = FIXED_INTERVAL_MS): PollingVerdict {
  const budgetMs = intervalMs + DELAY_MARGIN_MS;
  return {
    requests: { pass: panel.requestsPerTransition <= fixed.requestsPerTransition, panel: panel.requestsPerTransition, fixed: fixed.requestsPerTransition },
    delay: { pass: panel.delayMs.p95 <= budgetMs, p95Ms: panel.delayMs.p95, budgetMs },
    complete: panel.missed === 0 && fixed.missed === 0,
  };
}

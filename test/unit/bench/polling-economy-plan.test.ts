import { describe, expect, it } from 'vitest';
import {
  DELAY_MARGIN_MS,
  FIXED_INTERVAL_MS,
  MAX_GAP_MS,
  MIN_GAP_MS,
  planStatusChanges,
  pollerFigures,
  pollingVerdict,
  type StatusEvent,
} from '../../../scripts/bench/polling-economy-plan.ts';

describe('planStatusChanges', () => {
  const plan = planStatusChanges(8);

  it('is the same script for the same seed', () => {
    expect(planStatusChanges(8)).toEqual(plan);
    expect(planStatusChanges(8, 12)).not.toEqual(plan);
  });

  it('takes every payment through scan, authenticate and confirm, each status lasting long enough to be seen', () => {
    for (const payment of plan) {
      expect(payment.changes.map((c) => [c.step, c.status])).toEqual([
        ['scan', 'INITIALIZED'],
        ['authenticate', 'AUTHORIZED'],
        ['confirm', 'COMPLETED'],
      ]);
      let previous = 0;
      for (const change of payment.changes) {
        expect(change.afterMs - previous).toBeGreaterThanOrEqual(MIN_GAP_MS);
        expect(change.afterMs - previous).toBeLessThanOrEqual(MAX_GAP_MS);
        previous = change.afterMs;
      }
    }
    expect(MIN_GAP_MS).toBeGreaterThan(FIXED_INTERVAL_MS);
  });

  it('spreads the payments’ starts over one interval, so their polls do not all leave at once', () => {
    expect(plan.map((p) => p.startMs)).toEqual([0, 125, 250, 375, 500, 625, 750, 875]);
  });

  it('changes at irregular moments, not in step with any poller', () => {
    const offsets = new Set(plan.flatMap((p) => p.changes.map((c) => (p.startMs + c.afterMs) % FIXED_INTERVAL_MS)));
    expect(offsets.size).toBeGreaterThan(20);
  });
});

const event = (paymentId: string, status: string, at: number): StatusEvent => ({ paymentId, status, at });

describe('pollerFigures', () => {
  const changes = [event('a', 'INITIALIZED', 1000), event('a', 'AUTHORIZED', 3000), event('b', 'INITIALIZED', 1500)];

  it('takes each change’s delay to the first sighting of that status of that payment', () => {
    const seen = [event('a', 'WAITING', 0), event('a', 'INITIALIZED', 1400), event('a', 'INITIALIZED', 1200), event('a', 'AUTHORIZED', 3900), event('b', 'INITIALIZED', 1600)];
    const figures = pollerFigures(12, changes, seen);
    expect(figures).toMatchObject({ requests: 12, transitions: 3, missed: 0, requestsPerTransition: 4 });
    expect(figures.delayMs).toMatchObject({ n: 3, median: 200, max: 900, min: 100 });
  });

  it('counts a status never seen as missed, not as a delay', () => {
    const figures = pollerFigures(9, changes, [event('a', 'INITIALIZED', 1100), event('b', 'AUTHORIZED', 4000)]);
    expect(figures).toMatchObject({ transitions: 1, missed: 2, requestsPerTransition: 9 });
  });

  it('has no requests per transition without a transition', () => {
    expect(pollerFigures(5, changes, []).requestsPerTransition).toBeNaN();
  });
});

describe('pollingVerdict', () => {
  const figures = (requests: number, delays: number[], missed = 0) =>
    pollerFigures(
      requests,
      delays.map((_, i) => event(`p${i}`, 'INITIALIZED', 0)),
      delays.flatMap((delay, i) => (i < delays.length - missed ? [event(`p${i}`, 'INITIALIZED', delay)] : [])),
    );

  it.each([
    ['fewer requests, p95 within the interval and the margin', figures(38, [400, 900, 1100]), figures(40, [500, 950, 990]), true, true],
    ['as many requests as the fixed poller', figures(40, [400, 500, 600]), figures(40, [400, 500, 600]), true, true],
    ['more requests', figures(41, [400, 500, 600]), figures(40, [400, 500, 600]), false, true],
    ['a p95 past the interval and the margin', figures(30, [400, 500, 1400]), figures(40, [400, 500, 600]), true, false],
  ])('%s', (_, panel, fixed, requests, delay) => {
    const verdict = pollingVerdict(panel, fixed);
    expect(verdict.requests.pass).toBe(requests);
    expect(verdict.delay.pass).toBe(delay);
    expect(verdict.delay.budgetMs).toBe(FIXED_INTERVAL_MS + DELAY_MARGIN_MS);
    expect(verdict.complete).toBe(true);
  });

  it('is not complete when a poller missed a change, and never passes requests it cannot count', () => {
    const verdict = pollingVerdict(figures(10, [500, 600], 2), figures(10, [500, 600]));
    expect(verdict.complete).toBe(false);
    expect(verdict.requests.pass).toBe(false);
  });
});

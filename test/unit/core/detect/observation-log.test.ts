import { describe, expect, it } from 'vitest';
import type { ClientApiCall, Observation } from '../../../../src/core/detect/observation.ts';
import { appendObservations, MAX_CALLS_PER_TAB, onNavigation } from '../../../../src/core/detect/observation-log.ts';
import { hookSession, productsCall } from '../../fixtures/observations.ts';

const call = productsCall;
const typed: Observation = { kind: 'payment', at: 1, paymentId: '000000123410000595980000100001', source: 'typed' };
const sdkSession: Observation = hookSession;

describe('appendObservations', () => {
  it('adds new facts once, however often they are reported', () => {
    const first = appendObservations([], [call(1), sdkSession]);
    expect(first.added).toHaveLength(2);
    const again = appendObservations(first.stored, [call(1), sdkSession, { ...sdkSession, at: 99 }]);
    expect(again.added).toEqual([]);
    expect(again.stored).toHaveLength(2);
  });

  it('keeps the same session seen in two frames as two facts', () => {
    const { stored } = appendObservations([sdkSession], [{ ...sdkSession, frame: { frameId: 5, url: 'https://psp/' } }]);
    expect(stored).toHaveLength(2);
  });

  it('stays bounded over two hours of one call a second, keeping each session\'s first call and every non-call', () => {
    let stored: Observation[] = [typed, sdkSession];
    const other = call(0, 'c'.repeat(32));
    stored = appendObservations(stored, [other]).stored;
    // As the devtools page reports them: a few calls at a time.
    for (let second = 1; second <= 7200; second += 5) {
      stored = appendObservations(stored, [1, 2, 3, 4, 5].map((i) => call((second + i - 1) * 1000))).stored;
    }
    const calls = stored.filter((o): o is ClientApiCall => o.kind === 'client-api-call');
    expect(calls.length).toBeLessThanOrEqual(MAX_CALLS_PER_TAB);
    expect(calls[0]).toEqual(other);
    expect(calls[1]!.at).toBe(1000);
    expect(calls.at(-1)!.at).toBe(7_200_000);
    expect(stored).toContainEqual(typed);
    expect(stored).toContainEqual(sdkSession);
  });
});

describe('onNavigation', () => {
  const nav = { kind: 'navigation', at: 10, url: 'https://shop/next' } as const;

  it('keeps everything and marks the navigation with preserve log on', () => {
    expect(onNavigation([call(1), typed], nav, true)).toEqual([call(1), typed, nav]);
  });

  it('starts afresh with preserve log off, but keeps the payments the user typed', () => {
    expect(onNavigation([call(1), typed, sdkSession], nav, false)).toEqual([typed, nav]);
  });
});

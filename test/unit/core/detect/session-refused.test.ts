import { describe, expect, it } from 'vitest';
import { observationSchema, type Observation, type SessionRefused } from '../../../../src/core/detect/observation.ts';
import { appendObservations, MAX_CALLS_PER_TAB, observationKey } from '../../../../src/core/detect/observation-log.ts';
import { productsCall } from '../../fixtures/observations.ts';

const SID = 'a'.repeat(32);
const refused = (at: number, over: Partial<SessionRefused> = {}): SessionRefused => ({
  kind: 'session-refused',
  at,
  clientSessionId: SID,
  customerId: '1-x',
  source: 'panel-poll',
  ...over,
});
const call = (at: number) => productsCall(at, SID);

describe('the session-refused observation', () => {
  it('is an observation like the others, checked by the same schema', () => {
    expect(observationSchema.safeParse(refused(1)).success).toBe(true);
    expect(observationSchema.safeParse({ ...refused(1), source: 'page' }).success).toBe(false);
    expect(observationSchema.safeParse({ ...refused(1), clientSessionId: 'x'.repeat(257) }).success).toBe(false);
  });

  it('is kept once per session, however often the panel’s polls are refused', () => {
    expect(observationKey(refused(1))).toBe(observationKey(refused(99, { customerId: '2-y' })));
    expect(observationKey(refused(1))).not.toBe(observationKey(refused(1, { clientSessionId: 'b'.repeat(32) })));
    const first = appendObservations([], [refused(1)]);
    const again = appendObservations(first.stored, [refused(5), refused(9)]);
    expect(again.added).toEqual([]);
    expect(again.stored).toEqual([refused(1)]);
  });

  it('survives the trim of old calls, like every fact that is not a call', () => {
    let stored: Observation[] = [call(0), refused(1)];
    for (let at = 2; at < MAX_CALLS_PER_TAB + 500; at += 50) {
      stored = appendObservations(stored, Array.from({ length: 50 }, (_, i) => call(at + i))).stored;
    }
    expect(stored.filter((o) => o.kind === 'client-api-call').length).toBeLessThanOrEqual(MAX_CALLS_PER_TAB);
    expect(stored).toContainEqual(refused(1));
  });
});

import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../../src/core/detect/derive-sessions.ts';
import type { PaymentPoll } from '../../../src/panel/state/poll-manager.ts';
import { refusalsToReport } from '../../../src/panel/state/refusal-reports.ts';

const target = (clientSessionId: string) => ({ clientApiUrl: 'https://h/client', customerId: '1234-abc', paymentId: '000000123410000595980000100001', clientSessionId });
const poll = (clientSessionId: string, reason: string): PaymentPoll =>
  ({ key: clientSessionId, target: target(clientSessionId), records: [], state: { running: false }, stop: { at: 5, reason } }) as unknown as PaymentPoll;
const session = (clientSessionId: string, refusedBy?: 'page' | 'panel') =>
  ({ clientSessionId, ...(refusedBy ? { refused: { at: 5, by: refusedBy } } : {}) }) as unknown as SessionView;

describe('refusalsToReport', () => {
  it('reports a refused poll once to a worker, with the session and customer it named', () => {
    const sent = new Map<string, string>();
    const polls = [poll('a', 'session-expired'), poll('b', 'completed')];
    expect(refusalsToReport(polls, [session('a'), session('b')], 'w1', sent)).toEqual([
      { kind: 'session-refused', at: 5, clientSessionId: 'a', customerId: '1234-abc', source: 'panel-poll' },
    ]);
    expect(refusalsToReport(polls, [session('a'), session('b')], 'w1', sent)).toEqual([]);
  });

  it('reports it again to a restarted worker while the sessions do not show it (the message may have died with the old one)', () => {
    const sent = new Map<string, string>();
    const polls = [poll('a', 'session-expired')];
    expect(refusalsToReport(polls, [session('a')], 'w1', sent)).toHaveLength(1);
    expect(refusalsToReport(polls, [session('a')], 'w2', sent)).toHaveLength(1);
    // Once the sessions show the panel's refusal, a further restart sends nothing.
    expect(refusalsToReport(polls, [session('a', 'panel')], 'w3', sent)).toEqual([]);
  });

  it("still tells the worker of the panel's refusal when only the page's is shown", () => {
    expect(refusalsToReport([poll('a', 'session-expired')], [session('a', 'page')], 'w1', new Map())).toHaveLength(1);
  });
});

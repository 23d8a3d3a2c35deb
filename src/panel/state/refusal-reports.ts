import type { SessionView } from '../../core/detect/derive-sessions.ts';
import type { SessionRefused } from '../../core/detect/observation.ts';
import type { PaymentPoll } from './poll-manager.ts';

/**
 * The refusals (403, code 9008) the panel's polls got that the worker must be told of, so the session
 * is refused everywhere. Each is sent once per worker: a message posted just as the service worker
 * stops is lost with it, so one not yet seen in the tab's sessions is sent again to the next worker
 * (a new `epoch`). `sentIn` remembers, per session id, the epoch it was last sent in.
 */
export function refusalsToReport(
  polls: readonly PaymentPoll[],
  sessions: readonly SessionView[],
  epoch: string,
  sentIn: Map<string, string>,
): SessionRefused[] {
  const reports: SessionRefused[] = [];
  for (const poll of polls) {
    const { stop, target } = poll;
    if (stop?.reason !== 'session-expired' || sentIn.get(target.clientSessionId) === epoch) continue;
    if (sessions.some((s) => s.clientSessionId === target.clientSessionId && s.refused?.by === 'panel')) continue;
    sentIn.set(target.clientSessionId, epoch);
    reports.push({ kind: 'session-refused', at: stop.at, clientSessionId: target.clientSessionId, customerId: target.customerId, source: 'panel-poll' });
  }
  return reports;
}

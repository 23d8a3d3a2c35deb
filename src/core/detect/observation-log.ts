import type { Observation } from './observation.ts';

/** Bounds per tab: a page polling every second for two hours must not grow the store without end. */
export const MAX_CALLS_PER_TAB = 2000;
export const MAX_OBSERVATIONS_PER_TAB = 4000;

/** Two reports of the same fact (getHAR and onRequestFinished overlap; the hook re-announces on every collect). */
export function observationKey(o: Observation): string {
  switch (o.kind) {
    case 'client-api-call':
      return `call|${o.at}|${o.method}|${o.url}`;
    case 'sdk-session':
      return `session|${o.frame.frameId}|${o.clientSessionId}`;
    case 'payment':
      return `payment|${o.paymentId}|${o.source}|${o.clientSessionId ?? ''}`;
    case 'navigation':
      return `navigation|${o.at}|${o.url}`;
    case 'session-refused':
      // One refusal says it all: a panel polling a dead session every few seconds must not fill the log.
      return `refused|${o.clientSessionId}`;
  }
}

/**
 * Appends what is new and keeps the list bounded. Old calls go first, but never the first call of a
 * session (it dates the session) and never sessions, payments, navigations or refusals.
 * Returns the stored list and the observations that were actually added.
 *
 * `seen` may be passed to keep the keys of `stored` between calls (it is then updated to match the
 * returned list): building them afresh for every append costs a string per stored observation.
 */
export function appendObservations(
  stored: readonly Observation[],
  incoming: readonly Observation[],
  seen: Set<string> = new Set(stored.map(observationKey)),
): { stored: Observation[]; added: Observation[] } {
  const added: Observation[] = [];
  for (const o of incoming) {
    const key = observationKey(o);
    if (seen.has(key)) continue;
    seen.add(key);
    added.push(o);
  }
  if (added.length === 0) return { stored: [...stored], added };
  const next = trimCalls([...stored, ...added]);
  if (next.length < stored.length + added.length) {
    // A trim: forget the keys of what went, so the set stays as bounded as the list.
    seen.clear();
    for (const o of next) seen.add(observationKey(o));
  }
  return { stored: next, added };
}

function trimCalls(list: Observation[]): Observation[] {
  let calls = list.filter((o) => o.kind === 'client-api-call').length;
  if (calls <= MAX_CALLS_PER_TAB && list.length <= MAX_OBSERVATIONS_PER_TAB) return list;
  const firstCallOfSession = new Set<Observation>();
  const sessionsSeen = new Set<string>();
  for (const o of list) {
    if (o.kind === 'client-api-call' && !sessionsSeen.has(o.clientSessionId)) {
      sessionsSeen.add(o.clientSessionId);
      firstCallOfSession.add(o);
    }
  }
  // Trim a tenth below the bound, so a page polling every second costs one trim every few minutes, not one per call.
  const kept: Observation[] = [];
  let excess = Math.max(calls - Math.floor(MAX_CALLS_PER_TAB * 0.9), list.length - Math.floor(MAX_OBSERVATIONS_PER_TAB * 0.9));
  for (const o of list) {
    if (excess > 0 && o.kind === 'client-api-call' && !firstCallOfSession.has(o)) {
      excess -= 1;
      calls -= 1;
      continue;
    }
    kept.push(o);
  }
  return kept;
}

/**
 * On navigation: keep everything and mark it (preserve log), or start afresh from the marker.
 * Payment ids the user typed are theirs, not the page's: they survive either way.
 */
export function onNavigation(
  stored: readonly Observation[],
  navigation: Extract<Observation, { kind: 'navigation' }>,
  preserveLog: boolean,
): Observation[] {
  if (preserveLog) return appendObservations(stored, [navigation]).stored;
  const typed = stored.filter((o) => o.kind === 'payment' && o.source === 'typed');
  return [...typed, navigation];
}

import type { SessionView } from '../../core/detect/derive-sessions.ts';

/**
 * Session cards drawn at most. A page can make a thousand sessions (or claim them in its calls);
 * drawing a card for each made every update of the panel cost hundreds of milliseconds. The rest
 * stay one filter away.
 */
export const MAX_SHOWN_SESSIONS = 100;

export type ShownSessions = {
  /** In the order first seen, like the full list. */
  shown: SessionView[];
  /** Sessions that match the filter. */
  matching: number;
  /** Matching sessions left out to stay within the limit: the least recently active. */
  hidden: number;
};

/** What a filter looks at: what a user can read on the card, never the session id (it is masked there). */
function matches(session: SessionView, needle: string): boolean {
  if (!needle) return true;
  const haystack = [session.customerId, session.clientApiUrl, session.assetUrl ?? '', session.sdk?.name ?? '', session.sdk?.version ?? '', ...session.frames.map((f) => f.url)];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}

/**
 * The sessions to draw: those matching `filter` (case-insensitive, on customer id, URLs and SDK),
 * and of those, when there are more than `limit`, the most recently active.
 */
export function shownSessions(sessions: readonly SessionView[], filter: string, limit = MAX_SHOWN_SESSIONS): ShownSessions {
  const needle = filter.trim().toLowerCase();
  const matching = sessions.filter((s) => matches(s, needle));
  if (matching.length <= limit) return { shown: matching, matching: matching.length, hidden: 0 };
  const kept = new Set([...matching].sort((a, b) => b.lastSeen - a.lastSeen || b.firstSeen - a.firstSeen).slice(0, limit));
  return { shown: matching.filter((s) => kept.has(s)), matching: matching.length, hidden: matching.length - limit };
}

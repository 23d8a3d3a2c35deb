import { useState } from 'preact/hooks';
import type { SessionView } from '../../core/detect/derive-sessions.ts';

/**
 * The tabs of a session's details, as the Network panel has Headers, Preview, Timing. Its payments
 * are not one: they are listed under the session on the left, each with its Poll button.
 */
export type DetailTab = 'overview' | 'calls';
export const DETAIL_TABS: readonly DetailTab[] = ['overview', 'calls'];

/** The session shown in the details pane, and which of its tabs. */
export type SessionSelection = { readonly clientSessionId: string; readonly tab: DetailTab };

/**
 * Selecting a session keeps the tab when it is already the one shown (moving the focus inside its
 * card must not jump back to its overview), and opens `tab` (or the overview) otherwise.
 */
export function selectSession(current: SessionSelection | null, clientSessionId: string, tab?: DetailTab): SessionSelection {
  if (tab !== undefined) return { clientSessionId, tab };
  if (current?.clientSessionId === clientSessionId) return current;
  return { clientSessionId, tab: 'overview' };
}

/** The selected session as it is now; none when it is gone (cleared, or trimmed away after hours). */
export function selectedSession(sessions: readonly SessionView[], selection: SessionSelection | null): SessionView | undefined {
  return selection === null ? undefined : sessions.find((s) => s.clientSessionId === selection.clientSessionId);
}

/** The selection of a list of sessions (the tab's, or an imported file's): the selected one as it is now, and its tab. */
export function useSessionSelection(sessions: readonly SessionView[]) {
  const [selection, setSelection] = useState<SessionSelection | null>(null);
  return {
    selected: selectedSession(sessions, selection),
    tab: selection?.tab ?? 'overview',
    select: (clientSessionId: string, tab?: DetailTab) => setSelection((current) => selectSession(current, clientSessionId, tab)),
    showTab: (tab: DetailTab) => setSelection((current) => (current ? { ...current, tab } : current)),
    clear: () => setSelection(null),
  };
}
export type SessionSelectionControls = ReturnType<typeof useSessionSelection>;

import { useMemo } from 'preact/hooks';
import type { PaymentView, SessionView } from '../../core/detect/derive-sessions.ts';
import type { PaymentPoll } from '../state/poll-manager.ts';
import type { DetailTab } from '../state/session-selection.ts';
import { MAX_SHOWN_SESSIONS, shownSessions } from '../state/shown-sessions.ts';
import { SessionCard } from './SessionCard.tsx';

interface Props {
  sessions: readonly SessionView[];
  /** The toolbar's filter. */
  filter: string;
  onPoll: (session: SessionView, payment: PaymentView) => void;
  /** The panel's poll of a payment, for its status chip. */
  pollOf: (paymentId: string) => PaymentPoll | undefined;
  onShowPoll: (paymentId: string) => void;
  /** The session in the details pane, and how to show another there. */
  selectedId: string | undefined;
  onSelect: (clientSessionId: string, tab?: DetailTab) => void;
}

/** Every session of the tab with its payments; past `MAX_SHOWN_SESSIONS`, the most recently active, and the toolbar's filter. */
export function SessionList({ sessions, filter, onPoll, pollOf, onShowPoll, selectedId, onSelect }: Props) {
  const { shown, matching, hidden } = useMemo(() => shownSessions(sessions, filter), [sessions, filter]);
  const many = sessions.length > MAX_SHOWN_SESSIONS || filter !== '';
  return (
    <section aria-labelledby="sessions-title" class="session-list">
      <h2 id="sessions-title" class="pane-title">
        {sessions.length} client session{sessions.length === 1 ? '' : 's'}
      </h2>
      {many && (
        <p class="muted session-filter" role="status" data-testid="sessions-shown" data-hidden={hidden} data-matching={matching}>
          {hidden > 0
            ? `Showing the ${shown.length} most recently active of ${matching}${filter ? ' matching' : ''}; ${hidden} more.`
            : `${matching} matching.`}
        </p>
      )}
      {shown.map((session) => (
        <SessionCard
          key={session.clientSessionId}
          session={session}
          selected={session.clientSessionId === selectedId}
          onSelect={(tab) => onSelect(session.clientSessionId, tab)}
          onPoll={onPoll}
          pollOf={pollOf}
          onShowPoll={onShowPoll}
        />
      ))}
    </section>
  );
}

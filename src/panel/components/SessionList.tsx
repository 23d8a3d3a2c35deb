import { useMemo, useState } from 'preact/hooks';
import type { PaymentView, SessionView } from '../../core/detect/derive-sessions.ts';
import { MAX_SHOWN_SESSIONS, shownSessions } from '../state/shown-sessions.ts';
import { SessionCard } from './SessionCard.tsx';

interface Props {
  sessions: readonly SessionView[];
  onPoll: (session: SessionView, payment: PaymentView) => void;
}

/** Every session of the tab, as cards; past `MAX_SHOWN_SESSIONS`, the most recently active and a filter. */
export function SessionList({ sessions, onPoll }: Props) {
  const [filter, setFilter] = useState('');
  const { shown, matching, hidden } = useMemo(() => shownSessions(sessions, filter), [sessions, filter]);
  const many = sessions.length > MAX_SHOWN_SESSIONS || filter !== '';
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">
        {sessions.length} client session{sessions.length === 1 ? '' : 's'}
      </h2>
      {many && (
        <div class="session-filter">
          <label>
            Filter sessions{' '}
            <input
              type="search"
              value={filter}
              placeholder="customer id, URL or SDK"
              onInput={(e) => setFilter(e.currentTarget.value)}
              data-testid="session-filter"
            />
          </label>{' '}
          <span class="muted" role="status" data-testid="sessions-shown" data-hidden={hidden} data-matching={matching}>
            {hidden > 0
              ? `Showing the ${shown.length} most recently active of ${matching}${filter ? ' matching' : ''}; ${hidden} more.`
              : `${matching} matching.`}
          </span>
        </div>
      )}
      {shown.map((session) => (
        <SessionCard key={session.clientSessionId} session={session} onPoll={onPoll} />
      ))}
    </section>
  );
}

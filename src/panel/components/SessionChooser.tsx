import type { SessionView } from '../../core/detect/derive-sessions.ts';
import { maskSecret } from '../../core/connect/ids.ts';
import { formatClock } from '../format.ts';

interface Props {
  paymentId: string;
  sessions: readonly SessionView[];
  onChoose(session: SessionView): void;
  onCancel(): void;
}

/** Several sessions were live when the payment was created: the user says which one polls it. */
export function SessionChooser({ paymentId, sessions, onChoose, onCancel }: Props) {
  return (
    <div class="approval" role="dialog" aria-labelledby="chooser-title" data-testid="session-chooser">
      <h2 id="chooser-title">Which session should poll payment {paymentId}?</h2>
      <p>Several client sessions were live on this page when the payment was created.</p>
      <ul>
        {sessions.map((s) => (
          <li key={s.clientSessionId}>
            <button type="button" onClick={() => onChoose(s)} data-testid="choose-session" data-customer-id={s.customerId}>
              Customer {s.customerId}, session {maskSecret(s.clientSessionId)}, first seen {formatClock(s.firstSeen)}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

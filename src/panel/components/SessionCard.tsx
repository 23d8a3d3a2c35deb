import type { PaymentView, SessionView } from '../../core/detect/derive-sessions.ts';
import { ENVIRONMENT_LABEL, PLATFORM_LABEL, PLATFORM_SIGN_LABEL } from '../format.ts';
import type { PaymentPoll } from '../state/poll-manager.ts';
import type { DetailTab } from '../state/session-selection.ts';
import { PaymentList } from './PaymentList.tsx';
import { lifetimeLabel, sdkLabel } from './session-labels.ts';

interface Props {
  session: SessionView;
  /** Shown in the details pane. */
  selected: boolean;
  /** Shows the session in the details pane (on `tab`, or as it was). */
  onSelect: (tab?: DetailTab) => void;
  /** Absent for read-only views (an imported file). */
  onPoll?: (session: SessionView, payment: PaymentView) => void;
  /** The panel's poll of a payment, for its status chip; and how to bring its timeline into view. */
  pollOf?: (paymentId: string) => PaymentPoll | undefined;
  onShowPoll?: (paymentId: string) => void;
}

/**
 * A session in the list, as a row of the Network panel: what it is at a glance, how long it has left,
 * and its payments, each pollable from here. Its details and calls are in the details pane: focusing
 * or clicking the card selects it there, as the arrow keys move through the list.
 */
export function SessionCard({ session, selected, onSelect, onPoll, pollOf, onShowPoll }: Props) {
  return (
    <article
      class={selected ? 'session selected' : 'session'}
      tabIndex={0}
      data-nav-item
      aria-label={`Session of customer ${session.customerId}`}
      aria-current={selected ? 'true' : undefined}
      data-testid="session"
      data-customer-id={session.customerId}
      data-expired={String(session.expired)}
      data-refused={String(session.refused !== undefined)}
      data-selected={String(selected)}
      onFocusIn={() => onSelect()}
      onClick={() => onSelect()}
    >
      <header>
        <h3 class="mono" data-testid="session-customer">
          {session.customerId}
        </h3>
        <span class="badge" data-testid="session-environment">
          {ENVIRONMENT_LABEL[session.environment]}
        </span>
        <span class="badge" data-testid="session-platform" data-platform={session.platform} title={`Told by ${PLATFORM_SIGN_LABEL[session.platformSign] ?? session.platformSign}`}>
          {PLATFORM_LABEL[session.platform]}
        </span>
        {session.hostedCheckout && (
          <span class="badge" data-testid="session-hosted-checkout" title="Worldline's hosted checkout (MyCheckout): the SDK runs in Worldline's own payment page">
            Hosted checkout
          </span>
        )}
        <span class="badge" data-testid="session-sdk">
          {sdkLabel(session)}
        </span>
      </header>
      <p class="lifetime muted" data-testid="session-lifetime">
        {lifetimeLabel(session)}
      </p>
      {!session.poll.canPoll && (
        <p class="note" data-testid="session-poll-reason">
          {session.poll.reason}
        </p>
      )}
      {session.poll.canPoll && session.platformNote !== undefined && (
        <p class="note" data-testid="session-platform-note">
          {session.platformNote}
        </p>
      )}
      <h4 class="payments-title" data-testid="session-payment-count" data-count={session.payments.length}>
        {session.payments.length} payment{session.payments.length === 1 ? '' : 's'}
      </h4>
      <PaymentList
        payments={session.payments}
        {...(onPoll ? { onPoll: (payment: PaymentView) => onPoll(session, payment) } : {})}
        {...(pollOf ? { pollOf } : {})}
        {...(onShowPoll ? { onShowPoll } : {})}
      />
      <button
        type="button"
        class="link"
        aria-label={`${session.calls.length} call${session.calls.length === 1 ? '' : 's'}: show them in the details`}
        onClick={(event) => {
          event.stopPropagation();
          onSelect('calls');
        }}
        data-testid="session-toggle"
      >
        {session.calls.length} call{session.calls.length === 1 ? '' : 's'}
      </button>
    </article>
  );
}

import { productName } from '../../core/connect/products.ts';
import type { PaymentView } from '../../core/detect/derive-sessions.ts';
import { formatClock } from '../format.ts';
import { pollChip } from '../state/poll-chip.ts';
import type { PaymentPoll } from '../state/poll-manager.ts';

const SOURCE_LABEL: Record<PaymentView['sources'][number], string> = {
  'thirdpartystatus-call': "the page's status calls",
  'create-payment-response': "the merchant's create-payment answer",
  typed: 'typed in',
};

interface Props {
  payments: readonly PaymentView[];
  onPoll?: (payment: PaymentView) => void;
  /** The panel's poll of a payment, for its status chip, and how to bring its timeline into view. */
  pollOf?: (paymentId: string) => PaymentPoll | undefined;
  onShowPoll?: (paymentId: string) => void;
  /** For a payment created while several sessions were live: ask which one polls it. */
  onChooseSession?: (payment: PaymentView) => void;
}

/** A payment's poll at a glance: its last status, live or not; a polled one opens its timeline. */
function Chip({ poll, paymentId, onShowPoll }: { poll: PaymentPoll | undefined; paymentId: string; onShowPoll?: ((paymentId: string) => void) | undefined }) {
  const chip = pollChip(poll);
  const text = (
    <>
      <span class="chip-dot" aria-hidden="true" />
      {chip.label}
    </>
  );
  const common = { class: `chip chip-${chip.tone}`, title: chip.description, 'data-testid': 'poll-chip', 'data-tone': chip.tone };
  return poll && onShowPoll ? (
    <button type="button" {...common} aria-label={`${chip.description}: show the timeline`} onClick={() => onShowPoll(paymentId)}>
      {text}
    </button>
  ) : (
    <span {...common} aria-label={chip.description}>
      {text}
    </span>
  );
}

export function PaymentList({ payments, onPoll, pollOf, onShowPoll, onChooseSession }: Props) {
  if (payments.length === 0) return <p class="muted">No payment seen for this session yet.</p>;
  return (
    <ul class="payments" data-testid="payments">
      {payments.map((p) => (
        <li key={p.paymentId} tabIndex={-1} data-nav-item aria-label={`Payment ${p.paymentId}`} data-testid="payment" data-payment-id={p.paymentId}>
          {pollOf && <Chip poll={pollOf(p.paymentId)} paymentId={p.paymentId} onShowPoll={onShowPoll} />} <code class="payment-id">{p.paymentId}</code>{' '}
          <span class="badge">{p.productId !== undefined ? productName(p.productId) : 'product not known'}</span>{' '}
          {p.lastThirdPartyStatus !== undefined && (
            <span class="badge" data-testid="page-status">
              page saw {p.lastThirdPartyStatus}
            </span>
          )}
          <div class="muted" data-testid="payment-sources">
            From {p.sources.map((s) => SOURCE_LABEL[s]).join(', ')}; first seen {formatClock(p.firstSeen)}
            {p.showDataKeys?.length ? `; showData ${p.showDataKeys.join(', ')}` : ''}
          </div>
          {p.poll.canPoll ? (
            onPoll && (
              <button type="button" class="primary" data-testid="poll-button" onClick={() => onPoll(p)}>
                Poll status
              </button>
            )
          ) : (
            <div class="note" data-testid="poll-reason">
              {p.poll.reason}{' '}
              {onChooseSession && (p.candidateSessionIds?.length ?? 0) > 1 && (
                <button type="button" data-testid="choose-session-button" onClick={() => onChooseSession(p)}>
                  Choose a session and poll
                </button>
              )}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

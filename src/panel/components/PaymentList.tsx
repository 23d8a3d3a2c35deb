import { productName } from '../../core/connect/products.ts';
import type { PaymentView } from '../../core/detect/derive-sessions.ts';
import { formatClock } from '../format.ts';

const SOURCE_LABEL: Record<PaymentView['sources'][number], string> = {
  'thirdpartystatus-call': "the page's status calls",
  'create-payment-response': "the merchant's create-payment answer",
  typed: 'typed in',
};

interface Props {
  payments: readonly PaymentView[];
  onPoll?: (payment: PaymentView) => void;
  /** For a payment created while several sessions were live: ask which one polls it. */
  onChooseSession?: (payment: PaymentView) => void;
}

export function PaymentList({ payments, onPoll, onChooseSession }: Props) {
  if (payments.length === 0) return <p class="muted">No payment seen for this session yet.</p>;
  return (
    <ul class="payments" data-testid="payments">
      {payments.map((p) => (
        <li key={p.paymentId} data-testid="payment" data-payment-id={p.paymentId}>
          <code class="payment-id">{p.paymentId}</code>{' '}
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
              <button type="button" data-testid="poll-button" onClick={() => onPoll(p)}>
                Poll third-party status
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

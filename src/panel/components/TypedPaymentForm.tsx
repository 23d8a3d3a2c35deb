import { useState } from 'preact/hooks';
import type { Clock } from '../../core/clock.ts';
import type { SessionView } from '../../core/detect/derive-sessions.ts';
import type { PaymentSeen } from '../../core/detect/observation.ts';
import { validateTypedPayment } from '../../core/detect/validate-typed-payment.ts';

interface Props {
  sessions: readonly SessionView[];
  clock: Clock;
  onAdd(payment: PaymentSeen): void;
}

/** Watch a payment the page has not shown us: its id (and product, when known) typed in. */
export function TypedPaymentForm({ sessions, clock, onAdd }: Props) {
  const [paymentId, setPaymentId] = useState('');
  const [productId, setProductId] = useState('');
  const [sessionId, setSessionId] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'note'; text: string } | null>(null);
  const chosen = sessions.find((s) => s.clientSessionId === sessionId) ?? sessions.at(-1);

  const submit = (event: Event) => {
    event.preventDefault();
    const result = validateTypedPayment(paymentId, productId);
    if (!result.ok) {
      setMessage({ kind: 'error', text: result.reason });
      return;
    }
    onAdd({
      kind: 'payment',
      at: clock.now(),
      source: 'typed',
      paymentId: result.value.paymentId,
      ...(result.value.productId !== undefined ? { productId: result.value.productId } : {}),
      ...(chosen ? { clientSessionId: chosen.clientSessionId } : {}),
    });
    setMessage(result.value.note ? { kind: 'note', text: result.value.note } : null);
    setPaymentId('');
  };

  return (
    <form class="typed-payment" onSubmit={submit} data-testid="typed-payment-form" aria-label="Watch a payment by id">
      <label>
        Payment id{' '}
        <input
          name="paymentId"
          value={paymentId}
          onInput={(e) => setPaymentId(e.currentTarget.value)}
          placeholder="000000123410000595980000100001"
          size={34}
          aria-invalid={message?.kind === 'error'}
          aria-describedby="typed-payment-message"
        />
      </label>
      <label>
        Product{' '}
        <input
          name="productId"
          value={productId}
          onInput={(e) => setProductId(e.currentTarget.value)}
          placeholder="3012 or 863"
          size={8}
          list="third-party-products"
        />
        <datalist id="third-party-products">
          <option value="3012">Bancontact</option>
          <option value="863">WeChat Pay</option>
        </datalist>
      </label>
      {sessions.length > 1 && (
        <label>
          Session{' '}
          <select value={chosen?.clientSessionId} onChange={(e) => setSessionId(e.currentTarget.value)}>
            {sessions.map((s) => (
              <option key={s.clientSessionId} value={s.clientSessionId}>
                {s.customerId}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit">Watch</button>
      <span id="typed-payment-message" role="status" class={message?.kind === 'error' ? 'error' : 'muted'} data-testid="typed-payment-message">
        {message?.text ?? ''}
      </span>
    </form>
  );
}

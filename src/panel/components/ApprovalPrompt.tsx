interface Props {
  origin: string;
  paymentId: string;
  onAllow(): void;
  onCancel(): void;
}

/**
 * The page chose the Client API address; the user decides whether the panel may send the session's
 * bearer credential there. Asked once per origin, remembered in the settings.
 */
export function ApprovalPrompt({ origin, paymentId, onAllow, onCancel }: Props) {
  return (
    <div class="approval" role="alertdialog" aria-labelledby="approval-title" aria-describedby="approval-text" data-testid="approval">
      <h2 id="approval-title">Allow status requests to {origin}?</h2>
      <p id="approval-text">
        To poll payment <code>{paymentId}</code>, Connect DevTools will send the client session id to{' '}
        <strong class="mono">{origin}</strong>, the Client API this page uses. Only allow hosts you expect: a Connect
        Client API, or the built-in simulator.
      </p>
      <button type="button" onClick={onAllow} data-testid="approve">
        Allow and poll
      </button>{' '}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

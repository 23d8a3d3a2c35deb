interface Props {
  origin: string;
  paymentId: string;
  /** The browser's own prompt for host access is open: the panel waits for its answer. */
  asking: boolean;
  onAllow(): void;
  onCancel(): void;
}

/**
 * The page chose the Client API address; the user decides whether the panel may send the session's
 * bearer credential there. Asked once per origin, remembered in the settings. Allowing also asks the
 * browser for access to that one origin, so polls work whatever CORS policy the Client API has.
 */
export function ApprovalPrompt({ origin, paymentId, asking, onAllow, onCancel }: Props) {
  return (
    <div class="approval" role="alertdialog" aria-labelledby="approval-title" aria-describedby="approval-text" data-testid="approval" data-asking={String(asking)}>
      <h2 id="approval-title">Allow status requests to {origin}?</h2>
      <p id="approval-text">
        To poll payment <code>{paymentId}</code>, Connect DevTools will send the client session id to{' '}
        <strong class="mono">{origin}</strong>, the Client API this page uses. Only allow hosts you expect: a Connect
        Client API, or the built-in simulator. Chrome then asks you to let Connect DevTools access that origin, and only
        that one: its requests then leave from the panel, never from the page, whether or not the Client API answers CORS
        for extensions.
      </p>
      {asking ? (
        <p role="status" data-testid="approval-asking">
          Waiting for your answer in Chrome's prompt…
        </p>
      ) : (
        <>
          <button type="button" onClick={onAllow} data-testid="approve">
            Allow and poll
          </button>{' '}
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </>
      )}
    </div>
  );
}

import { Fragment } from 'preact';

/** The panel's keyboard shortcuts: the help panel lists them, and the README says the same. */
export const SHORTCUTS: readonly { keys: string; does: string }[] = [
  { keys: 'Ctrl+F or /', does: 'Filter sessions' },
  { keys: '↑ ↓', does: 'Move through the sessions and payments on the left; the session in focus shows in the details' },
  { keys: '← →', does: "On the details' tabs: Overview or Calls" },
  { keys: 'Enter', does: 'On a payment: poll its third-party status (or show its timeline when polled)' },
  { keys: 'Tab, Shift+Tab', does: 'Move between controls; every action has one' },
  { keys: 'D', does: 'Demo mode on or off: the timeline large enough to follow from across a room' },
  { keys: '← →, + −, 0', does: 'In a timeline picture: select the previous or next state, zoom in or out, fit' },
  { keys: '↑ ↓, Home End', does: "In a timeline's table: select a row (the picture follows)" },
  { keys: '?', does: 'Show or hide this help' },
  { keys: 'Esc', does: 'Close the help, a prompt or the settings' },
];

export function HelpPanel({ onClose }: { onClose(): void }) {
  return (
    <section class="help" aria-labelledby="help-title" data-testid="help">
      <h2 id="help-title">Keyboard shortcuts</h2>
      <dl class="shortcuts">
        {SHORTCUTS.map((s) => (
          <Fragment key={s.keys}>
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{s.does}</dd>
          </Fragment>
        ))}
      </dl>
      <p class="muted">
        Detection, polling and the timeline are described in the README, with troubleshooting for a page where nothing
        is detected, an origin not approved, a refused session (9008) and polls failing with a network error.
      </p>
      <button type="button" onClick={onClose} data-testid="help-close">
        Close help
      </button>
    </section>
  );
}

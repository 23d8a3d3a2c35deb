import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import {
  MAX_DEFAULT_INTERVAL_SECONDS,
  MIN_DEFAULT_INTERVAL_SECONDS,
  readDefaultIntervalSeconds,
} from '../../core/poll/default-interval.ts';
import { DEFAULT_SETTINGS, type Settings, type SettingsChange } from '../../extension/messaging/envelope.ts';
import type { HostAccess } from '../../extension/platform/host-access.ts';
import { ApprovedOriginList } from './ApprovedOrigins.tsx';
import './SettingsDialog.css';

export interface SettingsDialogProps {
  /** The settings as the service worker last sent them. The dialog keeps no copy: a change shows once the worker answers. */
  settings: Settings;
  /** The browser's host permissions: shown for each approved origin, given back on Revoke and on Reset. */
  hostAccess: HostAccess;
  /**
   * Sends one change to the service worker, as a `settings-change` message. Every control sends
   * one change; Reset sends `{ key: 'reset' }`, which the worker applies as one change.
   */
  onChange(change: SettingsChange): void;
  /** Close or Escape: the parent stops rendering the dialog, and focus goes back to where it was when it opened. */
  onClose(): void;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * The panel's settings in a modal dialog: the default poll interval, Preserve log, the approved
 * origins (each revocable) and Reset. Render it to open it; it takes the focus, and gives it back to
 * the element that had it when it is no longer rendered.
 */
export function SettingsDialog({ settings, hostAccess, onChange, onClose }: SettingsDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const resetButton = useRef<HTMLButtonElement>(null);
  const cancelReset = useRef<HTMLButtonElement>(null);
  const [typed, setTyped] = useState<string | null>(null);
  const [note, setNote] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState('');

  // Before paint, while the opener still has the focus: remember it, open as a modal, move focus in.
  useLayoutEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const node = dialog.current!;
    if (!node.open) node.showModal();
    firstField.current?.focus();
    return () => {
      if (node.open) node.close();
      if (opener?.isConnected && typeof opener.focus === 'function') opener.focus();
    };
  }, []);

  // What was typed stays until the worker's answer (or another window's change) shows the stored value.
  useEffect(() => setTyped(null), [settings.pollIntervalSeconds]);

  useEffect(() => {
    if (confirming) cancelReset.current?.focus();
  }, [confirming]);

  const applyInterval = (text: string) => {
    const read = readDefaultIntervalSeconds(text, settings.pollIntervalSeconds);
    setNote(read.note);
    if (read.seconds === settings.pollIntervalSeconds) {
      setTyped(null);
      return;
    }
    setTyped(String(read.seconds));
    onChange({ key: 'pollIntervalSeconds', value: read.seconds });
  };

  const endConfirm = () => {
    // The Reset button stays rendered, so the focus has somewhere to go as the question goes away.
    resetButton.current?.focus();
    setConfirming(false);
  };

  const reset = () => {
    const revoked = settings.approvedOrigins;
    // One change in the worker, so another window's change lands wholly before or after it.
    onChange({ key: 'reset' });
    // Host access is given back as Revoke does, for the origins this window knew of.
    for (const origin of revoked) void hostAccess.remove(origin);
    setTyped(null);
    setNote(undefined);
    setStatus(`Settings reset to their defaults${revoked.length > 0 ? `; ${plural(revoked.length, 'origin')} revoked` : ''}.`);
    endConfirm();
  };

  const origins = settings.approvedOrigins;
  return (
    // Escape is handled here, and its default prevented, so that the browser's own cancel does not close it a second time.
    <dialog
      ref={dialog}
      class="settings-dialog"
      aria-labelledby="settings-title"
      data-testid="settings-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        onClose();
      }}
    >
      <header>
        <h2 id="settings-title">Settings</h2>
        <button type="button" onClick={onClose} data-testid="settings-close">
          Close
        </button>
      </header>

      <section aria-labelledby="settings-polling-title">
        <h3 id="settings-polling-title">Polling</h3>
        <label for="settings-interval">Default poll interval</label>{' '}
        <input
          ref={firstField}
          id="settings-interval"
          type="number"
          inputMode="numeric"
          min={MIN_DEFAULT_INTERVAL_SECONDS}
          max={MAX_DEFAULT_INTERVAL_SECONDS}
          step={1}
          value={typed ?? String(settings.pollIntervalSeconds)}
          aria-describedby={note ? 'settings-interval-help settings-interval-note' : 'settings-interval-help'}
          data-testid="settings-interval"
          onInput={(e) => setTyped(e.currentTarget.value)}
          onChange={(e) => applyInterval(e.currentTarget.value)}
        />{' '}
        seconds
        <p id="settings-interval-help" class="muted">
          Polls you start begin with this interval, from {MIN_DEFAULT_INTERVAL_SECONDS} to {MAX_DEFAULT_INTERVAL_SECONDS} s; polls
          already running keep theirs.
        </p>
        <p id="settings-interval-note" class="note" role="status" data-testid="settings-interval-note">
          {note}
        </p>
      </section>

      <section aria-labelledby="settings-log-title">
        <h3 id="settings-log-title">Log</h3>
        <input
          id="settings-preserve-log"
          type="checkbox"
          checked={settings.preserveLog}
          aria-describedby="settings-preserve-log-help"
          data-testid="settings-preserve-log"
          onChange={(e) => onChange({ key: 'preserveLog', value: e.currentTarget.checked })}
        />{' '}
        <label for="settings-preserve-log">Preserve log</label>
        <p id="settings-preserve-log-help" class="muted">
          Keep what was detected when the inspected page navigates, like the Network panel's Preserve log.
        </p>
      </section>

      <section aria-labelledby="settings-origins-title">
        <h3 id="settings-origins-title">Approved origins</h3>
        <p class="muted">
          {origins.length === 0
            ? 'None: the panel asks before its first status request to a Client API origin.'
            : 'Status requests go only to these Client API origins. Revoke stops their polls and gives Chrome access back.'}
        </p>
        {origins.length > 0 && <ApprovedOriginList origins={origins} hostAccess={hostAccess} onRevoke={(origin) => onChange({ key: 'revokeOrigin', origin })} />}
      </section>

      <section aria-labelledby="settings-reset-title">
        <h3 id="settings-reset-title">Reset</h3>
        <button
          ref={resetButton}
          type="button"
          aria-expanded={confirming}
          aria-controls="settings-reset-confirm"
          data-testid="settings-reset"
          onClick={() => (confirming ? endConfirm() : setConfirming(true))}
        >
          Reset all settings…
        </button>
        {confirming && (
          <div id="settings-reset-confirm" class="settings-reset-confirm" role="group" aria-labelledby="settings-reset-question" data-testid="settings-reset-confirm">
            <p id="settings-reset-question">
              Put every setting back to its default? Preserve log goes off, polls you start begin every {DEFAULT_SETTINGS.pollIntervalSeconds} s, and{' '}
              {origins.length === 0 ? 'no origin is approved' : `${plural(origins.length, 'approved origin')} ${origins.length === 1 ? 'is' : 'are'} revoked, with their Chrome access`}.
            </p>
            <button type="button" class="danger" onClick={reset} data-testid="settings-reset-yes">
              Reset settings
            </button>{' '}
            <button ref={cancelReset} type="button" onClick={endConfirm} data-testid="settings-reset-no">
              Cancel
            </button>
          </div>
        )}
        <p role="status" data-testid="settings-status">
          {status}
        </p>
      </section>
    </dialog>
  );
}

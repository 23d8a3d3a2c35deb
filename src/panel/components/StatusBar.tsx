import type { PortStatus } from '../../extension/messaging/reconnecting-port.ts';
import type { PaymentPoll } from '../state/poll-manager.ts';
import { lastStatus } from '../state/poll-chip.ts';

const CONNECTION_TEXT: Record<PortStatus, string> = {
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected from the extension',
};

export function connectionText(connection: PortStatus, capture: PortStatus): string {
  if (connection !== 'connected') return CONNECTION_TEXT[connection];
  if (capture === 'closed') return 'Connected, but network capture is disconnected';
  if (capture === 'reconnecting') return 'Connected; network capture reconnecting…';
  return CONNECTION_TEXT.connected;
}

/** What is being polled, in a few words: the status bar has one line. */
export function pollingText(polls: readonly PaymentPoll[]): string {
  const running = polls.filter((p) => p.state.running);
  if (running.length === 0) return polls.length === 0 ? 'Not polling' : `Not polling (${polls.length} stopped)`;
  const one = (p: PaymentPoll) => `${p.target.paymentId} (${lastStatus(p) ?? 'first answer pending'})`;
  if (running.length === 1) return `Polling ${one(running[0]!)} every ${running[0]!.state.intervalMs / 1000} s`;
  return `Polling ${running.length} payments: ${running.slice(0, 3).map(one).join(', ')}${running.length > 3 ? ', …' : ''}`;
}

interface Props {
  connection: PortStatus;
  /** The devtools page's port, which carries what the network shows. */
  capture: PortStatus;
  polls: readonly PaymentPoll[];
  onReconnect(): void;
}

/** The bottom line, as in the Network panel: the link to the extension, and what is being polled. */
export function StatusBar({ connection, capture, polls, onReconnect }: Props) {
  const gaveUp = connection === 'closed' || capture === 'closed';
  return (
    <footer class="statusbar" data-testid="status-bar">
      <span class={`connection connection-${gaveUp ? 'closed' : connection}`} data-testid="connection" role="status">
        {connectionText(connection, capture)}
      </span>
      {gaveUp && (
        <button type="button" onClick={onReconnect} data-testid="reconnect">
          Reconnect
        </button>
      )}
      <span class="polling" data-testid="polling-summary">
        {pollingText(polls)}
      </span>
    </footer>
  );
}

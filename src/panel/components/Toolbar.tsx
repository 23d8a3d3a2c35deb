import type { Settings } from '../../extension/messaging/envelope.ts';
import type { PortStatus } from '../../extension/messaging/reconnecting-port.ts';

interface ToolbarProps {
  connection: PortStatus;
  /** The devtools page's port, which carries what the network shows. */
  capture: PortStatus;
  settings: Settings;
  onPreserveLog(value: boolean): void;
  onClear(): void;
  onImport(file: File): void;
  onReconnect(): void;
}

const CONNECTION_TEXT: Record<PortStatus, string> = {
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected from the extension',
};

function connectionText(connection: PortStatus, capture: PortStatus): string {
  if (connection !== 'connected') return CONNECTION_TEXT[connection];
  if (capture === 'closed') return 'Connected, but network capture is disconnected';
  if (capture === 'reconnecting') return 'Connected; network capture reconnecting…';
  return CONNECTION_TEXT.connected;
}

export function Toolbar({ connection, capture, settings, onPreserveLog, onClear, onImport, onReconnect }: ToolbarProps) {
  const gaveUp = connection === 'closed' || capture === 'closed';
  return (
    <div class="toolbar" role="toolbar" aria-label="Connect panel controls">
      <button type="button" onClick={onClear} title="Clear what was detected in this tab">
        Clear
      </button>
      <label>
        <input
          type="checkbox"
          checked={settings.preserveLog}
          data-testid="preserve-log"
          onChange={(e) => onPreserveLog(e.currentTarget.checked)}
        />{' '}
        Preserve log
      </label>
      <label class="file-button">
        Import timeline or HAR…
        <input
          type="file"
          accept=".json,.har,application/json"
          data-testid="import-file"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) onImport(file);
            e.currentTarget.value = '';
          }}
        />
      </label>
      <span class={`connection connection-${gaveUp ? 'closed' : connection}`} data-testid="connection" role="status">
        {connectionText(connection, capture)}
      </span>
      {gaveUp && (
        <button type="button" onClick={onReconnect} data-testid="reconnect">
          Reconnect
        </button>
      )}
    </div>
  );
}

import type { Settings } from '../../extension/messaging/envelope.ts';
import type { PortStatus } from '../../extension/messaging/reconnecting-port.ts';

interface ToolbarProps {
  connection: PortStatus;
  settings: Settings;
  onSettings(settings: Settings): void;
  onClear(): void;
  onImport(file: File): void;
}

const CONNECTION_TEXT: Record<PortStatus, string> = {
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected: close and reopen DevTools',
};

export function Toolbar({ connection, settings, onSettings, onClear, onImport }: ToolbarProps) {
  return (
    <div class="toolbar" role="toolbar" aria-label="Connect panel controls">
      <button type="button" onClick={onClear} title="Clear what was detected in this tab">
        Clear
      </button>
      <label>
        <input
          type="checkbox"
          checked={settings.preserveLog}
          onChange={(e) => onSettings({ ...settings, preserveLog: e.currentTarget.checked })}
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
      <span class={`connection connection-${connection}`} data-testid="connection" role="status">
        {CONNECTION_TEXT[connection]}
      </span>
    </div>
  );
}

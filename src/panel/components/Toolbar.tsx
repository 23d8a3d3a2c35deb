import type { Settings } from '../../extension/messaging/envelope.ts';
import type { PortStatus } from '../../extension/messaging/reconnecting-port.ts';

interface ToolbarProps {
  connection: PortStatus;
  settings: Settings;
  onSettings(settings: Settings): void;
  onClear(): void;
}

const CONNECTION_TEXT: Record<PortStatus, string> = {
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected: close and reopen DevTools',
};

export function Toolbar({ connection, settings, onSettings, onClear }: ToolbarProps) {
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
      <span class={`connection connection-${connection}`} data-testid="connection" role="status">
        {CONNECTION_TEXT[connection]}
      </span>
    </div>
  );
}

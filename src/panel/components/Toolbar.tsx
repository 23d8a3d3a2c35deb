import type { Settings } from '../../extension/messaging/envelope.ts';

interface ToolbarProps {
  settings: Settings;
  filter: string;
  onFilter(value: string): void;
  onPreserveLog(value: boolean): void;
  onClear(): void;
  onImport(file: File): void;
  /** Absent when there is nothing to export. */
  onExport?: () => void;
  onSettings(): void;
  settingsOpen: boolean;
  onHelp(): void;
  helpOpen: boolean;
  /** Demo mode: the timeline large enough to follow from across a room. */
  demo: boolean;
  onDemo(value: boolean): void;
}

/** The Network panel's toolbar, for sessions: filter, Clear, Preserve log, Import, Export, settings and help. */
export function Toolbar(props: ToolbarProps) {
  const { settings, filter, onFilter, onPreserveLog, onClear, onImport, onExport } = props;
  return (
    <div class="toolbar" role="toolbar" aria-label="Connect panel controls">
      <input
        type="search"
        class="toolbar-filter"
        value={filter}
        placeholder="Filter"
        aria-label="Filter sessions by customer id, URL or SDK"
        title="Filter sessions by customer id, URL or SDK (Ctrl+F)"
        onInput={(e) => onFilter(e.currentTarget.value)}
        data-testid="session-filter"
      />
      <button type="button" onClick={onClear} title="Clear what was detected in this tab" data-testid="clear">
        Clear
      </button>
      <label>
        <input type="checkbox" checked={settings.preserveLog} data-testid="preserve-log" onChange={(e) => onPreserveLog(e.currentTarget.checked)} /> Preserve log
      </label>
      <span class="toolbar-divider" aria-hidden="true" />
      <label class="file-button" title="Import a timeline exported by this panel, or a HAR saved from the Network panel">
        Import…
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
      <button type="button" disabled={!onExport} onClick={onExport} title="Export every polled payment's timeline" data-testid="export-all">
        Export
      </button>
      <span class="toolbar-spacer" />
      <button type="button" aria-pressed={props.demo} onClick={() => props.onDemo(!props.demo)} data-testid="demo-mode" title="Demo mode: a large timeline for presenting (D)">
        Demo mode
      </button>
      <button type="button" aria-haspopup="dialog" aria-expanded={props.settingsOpen} onClick={props.onSettings} data-testid="settings-button" title="Settings">
        Settings
      </button>
      <button type="button" aria-pressed={props.helpOpen} onClick={props.onHelp} data-testid="help-button" title="Keyboard shortcuts and help (?)">
        ?
      </button>
    </div>
  );
}

import { INITIAL_DEFAULT_INTERVAL_SECONDS } from '../../core/poll/default-interval.ts';
import type { Settings, SettingsChange, TabHealth } from './envelope-schema.ts';

/**
 * Every message between the extension's parts is one envelope: `{ channel, type, ... }`. Its zod
 * schemas are in envelope-schema.ts, for the receivers that check them; this module holds what
 * every part needs to send and route them, and no schema, so the panel can start without zod.
 */
export const CHANNEL = 'connect-devtools';

export type { FromDevtools, FromPanel, Settings, SettingsChange, TabHealth, ToPanel } from './envelope-schema.ts';

export const DEFAULT_SETTINGS: Settings = { preserveLog: false, approvedOrigins: [], pollIntervalSeconds: INITIAL_DEFAULT_INTERVAL_SECONDS };

export function applySettingsChange(settings: Settings, change: SettingsChange): Settings {
  switch (change.key) {
    case 'preserveLog':
      return { ...settings, preserveLog: change.value };
    case 'approveOrigin':
      return settings.approvedOrigins.includes(change.origin)
        ? settings
        : { ...settings, approvedOrigins: [...settings.approvedOrigins, change.origin].slice(-200) };
    case 'revokeOrigin':
      return { ...settings, approvedOrigins: settings.approvedOrigins.filter((o) => o !== change.origin) };
    case 'pollIntervalSeconds':
      return { ...settings, pollIntervalSeconds: change.value };
    case 'reset':
      return { ...DEFAULT_SETTINGS, approvedOrigins: [] };
  }
}

export const HEALTHY: TabHealth = { droppedPageReports: 0 };

export function message<M extends { type: string }>(body: M): M & { channel: typeof CHANNEL } {
  return { channel: CHANNEL, ...body };
}

/** Port names carry the inspected tab id: the service worker routes by it, never by message content. */
export const PORT_KINDS = ['devtools', 'panel'] as const;
export type PortKind = (typeof PORT_KINDS)[number];

export function portName(kind: PortKind, inspectedTabId: number): string {
  return `${kind}:${inspectedTabId}`;
}

export function parsePortName(name: string): { kind: PortKind; tabId: number } | null {
  const match = /^(devtools|panel):(\d{1,10})$/.exec(name);
  if (!match) return null;
  return { kind: match[1] as PortKind, tabId: Number(match[2]) };
}

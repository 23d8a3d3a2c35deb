import { applySettingsChange, DEFAULT_SETTINGS, type Settings, type SettingsChange } from '../messaging/envelope.ts';
import { settingsSchema } from '../messaging/envelope-schema.ts';
import { safeParse } from '../../core/safe-parse.ts';

/** The subset of `storage.local` the settings need. */
export interface LocalStorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * What storage holds, read key by key with the settings' schema: a key that is missing (stored
 * before that setting existed) or unreadable takes its default, and the others keep their values.
 * Never throws, whatever was stored.
 */
export function readStoredSettings(stored: unknown): Settings {
  const fields: Record<string, unknown> = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const read = <K extends keyof Settings>(key: K): Settings[K] => {
    const parsed = safeParse(settingsSchema.shape[key], fields[key]);
    return parsed.success ? (parsed.data as Settings[K]) : DEFAULT_SETTINGS[key];
  };
  return { preserveLog: read('preserveLog'), approvedOrigins: read('approvedOrigins'), pollIntervalSeconds: read('pollIntervalSeconds') };
}

/**
 * Settings, changed one key at a time. Changes are applied in arrival order to what storage holds
 * then, so two DevTools windows changing settings at once both keep their change; a reset is one
 * change too, written at once, so another window's change lands wholly before or after it.
 */
export class SettingsStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly storage: LocalStorageArea) {}

  read(): Promise<Settings> {
    return this.enqueue(() => this.load());
  }

  change(change: SettingsChange): Promise<Settings> {
    return this.enqueue(async () => {
      const next = applySettingsChange(await this.load(), change);
      await this.storage.set({ settings: next });
      return next;
    });
  }

  private async load(): Promise<Settings> {
    return readStoredSettings((await this.storage.get('settings'))['settings']);
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

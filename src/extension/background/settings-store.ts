import { applySettingsChange, DEFAULT_SETTINGS, type Settings, type SettingsChange } from '../messaging/envelope.ts';
import { settingsSchema } from '../messaging/envelope-schema.ts';

/** The subset of `storage.local` the settings need. */
export interface LocalStorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * Settings, changed one key at a time. Changes are applied in arrival order to what storage holds
 * then, so two DevTools windows changing settings at once both keep their change.
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
    const parsed = settingsSchema.safeParse((await this.storage.get('settings'))['settings']);
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

import { describe, expect, it } from 'vitest';
import { SettingsStore, type LocalStorageArea } from '../../../src/extension/background/settings-store.ts';
import { applySettingsChange, DEFAULT_SETTINGS } from '../../../src/extension/messaging/envelope.ts';

/** storage.local whose reads and writes take a turn of the event loop, as the real one does. */
class SlowStorage implements LocalStorageArea {
  value: Record<string, unknown> = {};
  async get(key: string) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return key in this.value ? { [key]: structuredClone(this.value[key]) } : {};
  }
  async set(items: Record<string, unknown>) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    Object.assign(this.value, structuredClone(items));
  }
}

describe('settings, changed by key', () => {
  it('keeps both changes when two DevTools windows change different settings at once', async () => {
    const storage = new SlowStorage();
    // Two windows, two workers' worth of concurrency: the store serialises them.
    const store = new SettingsStore(storage);
    await Promise.all([
      store.change({ key: 'preserveLog', value: true }),
      store.change({ key: 'approveOrigin', origin: 'https://a.example' }),
      store.change({ key: 'approveOrigin', origin: 'https://b.example' }),
    ]);
    expect(await new SettingsStore(storage).read()).toEqual({ preserveLog: true, approvedOrigins: ['https://a.example', 'https://b.example'] });
  });

  it('revokes one origin and keeps the others', async () => {
    const store = new SettingsStore(new SlowStorage());
    await store.change({ key: 'approveOrigin', origin: 'https://a.example' });
    await store.change({ key: 'approveOrigin', origin: 'https://b.example' });
    expect(await store.change({ key: 'revokeOrigin', origin: 'https://a.example' })).toEqual({ preserveLog: false, approvedOrigins: ['https://b.example'] });
  });

  it('reads the defaults from empty or broken storage', async () => {
    const storage = new SlowStorage();
    expect(await new SettingsStore(storage).read()).toEqual(DEFAULT_SETTINGS);
    storage.value = { settings: { preserveLog: 'yes' } };
    expect(await new SettingsStore(storage).read()).toEqual(DEFAULT_SETTINGS);
  });

  it('approves an origin once however often it is approved', () => {
    const once = applySettingsChange(DEFAULT_SETTINGS, { key: 'approveOrigin', origin: 'https://a.example' });
    expect(applySettingsChange(once, { key: 'approveOrigin', origin: 'https://a.example' })).toBe(once);
  });
});

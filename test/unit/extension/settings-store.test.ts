import { describe, expect, it } from 'vitest';
import { readStoredSettings, SettingsStore, type LocalStorageArea } from '../../../src/extension/background/settings-store.ts';
import { applySettingsChange, DEFAULT_SETTINGS, type Settings } from '../../../src/extension/messaging/envelope.ts';

/** storage.local whose reads and writes take a turn of the event loop, as the real one does; it keeps every write. */
class SlowStorage implements LocalStorageArea {
  value: Record<string, unknown> = {};
  readonly writes: Record<string, unknown>[] = [];
  async get(key: string) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return key in this.value ? { [key]: structuredClone(this.value[key]) } : {};
  }
  async set(items: Record<string, unknown>) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.writes.push(structuredClone(items));
    Object.assign(this.value, structuredClone(items));
  }
}

const A = 'https://a.example';
const B = 'https://b.example';
const C = 'https://c.example';

/** Settings far from the defaults in every key. */
const CHANGED: Settings = { preserveLog: true, approvedOrigins: [A, B], pollIntervalSeconds: 7 };

describe('settings, changed by key', () => {
  it('keeps both changes when two DevTools windows change different settings at once', async () => {
    const storage = new SlowStorage();
    // Two windows, two workers' worth of concurrency: the store serialises them.
    const store = new SettingsStore(storage);
    await Promise.all([
      store.change({ key: 'preserveLog', value: true }),
      store.change({ key: 'approveOrigin', origin: A }),
      store.change({ key: 'pollIntervalSeconds', value: 5 }),
      store.change({ key: 'approveOrigin', origin: B }),
    ]);
    expect(await new SettingsStore(storage).read()).toEqual({ preserveLog: true, approvedOrigins: [A, B], pollIntervalSeconds: 5 });
  });

  it('revokes one origin and keeps the others', async () => {
    const store = new SettingsStore(new SlowStorage());
    await store.change({ key: 'approveOrigin', origin: A });
    await store.change({ key: 'approveOrigin', origin: B });
    expect(await store.change({ key: 'revokeOrigin', origin: A })).toEqual({ ...DEFAULT_SETTINGS, approvedOrigins: [B] });
  });

  it('keeps the default poll interval across a restart of the worker', async () => {
    const storage = new SlowStorage();
    await new SettingsStore(storage).change({ key: 'pollIntervalSeconds', value: 12 });
    expect((await new SettingsStore(storage).read()).pollIntervalSeconds).toBe(12);
  });

  it('reads the defaults from empty or broken storage', async () => {
    const storage = new SlowStorage();
    expect(await new SettingsStore(storage).read()).toEqual(DEFAULT_SETTINGS);
    storage.value = { settings: { preserveLog: 'yes' } };
    expect(await new SettingsStore(storage).read()).toEqual(DEFAULT_SETTINGS);
  });

  it('approves an origin once however often it is approved', () => {
    const once = applySettingsChange(DEFAULT_SETTINGS, { key: 'approveOrigin', origin: A });
    expect(applySettingsChange(once, { key: 'approveOrigin', origin: A })).toBe(once);
  });
});

describe('settings stored by an earlier version', () => {
  it('loads settings stored before the default interval existed, keeping their values, with the default interval', async () => {
    const storage = new SlowStorage();
    storage.value = { settings: { preserveLog: true, approvedOrigins: [A] } };
    const store = new SettingsStore(storage);
    expect(await store.read()).toEqual({ preserveLog: true, approvedOrigins: [A], pollIntervalSeconds: 1 });
    // The first change writes the new key beside the old ones.
    await store.change({ key: 'pollIntervalSeconds', value: 4 });
    expect(storage.value).toEqual({ settings: { preserveLog: true, approvedOrigins: [A], pollIntervalSeconds: 4 } });
  });

  it('loads settings stored before approvals existed', () => {
    expect(readStoredSettings({ preserveLog: true })).toEqual({ ...DEFAULT_SETTINGS, preserveLog: true });
  });
});

describe('a stored value that is not a setting', () => {
  it.each([0, 61, 2.5, -1, '5', null, true, [5], { seconds: 5 }, Number.NaN, Number.POSITIVE_INFINITY])(
    'takes the default interval for %j, and keeps the other settings',
    (pollIntervalSeconds) => {
      expect(readStoredSettings({ preserveLog: true, approvedOrigins: [A], pollIntervalSeconds })).toEqual({
        preserveLog: true,
        approvedOrigins: [A],
        pollIntervalSeconds: DEFAULT_SETTINGS.pollIntervalSeconds,
      });
    },
  );

  it('loses only the broken key: broken approvals keep the interval and Preserve log', () => {
    expect(readStoredSettings({ preserveLog: true, approvedOrigins: 'https://a.example', pollIntervalSeconds: 9 })).toEqual({
      preserveLog: true,
      approvedOrigins: [],
      pollIntervalSeconds: 9,
    });
    expect(readStoredSettings({ preserveLog: 'yes', approvedOrigins: [A], pollIntervalSeconds: 9 })).toEqual({ preserveLog: false, approvedOrigins: [A], pollIntervalSeconds: 9 });
  });

  it.each([undefined, null, 'settings', 42, [], [CHANGED]])('reads %j as the defaults, without throwing', (stored) => {
    expect(readStoredSettings(stored)).toEqual(DEFAULT_SETTINGS);
  });

  it('reads a value whose length cannot be measured as the default, without throwing', () => {
    const unmeasurable = JSON.parse('{"length":{"toString":""}}') as unknown;
    expect(readStoredSettings({ preserveLog: true, approvedOrigins: unmeasurable, pollIntervalSeconds: 3 })).toEqual({ preserveLog: true, approvedOrigins: [], pollIntervalSeconds: 3 });
  });
});

describe('reset', () => {
  it('puts every setting back to its default', async () => {
    const storage = new SlowStorage();
    storage.value = { settings: CHANGED };
    expect(await new SettingsStore(storage).change({ key: 'reset' })).toEqual(DEFAULT_SETTINGS);
    expect(storage.value).toEqual({ settings: DEFAULT_SETTINGS });
  });

  it('is one write: no other window ever reads settings half reset', async () => {
    const storage = new SlowStorage();
    storage.value = { settings: CHANGED };
    await new SettingsStore(storage).change({ key: 'reset' });
    expect(storage.writes).toEqual([{ settings: DEFAULT_SETTINGS }]);
  });

  it("is atomic against another window's change: that change lands wholly before or after it, never lost within it", async () => {
    const before = new SlowStorage();
    before.value = { settings: CHANGED };
    const first = new SettingsStore(before);
    // The other window's approval arrives first: the reset that follows takes it away with the rest.
    await Promise.all([first.change({ key: 'approveOrigin', origin: C }), first.change({ key: 'reset' })]);
    expect(await new SettingsStore(before).read()).toEqual(DEFAULT_SETTINGS);
    expect(before.writes.map((w) => w['settings'])).toEqual([{ ...CHANGED, approvedOrigins: [A, B, C] }, DEFAULT_SETTINGS]);

    const after = new SlowStorage();
    after.value = { settings: CHANGED };
    const second = new SettingsStore(after);
    // It arrives while the reset is being written: it is applied on top of the defaults, and kept.
    const reset = second.change({ key: 'reset' });
    const approve = second.change({ key: 'approveOrigin', origin: C });
    const interval = second.change({ key: 'pollIntervalSeconds', value: 30 });
    expect(await reset).toEqual(DEFAULT_SETTINGS);
    expect(await approve).toEqual({ ...DEFAULT_SETTINGS, approvedOrigins: [C] });
    expect(await interval).toEqual({ ...DEFAULT_SETTINGS, approvedOrigins: [C], pollIntervalSeconds: 30 });
    expect(await new SettingsStore(after).read()).toEqual({ ...DEFAULT_SETTINGS, approvedOrigins: [C], pollIntervalSeconds: 30 });
    // Every state ever written is a whole one: the defaults, then each change on top of them.
    expect(after.writes.map((w) => w['settings'])).toEqual([
      DEFAULT_SETTINGS,
      { ...DEFAULT_SETTINGS, approvedOrigins: [C] },
      { ...DEFAULT_SETTINGS, approvedOrigins: [C], pollIntervalSeconds: 30 },
    ]);
  });
});

describe('applySettingsChange', () => {
  it('sets the default interval and nothing else', () => {
    expect(applySettingsChange(CHANGED, { key: 'pollIntervalSeconds', value: 20 })).toEqual({ ...CHANGED, pollIntervalSeconds: 20 });
  });

  it('resets every key, whatever the settings held, without touching them', () => {
    const held = structuredClone(CHANGED);
    const reset = applySettingsChange(held, { key: 'reset' });
    expect(reset).toEqual(DEFAULT_SETTINGS);
    expect(held).toEqual(CHANGED);
    // A fresh list: a later approval cannot reach the defaults through it.
    expect(reset.approvedOrigins).not.toBe(DEFAULT_SETTINGS.approvedOrigins);
  });

  it('leaves the settings given as they were for every change', () => {
    const held = structuredClone(CHANGED);
    applySettingsChange(held, { key: 'preserveLog', value: false });
    applySettingsChange(held, { key: 'approveOrigin', origin: C });
    applySettingsChange(held, { key: 'revokeOrigin', origin: A });
    applySettingsChange(held, { key: 'pollIntervalSeconds', value: 2 });
    expect(held).toEqual(CHANGED);
  });
});

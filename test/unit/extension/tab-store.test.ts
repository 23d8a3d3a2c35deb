import { describe, expect, it } from 'vitest';
import { MAX_OBSERVATIONS_PER_TAB } from '../../../src/core/detect/observation-log.ts';
import type { Observation } from '../../../src/core/detect/observation.ts';
import { CHUNK_SIZE, TabStore, type SessionStorageArea } from '../../../src/extension/background/tab-store.ts';
import type { TabHealth } from '../../../src/extension/messaging/envelope.ts';
import { pollArchiveKey } from '../../../src/extension/storage-keys.ts';
import { hookSession, productsCall } from '../fixtures/observations.ts';

const call = productsCall;
const sdkSession: Observation = hookSession;

/** storage.session as a Map, counting what each write carries. */
class MapStorage implements SessionStorageArea {
  map = new Map<string, unknown>();
  writes: number[] = [];
  failing: string | undefined;
  inFlight = 0;
  maxInFlight = 0;
  async get(keys: string | string[]) {
    const out: Record<string, unknown> = {};
    for (const key of [keys].flat()) if (this.map.has(key)) out[key] = structuredClone(this.map.get(key));
    return out;
  }
  async set(items: Record<string, unknown>) {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.inFlight -= 1;
    if (this.failing) throw new Error(this.failing);
    this.writes.push(JSON.stringify(items).length);
    for (const [k, v] of Object.entries(items)) this.map.set(k, structuredClone(v));
  }
  async remove(keys: string | string[]) {
    for (const key of [keys].flat()) this.map.delete(key);
  }
}

const observationsOf = async (store: TabStore, tabId: number) => (await store.read(tabId)).observations;

describe('TabStore', () => {
  it('survives a restart: a new store over the same storage reads what the old one wrote', async () => {
    const storage = new MapStorage();
    const first = new TabStore(storage, 'e1');
    await first.append(1, [call(1), sdkSession]);
    await first.settled();
    expect(await observationsOf(new TabStore(storage, 'e2'), 1)).toEqual([call(1), sdkSession]);
  });

  it('keeps tabs apart', async () => {
    const store = new TabStore(new MapStorage(), 'e');
    await store.append(1, [call(1)]);
    await store.append(2, [sdkSession]);
    expect(await observationsOf(store, 1)).toEqual([call(1)]);
    expect(await observationsOf(store, 2)).toEqual([sdkSession]);
  });

  it('does not lose concurrent appends, and batches them into few writes, one at a time', async () => {
    const storage = new MapStorage();
    const store = new TabStore(storage, 'e');
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.append(1, [call(i)])));
    await store.settled();
    expect(await observationsOf(store, 1)).toHaveLength(50);
    expect(storage.writes.length).toBeLessThan(5);
    expect(storage.maxInFlight).toBe(1);
    expect(await observationsOf(new TabStore(storage, 'e2'), 1)).toHaveLength(50);
  });

  it('counts a revision per change and names its epoch, so a panel can order what it receives', async () => {
    const store = new TabStore(new MapStorage(), 'epoch-7');
    expect((await store.append(1, [call(1)])).revision).toBe(1);
    expect((await store.append(1, [call(1)])).revision).toBe(1);
    expect((await store.append(1, [call(2)])).revision).toBe(2);
    await store.navigate(1, { kind: 'navigation', at: 3, url: 'https://shop/' }, false);
    await store.clear(1);
    expect(await store.read(1)).toMatchObject({ epoch: 'epoch-7', revision: 4, observations: [] });
  });

  it('at the bound, an append writes one chunk, not the whole list', async () => {
    const storage = new MapStorage();
    const store = new TabStore(storage, 'e');
    const full = Array.from({ length: MAX_OBSERVATIONS_PER_TAB - 10 }, (_, i) => (i % 2 ? call(i) : { ...sdkSession, frame: { frameId: i, url: 'https://shop/' } }));
    await store.append(1, full);
    await store.settled();
    const wholeList = JSON.stringify(full).length;
    storage.writes = [];
    await store.append(1, [call(10_000_000)]);
    await store.settled();
    expect(storage.writes).toHaveLength(1);
    expect(storage.writes[0]!).toBeLessThan(wholeList / 20);
    expect(storage.writes[0]!).toBeLessThan(JSON.stringify(full.slice(0, CHUNK_SIZE)).length * 1.1);
    expect(await observationsOf(new TabStore(storage, 'e2'), 1)).toHaveLength(full.length + 1);
  });

  it('rewrites every chunk after a trim, and leaves no stale chunk behind', async () => {
    const storage = new MapStorage();
    const store = new TabStore(storage, 'e');
    for (let i = 0; i < 2500; i += 50) await store.append(1, Array.from({ length: 50 }, (_, j) => call(i + j)));
    await store.settled();
    const kept = await observationsOf(store, 1);
    expect(kept.length).toBeLessThan(2500);
    expect(await observationsOf(new TabStore(storage, 'e2'), 1)).toEqual(kept);
    const chunkKeys = [...storage.map.keys()].filter((k) => /^tab:1:\d+$/.test(k));
    expect(chunkKeys).toHaveLength(Math.ceil(kept.length / CHUNK_SIZE));
  });

  it('on a storage failure (quota), says so once and carries on in memory; a later write that works clears it', async () => {
    const storage = new MapStorage();
    const health: TabHealth[] = [];
    const store = new TabStore(storage, 'e', (_tab, h) => health.push(h));
    storage.failing = 'QUOTA_BYTES quota exceeded';
    await store.append(1, [call(1)]);
    await store.settled();
    await store.append(1, [call(2)]);
    await store.settled();
    expect(health).toHaveLength(1);
    expect(health[0]!.storageError).toContain('QUOTA_BYTES quota exceeded');
    expect(health[0]!.storageError).toContain('carries on in memory');
    expect(await observationsOf(store, 1)).toEqual([call(1), call(2)]);

    storage.failing = undefined;
    await store.append(1, [call(3)]);
    await store.settled();
    expect(health.at(-1)!.storageError).toBeUndefined();
    expect(await observationsOf(new TabStore(storage, 'e2'), 1)).toEqual([call(1), call(2), call(3)]);
  });

  it('counts page reports it dropped, in the health it reports', async () => {
    const health: TabHealth[] = [];
    const store = new TabStore(new MapStorage(), 'e', (_tab, h) => health.push(h));
    await store.countDropped(1, 2);
    await store.countDropped(1, 0);
    await store.countDropped(1, 1);
    expect(health.map((h) => h.droppedPageReports)).toEqual([2, 3]);
    expect((await store.read(1)).health.droppedPageReports).toBe(3);
  });

  it('drops stored entries that no longer match the schema instead of failing', async () => {
    const storage = new MapStorage();
    await storage.set({ 'tab:1': { chunks: 1 }, 'tab:1:0': [call(1), { kind: 'client-api-call', at: 'yesterday' }, 'junk'] });
    expect(await observationsOf(new TabStore(storage, 'e'), 1)).toEqual([call(1)]);
  });

  it('forgets a closed tab entirely, its poll archive included', async () => {
    const storage = new MapStorage();
    const store = new TabStore(storage, 'e');
    await store.append(1, Array.from({ length: 250 }, (_, i) => call(i)));
    await store.settled();
    await storage.set({ [pollArchiveKey(1)]: [] });
    await store.forget(1);
    expect(storage.map.size).toBe(0);
    expect(await observationsOf(store, 1)).toEqual([]);
  });
});

import { appendObservations, observationKey, onNavigation } from '../../core/detect/observation-log.ts';
import { observationSchema, type Navigation, type Observation } from '../../core/detect/observation.ts';
import { HEALTHY, type TabHealth } from '../messaging/envelope.ts';
import { pollArchiveKey, tabChunkKey as chunkKey, tabMetaKey as metaKey } from '../storage-keys.ts';

/** The subset of `storage.session` the store needs; a Map-backed fake in tests. */
export interface SessionStorageArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/**
 * Observations per stored item. An append rewrites only the last chunk (and the small meta item),
 * never the whole list: at the bound a tab holds 4,000 observations, about 1.4 MB as JSON.
 */
export const CHUNK_SIZE = 100;


const metaSchemaGuard = (raw: unknown): number =>
  raw && typeof raw === 'object' && Number.isInteger((raw as { chunks?: unknown }).chunks)
    ? Math.max(0, Math.min(1000, (raw as { chunks: number }).chunks))
    : 0;

type TabLog = {
  observations: Observation[];
  /** The keys of `observations`, kept so an append does not rebuild them. */
  seen: Set<string>;
  revision: number;
  health: TabHealth;
  /** Chunks that changed since the last successful write; `all` after a trim, a navigation or a failed write. */
  dirty: Set<number> | 'all';
  /** How many chunk items storage holds, so that shrinking removes the rest. */
  storedChunks: number;
  writing: boolean;
};

export type TabSnapshot = { epoch: string; revision: number; observations: Observation[]; health: TabHealth };
export type TabChange = { epoch: string; revision: number; added: Observation[] };

/**
 * Per-tab observations, kept in memory and mirrored to `storage.session` so that a restarted service
 * worker loses nothing. `storage.session` is memory-only and not exposed to content scripts, which
 * suits a store that holds client session ids.
 *
 * The in-memory list is the truth; writes follow it. While one write is in flight, later changes
 * wait and go out together in the next, so a page making 50 calls a second costs a few writes a
 * second, each of one chunk. A write that fails (quota) is reported once through `onHealth`, and
 * detection carries on in memory.
 *
 * Every change bumps the tab's revision; `epoch` names this store (one service-worker lifetime), so
 * a panel can tell a fresh worker's snapshot from a stale message.
 */
export class TabStore {
  private readonly tabs = new Map<number, Promise<TabLog>>();
  private readonly writes = new Set<Promise<void>>();

  constructor(
    private readonly storage: SessionStorageArea,
    readonly epoch: string,
    private readonly onHealth: (tabId: number, health: TabHealth) => void = () => undefined,
  ) {}

  async read(tabId: number): Promise<TabSnapshot> {
    const log = await this.log(tabId);
    return { epoch: this.epoch, revision: log.revision, observations: log.observations, health: log.health };
  }

  async append(tabId: number, incoming: readonly Observation[]): Promise<TabChange> {
    const log = await this.log(tabId);
    const before = log.observations.length;
    const { stored, added } = appendObservations(log.observations, incoming, log.seen);
    if (added.length > 0) {
      const trimmed = stored.length < before + added.length;
      log.observations = stored;
      log.revision += 1;
      this.markDirty(log, trimmed ? 'all' : Math.floor(before / CHUNK_SIZE));
      this.write(tabId, log);
    }
    return { epoch: this.epoch, revision: log.revision, added };
  }

  async navigate(tabId: number, navigation: Navigation, preserveLog: boolean): Promise<void> {
    const log = await this.log(tabId);
    log.observations = onNavigation(log.observations, navigation, preserveLog);
    log.seen = new Set(log.observations.map(observationKey));
    log.revision += 1;
    this.markDirty(log, 'all');
    this.write(tabId, log);
  }

  async clear(tabId: number): Promise<void> {
    const log = await this.log(tabId);
    log.observations = [];
    log.seen = new Set();
    log.revision += 1;
    this.markDirty(log, 'all');
    this.write(tabId, log);
  }

  /** Page-hook reports dropped by the identifier rules: counted, never stored. */
  async countDropped(tabId: number, dropped: number): Promise<void> {
    if (dropped <= 0) return;
    const log = await this.log(tabId);
    log.health = { ...log.health, droppedPageReports: log.health.droppedPageReports + dropped };
    this.onHealth(tabId, log.health);
  }

  async forget(tabId: number): Promise<void> {
    const loaded = this.tabs.get(tabId);
    this.tabs.delete(tabId);
    const chunks = loaded ? (await loaded).storedChunks : metaSchemaGuard((await this.storage.get(metaKey(tabId)))[metaKey(tabId)]);
    const keys = [metaKey(tabId), pollArchiveKey(tabId), ...Array.from({ length: chunks }, (_, i) => chunkKey(tabId, i))];
    await this.storage.remove(keys).catch(() => undefined);
  }

  /** Resolves once every write started so far has finished (tests; nothing waits on it in the worker). */
  async settled(): Promise<void> {
    while (this.writes.size > 0) await Promise.all(this.writes);
  }

  private log(tabId: number): Promise<TabLog> {
    let log = this.tabs.get(tabId);
    if (!log) {
      log = this.load(tabId);
      this.tabs.set(tabId, log);
    }
    return log;
  }

  private async load(tabId: number): Promise<TabLog> {
    const fresh: TabLog = { observations: [], seen: new Set(), revision: 0, health: HEALTHY, dirty: new Set(), storedChunks: 0, writing: false };
    try {
      const chunks = metaSchemaGuard((await this.storage.get(metaKey(tabId)))[metaKey(tabId)]);
      if (chunks === 0) return fresh;
      const keys = Array.from({ length: chunks }, (_, i) => chunkKey(tabId, i));
      const items = await this.storage.get(keys);
      // Re-validate what comes back: it is the same data, but a schema change between versions must not crash.
      const observations = keys.flatMap((key) => {
        const raw = items[key];
        return Array.isArray(raw)
          ? raw.flatMap((item) => {
              const parsed = observationSchema.safeParse(item);
              return parsed.success ? [parsed.data] : [];
            })
          : [];
      });
      return { ...fresh, observations, seen: new Set(observations.map(observationKey)), storedChunks: chunks };
    } catch {
      return fresh;
    }
  }

  private markDirty(log: TabLog, from: number | 'all'): void {
    if (log.dirty === 'all') return;
    if (from === 'all') {
      log.dirty = 'all';
      return;
    }
    const last = Math.max(0, Math.ceil(log.observations.length / CHUNK_SIZE) - 1);
    for (let i = from; i <= last; i++) log.dirty.add(i);
  }

  /** Writes what changed; changes made meanwhile go out in the next round of the same loop. */
  private write(tabId: number, log: TabLog): void {
    if (log.writing) return;
    log.writing = true;
    const writing = (async () => {
      try {
        while (log.dirty === 'all' || log.dirty.size > 0) {
          if (this.tabs.get(tabId) === undefined) return;
          const chunks = Math.ceil(log.observations.length / CHUNK_SIZE);
          const indices = log.dirty === 'all' ? Array.from({ length: chunks }, (_, i) => i) : [...log.dirty].filter((i) => i < chunks);
          log.dirty = new Set();
          const items: Record<string, unknown> = { [metaKey(tabId)]: { chunks } };
          for (const i of indices) items[chunkKey(tabId, i)] = log.observations.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE);
          const stale = Array.from({ length: Math.max(0, log.storedChunks - chunks) }, (_, i) => chunkKey(tabId, chunks + i));
          try {
            await this.storage.set(items);
            if (stale.length > 0) await this.storage.remove(stale);
            log.storedChunks = chunks;
            if (log.health.storageError !== undefined) this.setHealth(tabId, log, { droppedPageReports: log.health.droppedPageReports });
          } catch (error) {
            // What storage holds is now behind: the next successful write rewrites every chunk.
            log.storedChunks = Math.max(log.storedChunks, chunks);
            log.dirty = 'all';
            if (log.health.storageError === undefined) {
              const reason = error instanceof Error ? error.message : String(error);
              this.setHealth(tabId, log, {
                ...log.health,
                storageError: `The browser refused to save this tab's data (${reason.slice(0, 200)}). Detection carries on in memory; a service-worker restart would lose what was not saved.`,
              });
            }
            return;
          }
        }
      } finally {
        log.writing = false;
      }
    })();
    this.writes.add(writing);
    void writing.finally(() => this.writes.delete(writing));
  }

  private setHealth(tabId: number, log: TabLog, health: TabHealth): void {
    log.health = health;
    this.onHealth(tabId, health);
  }
}

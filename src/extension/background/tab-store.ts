import type { Observation } from '../../core/detect/observation.ts';
import { observationSchema } from '../../core/detect/observation.ts';
import { appendObservations, onNavigation } from '../../core/detect/observation-log.ts';

/** The subset of `storage.session` the store needs; a Map-backed fake in tests. */
export interface SessionStorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const keyOf = (tabId: number) => `tab:${tabId}`;

/**
 * Per-tab observations, mirrored to `storage.session` so that a restarted service worker loses
 * nothing. `storage.session` is memory-only and not exposed to content scripts, which suits a
 * store that holds client session ids. Writes per tab are serialised so concurrent messages
 * cannot overwrite each other.
 */
export class TabStore {
  private readonly cache = new Map<number, Observation[]>();
  private readonly queues = new Map<number, Promise<unknown>>();

  constructor(private readonly storage: SessionStorageArea) {}

  read(tabId: number): Promise<Observation[]> {
    return this.enqueue(tabId, () => this.load(tabId));
  }

  append(tabId: number, incoming: readonly Observation[]): Promise<Observation[]> {
    return this.enqueue(tabId, async () => {
      const result = appendObservations(await this.load(tabId), incoming);
      if (result.added.length > 0) await this.save(tabId, result.stored);
      return result.added;
    });
  }

  navigate(tabId: number, navigation: Extract<Observation, { kind: 'navigation' }>, preserveLog: boolean) {
    return this.enqueue(tabId, async () => {
      const next = onNavigation(await this.load(tabId), navigation, preserveLog);
      await this.save(tabId, next);
      return next;
    });
  }

  clear(tabId: number): Promise<void> {
    return this.enqueue(tabId, async () => {
      this.cache.set(tabId, []);
      await this.storage.remove(keyOf(tabId));
    });
  }

  forget(tabId: number): Promise<void> {
    return this.enqueue(tabId, async () => {
      this.cache.delete(tabId);
      await this.storage.remove(keyOf(tabId));
    }).finally(() => this.queues.delete(tabId));
  }

  private async load(tabId: number): Promise<Observation[]> {
    const cached = this.cache.get(tabId);
    if (cached) return cached;
    const raw = (await this.storage.get(keyOf(tabId)))[keyOf(tabId)];
    // Re-validate what comes back: it is the same data, but a schema change between versions must not crash.
    const list = Array.isArray(raw)
      ? raw.flatMap((item) => {
          const parsed = observationSchema.safeParse(item);
          return parsed.success ? [parsed.data] : [];
        })
      : [];
    this.cache.set(tabId, list);
    return list;
  }

  private async save(tabId: number, list: Observation[]): Promise<void> {
    this.cache.set(tabId, list);
    await this.storage.set({ [keyOf(tabId)]: list });
  }

  private enqueue<T>(tabId: number, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(tabId) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.queues.set(tabId, next.catch(() => undefined));
    return next;
  }
}

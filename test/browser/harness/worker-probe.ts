import type { Worker } from 'playwright-core';

/** A page-hook session as the service worker stored it: `at` is the worker's clock when it arrived. */
export interface StoredPageSession {
  clientSessionId: string;
  at: number;
  frameId: number;
  frameUrl: string;
}

/**
 * Counts, from inside the running service worker, the runtime messages any tab sends it (a content
 * script's only way to it). Installed through the worker's DevTools Protocol target: one more
 * `runtime.onMessage` listener that only records. A worker that restarts loses the count: `read`
 * then throws, so a restart never reads as silence.
 */
export async function installTabMessageCounter(worker: Worker): Promise<{ read(): Promise<number> }> {
  await worker.evaluate(() => {
    const scope = self as unknown as { __tabMessages?: { count: number } };
    if (scope.__tabMessages) return;
    const probe = { count: 0 };
    scope.__tabMessages = probe;
    chrome.runtime.onMessage.addListener((_message: unknown, sender: chrome.runtime.MessageSender) => {
      if (sender.tab !== undefined) probe.count += 1;
    });
  });
  return {
    read: () =>
      worker.evaluate(() => {
        const probe = (self as unknown as { __tabMessages?: { count: number } }).__tabMessages;
        if (!probe) throw new Error('The service worker restarted: its message count was lost.');
        return probe.count;
      }),
  };
}

/** Every page-hook session the worker holds in storage.session, whatever the layout of its chunks. */
export function storedPageSessions(worker: Worker): Promise<StoredPageSession[]> {
  return worker.evaluate(async () => {
    const found: StoredPageSession[] = [];
    const walk = (value: unknown) => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (!value || typeof value !== 'object') return;
      const o = value as { kind?: unknown; clientSessionId?: unknown; at?: unknown; frame?: { frameId?: unknown; url?: unknown } };
      if (o.kind === 'sdk-session') {
        found.push({ clientSessionId: String(o.clientSessionId), at: Number(o.at), frameId: Number(o.frame?.frameId), frameUrl: String(o.frame?.url) });
        return;
      }
      Object.values(value).forEach(walk);
    };
    walk(await chrome.storage.session.get(null));
    return found;
  });
}

/** The service worker's clock, which stamps what arrives. */
export const workerNow = (worker: Worker): Promise<number> => worker.evaluate(() => Date.now());

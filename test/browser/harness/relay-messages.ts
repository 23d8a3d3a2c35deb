import type { Worker } from 'playwright-core';

/** One message a content relay sent to the service worker, as the worker received it. */
export interface RelayMessage {
  tabId: number;
  frameId: number;
  type: string;
  clientSessionIds: string[];
}

/** What the worker sent to content scripts (`tabs.sendMessage`), in order. */
export interface ToContent {
  tabId: number;
  type: string;
  /** The browser has handed it to every frame's listeners. */
  delivered: boolean;
}

/** Both kinds in arrival order, so a test can tell which relayed messages came between a release and a collect. */
export type Probe = { events: ({ kind: 'relayed' } & RelayMessage | { kind: 'to-content' } & ToContent)[] };

/**
 * Counts, from inside the running service worker, the messages content relays send it and those it
 * sends to content scripts. Installed by the test through the worker's DevTools Protocol target
 * (`Worker.evaluate`): one more `runtime.onMessage` listener that only records, and a wrapper of
 * `tabs.sendMessage` that records and calls through. Nothing in the extension's code changes.
 * A worker that restarts loses the probe: `read` then throws, so a restart never reads as silence.
 */
export async function installRelayCounter(worker: Worker): Promise<{ read(): Promise<Probe> }> {
  await worker.evaluate(() => {
    const scope = self as unknown as { __privacyProbe?: Probe };
    if (scope.__privacyProbe) return;
    const probe: Probe = { events: [] };
    scope.__privacyProbe = probe;
    chrome.runtime.onMessage.addListener((message: unknown, sender: chrome.runtime.MessageSender) => {
      if (sender.tab?.id === undefined) return;
      const body = message as { type?: unknown; sessions?: unknown };
      probe.events.push({
        kind: 'relayed',
        tabId: sender.tab.id,
        frameId: sender.frameId ?? -1,
        type: String(body?.type),
        clientSessionIds: Array.isArray(body?.sessions) ? body.sessions.map((s) => String((s as { clientSessionId?: unknown })?.clientSessionId)) : [],
      });
    });
    // The worker calls `browser.tabs` (Chrome's own `browser` namespace, which the polyfill hands back).
    const namespaces = [chrome, (self as unknown as { browser?: typeof chrome }).browser];
    for (const tabs of new Set(namespaces.map((n) => n?.tabs).filter(Boolean))) {
      const target = tabs as unknown as { sendMessage: (...args: unknown[]) => Promise<unknown> };
      const send = target.sendMessage.bind(target);
      target.sendMessage = (tabId: unknown, message: unknown, ...rest: unknown[]) => {
        const entry = { kind: 'to-content' as const, tabId: Number(tabId), type: String((message as { type?: unknown })?.type), delivered: false };
        probe.events.push(entry);
        const sent = send(tabId, message, ...rest);
        void sent.finally(() => (entry.delivered = true)).catch(() => undefined);
        return sent;
      };
    }
  });
  return {
    read: () =>
      worker.evaluate(() => {
        const probe = (self as unknown as { __privacyProbe?: Probe }).__privacyProbe;
        if (!probe) throw new Error('The service worker restarted: its message counts were lost.');
        return JSON.parse(JSON.stringify(probe)) as Probe;
      }),
  };
}

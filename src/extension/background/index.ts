import browser, { type Runtime } from 'webextension-polyfill';
import { checkPageSessions } from '../../core/detect/page-session.ts';
import type { Observation } from '../../core/detect/observation.ts';
import { message, parsePortName, type TabHealth, type ToPanel } from '../messaging/envelope.ts';
import { fromDevtoolsSchema, fromPanelSchema, fromRelaySchema } from '../messaging/envelope-schema.ts';
import { systemClock } from '../platform/system-clock.ts';
import { SettingsStore } from './settings-store.ts';
import { TabStore } from './tab-store.ts';
import { safeParse } from '../../core/safe-parse.ts';

/**
 * The service worker routes by tab: ports are named after the inspected tab, content scripts are
 * identified by `sender.tab.id`. It keeps nothing it cannot lose: observations live in storage.session.
 * This file is the worker's composition root, the only place it reads the machine's clock.
 */
const clock = systemClock;
const panels = new Map<number, Set<Runtime.Port>>();
const devtools = new Map<number, Set<Runtime.Port>>();
const store = new TabStore(browser.storage.session, crypto.randomUUID(), (tabId, health: TabHealth) =>
  toPanels(tabId, message({ type: 'health' as const, tabId, health })),
);
const settings = new SettingsStore(browser.storage.local);

function toPanels(tabId: number, body: ToPanel) {
  for (const port of panels.get(tabId) ?? []) {
    try {
      port.postMessage(body);
    } catch {
      // A port that closed between the lookup and the post: its onDisconnect cleans up.
    }
  }
}

async function sendSnapshot(tabId: number, to?: Runtime.Port) {
  const [tab, current] = await Promise.all([store.read(tabId), settings.read()]);
  const body = message({
    type: 'snapshot' as const,
    tabId,
    epoch: tab.epoch,
    revision: tab.revision,
    observations: tab.observations,
    settings: current,
    health: tab.health,
  });
  if (to) to.postMessage(body);
  else toPanels(tabId, body);
}

async function append(tabId: number, observations: Observation[]) {
  const change = await store.append(tabId, observations);
  if (change.added.length > 0) {
    toPanels(tabId, message({ type: 'appended' as const, tabId, epoch: change.epoch, revision: change.revision, observations: change.added }));
  }
}

/** Ask the page hooks of every frame in the tab to hand over the sessions they remember. */
function collect(tabId: number) {
  browser.tabs.sendMessage(tabId, message({ type: 'collect' as const })).catch(() => {
    // No content script there (a chrome:// page, the web store, a page loaded before install).
  });
}

/**
 * DevTools for the tab closed: the page hooks of every frame stop streaming and only remember, so
 * nothing leaves a page nobody inspects. A worker restart drops the ports too, but then this never
 * runs (the worker is gone), and the ports reconnect, which collects again.
 */
function release(tabId: number) {
  browser.tabs.sendMessage(tabId, message({ type: 'release' as const })).catch(() => {
    // The tab closed with its DevTools, or holds no content script.
  });
}

function isInspected(tabId: number): boolean {
  return (devtools.get(tabId)?.size ?? 0) + (panels.get(tabId)?.size ?? 0) > 0;
}

function track(map: Map<number, Set<Runtime.Port>>, tabId: number, port: Runtime.Port) {
  const set = map.get(tabId) ?? new Set();
  set.add(port);
  map.set(tabId, set);
  port.onDisconnect.addListener(() => {
    set.delete(port);
    if (set.size === 0) map.delete(tabId);
    if (!isInspected(tabId)) release(tabId);
  });
}

const extensionOrigin = browser.runtime.getURL('');

browser.runtime.onConnect.addListener((port) => {
  const route = parsePortName(port.name);
  // Only our own DevTools pages connect by name; content scripts never open ports.
  if (!route || port.sender?.tab || !port.sender?.url?.startsWith(extensionOrigin)) {
    port.disconnect();
    return;
  }
  const { kind, tabId } = route;
  if (kind === 'devtools') {
    track(devtools, tabId, port);
    port.onMessage.addListener(async (raw) => {
      const parsed = safeParse(fromDevtoolsSchema, raw);
      if (!parsed.success) return;
      const msg = parsed.data;
      if (msg.type === 'observed') await append(tabId, msg.observations);
      else if (msg.type === 'collect') collect(tabId);
      else {
        const { preserveLog } = await settings.read();
        await store.navigate(tabId, { kind: 'navigation', at: msg.at, url: msg.url }, preserveLog);
        await sendSnapshot(tabId);
        collect(tabId);
      }
    });
    collect(tabId);
    return;
  }
  track(panels, tabId, port);
  port.onMessage.addListener(async (raw) => {
    const parsed = safeParse(fromPanelSchema, raw);
    if (!parsed.success) return;
    const msg = parsed.data;
    if (msg.type === 'hello') {
      await sendSnapshot(tabId, port);
      collect(tabId);
    } else if (msg.type === 'observed') {
      await append(tabId, msg.observations);
    } else if (msg.type === 'clear') {
      await store.clear(tabId);
      await sendSnapshot(tabId);
    } else {
      const next = await settings.change(msg.change);
      for (const id of panels.keys()) toPanels(id, message({ type: 'settings' as const, tabId: id, settings: next }));
    }
  });
});

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.id !== browser.runtime.id) return;
  const parsed = safeParse(fromRelaySchema, raw);
  // Nothing is kept for a tab nobody inspects, even if a page script manages to get a message through.
  if (!parsed.success || !isInspected(tabId)) return;
  const frame = { frameId: sender.frameId ?? 0, url: (sender.url ?? '').slice(0, 4096) };
  // The page's word passes the same identifier rules as the network's; the time is ours, on arrival.
  const { sessions, dropped } = checkPageSessions(parsed.data.sessions, sender.url);
  const at = clock.now();
  void store.countDropped(tabId, dropped);
  void append(tabId, sessions.map((s): Observation => ({ ...s, kind: 'sdk-session', at, frame })));
});

browser.tabs.onRemoved.addListener((tabId) => {
  void store.forget(tabId);
});

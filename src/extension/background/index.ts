import browser, { type Runtime } from 'webextension-polyfill';
import { checkPageSessions } from '../../core/detect/page-session.ts';
import type { Frame, Observation } from '../../core/detect/observation.ts';
import { message, parsePortName, type TabHealth, type ToPanel } from '../messaging/envelope.ts';
import { fromDevtoolsSchema, fromPanelSchema } from '../messaging/envelope-schema.ts';
import { systemClock } from '../platform/system-clock.ts';
import { SettingsStore } from './settings-store.ts';
import { TabStore } from './tab-store.ts';
import { safeParse } from '../../core/safe-parse.ts';

/**
 * The service worker routes by tab: ports are named after the inspected tab. No content script
 * talks to it: the devtools page reads the page hooks and sends what they remember. It keeps
 * nothing it cannot lose: observations live in storage.session. This file is the worker's
 * composition root, the only place it reads the machine's clock.
 */
const clock = systemClock;
const panels = new Map<number, Set<Runtime.Port>>();
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

function trackPanel(tabId: number, port: Runtime.Port) {
  const set = panels.get(tabId) ?? new Set();
  set.add(port);
  panels.set(tabId, set);
  port.onDisconnect.addListener(() => {
    set.delete(port);
    if (set.size === 0) panels.delete(tabId);
  });
}

/** A frame's page-hook sessions, read by the devtools page: the page's word, checked like a request's values; the time is ours. */
async function appendPageSessions(tabId: number, frame: Frame, raw: readonly unknown[]) {
  const { sessions, dropped } = checkPageSessions(raw, frame.url);
  const at = clock.now();
  void store.countDropped(tabId, dropped);
  await append(tabId, sessions.map((s): Observation => ({ ...s, kind: 'sdk-session', at, frame })));
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
    port.onMessage.addListener(async (raw) => {
      const parsed = safeParse(fromDevtoolsSchema, raw);
      if (!parsed.success) return;
      const msg = parsed.data;
      if (msg.type === 'observed') await append(tabId, msg.observations);
      else if (msg.type === 'page-sessions') await appendPageSessions(tabId, msg.frame, msg.sessions);
      else {
        const { preserveLog } = await settings.read();
        await store.navigate(tabId, { kind: 'navigation', at: msg.at, url: msg.url }, preserveLog);
        await sendSnapshot(tabId);
      }
    });
    return;
  }
  trackPanel(tabId, port);
  port.onMessage.addListener(async (raw) => {
    const parsed = safeParse(fromPanelSchema, raw);
    if (!parsed.success) return;
    const msg = parsed.data;
    if (msg.type === 'hello') {
      await sendSnapshot(tabId, port);
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

browser.tabs.onRemoved.addListener((tabId) => {
  void store.forget(tabId);
});

import browser from 'webextension-polyfill';
import { fromDevtoolsSchema, message, portName, type FromDevtools } from '../messaging/envelope.ts';
import { createReconnectingPort, type RawPort } from '../messaging/reconnecting-port.ts';
import { evalInInspectedWindow } from '../platform/inspected-window.ts';
import { observeEntry } from './observe-entry.ts';
import { z } from 'zod';

/**
 * The devtools page lives as long as DevTools is open for this tab. It always creates the panel
 * (never only after detection, so the panel can explain itself), and it listens to the network
 * from the moment DevTools opens, whether or not the panel has been shown yet.
 */
const tabId = browser.devtools.inspectedWindow.tabId;

void browser.devtools.panels.create('Connect', '/icon-128.png', '/src/panel/index.html');

const port = createReconnectingPort<never, FromDevtools>({
  name: portName('devtools', tabId),
  connect: (name) => browser.runtime.connect({ name }) as unknown as RawPort,
  // The service worker sends nothing down this port; anything that arrives is dropped.
  schema: z.never(),
  onMessage: () => undefined,
});

let pageUrl: string | undefined;
void evalInInspectedWindow('location.href').then((result) => {
  if (result.ok && typeof result.value === 'string') pageUrl ??= result.value;
});

function report(observations: Awaited<ReturnType<typeof observeEntry>>) {
  if (observations.length === 0) return;
  const body = message({ type: 'observed' as const, observations });
  if (fromDevtoolsSchema.safeParse(body).success) port.post(body);
}

browser.devtools.network.onRequestFinished.addListener((entry) => {
  void observeEntry(entry, pageUrl).then(report);
});

// Requests made between DevTools opening and this page starting.
void browser.devtools.network.getHAR().then(async (log) => {
  for (const entry of (log as { entries?: unknown[] }).entries ?? []) report(await observeEntry(entry, pageUrl));
});

browser.devtools.network.onNavigated.addListener((url) => {
  pageUrl = url;
  port.post(message({ type: 'navigated' as const, url: url.slice(0, 4096), at: Date.now() }));
});

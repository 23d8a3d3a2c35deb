import browser from 'webextension-polyfill';
import { message, portName, type FromDevtools } from '../messaging/envelope.ts';
import { fromDevtoolsSchema } from '../messaging/envelope-schema.ts';
import { devtoolsLinkName, serveDevtoolsLink, type LinkChannel } from '../messaging/devtools-link.ts';
import { createReconnectingPort, type PortStatus, type RawPort } from '../messaging/reconnecting-port.ts';
import { evalInInspectedWindow, listFrameDocuments } from '../platform/inspected-window.ts';
import { systemClock } from '../platform/system-clock.ts';
import { observeEntry } from './observe-entry.ts';
import { createPageSessionReader, type PageSessionReader } from './page-session-reader.ts';
import { safeParse } from '../../core/safe-parse.ts';
import type { Observation } from '../../core/detect/observation.ts';

/**
 * The devtools page lives as long as DevTools is open for this tab. It always creates the panel
 * (never only after detection, so the panel can explain itself), and it listens to the network and
 * reads the page hooks from the moment DevTools opens, whether or not the panel has been shown yet.
 * It is a composition root: the only place on this page that reads the machine's clock.
 */
const clock = systemClock;
const tabId = browser.devtools.inspectedWindow.tabId;

void browser.devtools.panels.create('Connect', '/icon-128.png', '/src/panel/index.html');

// The port reports its first status while it is being made, before the link and the reader exist.
let reader: PageSessionReader | undefined;
let tellStatus: (status: PortStatus) => void = () => undefined;
const port = createReconnectingPort<never, FromDevtools>({
  name: portName('devtools', tabId),
  connect: (name) => browser.runtime.connect({ name }) as unknown as RawPort,
  // The service worker sends nothing down this port; anything that arrives is dropped.
  decode: () => undefined,
  onMessage: () => undefined,
  onStatus: (status) => {
    tellStatus(status);
    // A message posted while the service worker was stopped may be lost: hand everything over again.
    if (status === 'connected') {
      reader?.forgetDelivered();
      reader?.readSoon(0);
    }
  },
  setTimeout: clock.setTimeout,
  clearTimeout: (handle) => clock.clearTimeout(handle as ReturnType<typeof setTimeout>),
});
tellStatus = serveDevtoolsLink(new BroadcastChannel(devtoolsLinkName(tabId)) as unknown as LinkChannel, port);

let pageUrl: string | undefined;
void evalInInspectedWindow('location.href').then((result) => {
  if (result.ok && typeof result.value === 'string') pageUrl ??= result.value;
});

/**
 * Reads what the page hooks remember, in every frame, while DevTools is open: nothing leaves a page
 * nobody inspects. The service worker checks each session and drops repeats.
 */
reader = createPageSessionReader({
  evaluate: evalInInspectedWindow,
  listFrameDocuments,
  deliver: ({ frame, sessions }) => port.post(message({ type: 'page-sessions' as const, frame, sessions })),
  now: clock.now,
  setTimeout: clock.setTimeout,
  clearTimeout: (handle) => clock.clearTimeout(handle as ReturnType<typeof setTimeout>),
});

const sessionsCalling = new Set<string>();
function report(observations: readonly Observation[]) {
  if (observations.length === 0) return;
  const body = message({ type: 'observed' as const, observations: [...observations] });
  if (safeParse(fromDevtoolsSchema, body).success) port.post(body);
  // Only the first call of a session asks: a page polling every second must not cause a read a second.
  const fresh = observations.filter((o) => o.kind === 'client-api-call' && !sessionsCalling.has(o.clientSessionId));
  for (const o of fresh) if (o.kind === 'client-api-call') sessionsCalling.add(o.clientSessionId);
  if (fresh.length > 0) reader?.readSoon(300);
}

browser.devtools.network.onRequestFinished.addListener((entry) => {
  const observed = observeEntry(entry, pageUrl);
  if (observed instanceof Promise) void observed.then(report);
});

// Requests made between DevTools opening and this page starting.
void browser.devtools.network.getHAR().then(async (log) => {
  for (const entry of (log as { entries?: unknown[] }).entries ?? []) report(await observeEntry(entry, pageUrl));
});

browser.devtools.network.onNavigated.addListener((url) => {
  pageUrl = url;
  port.post(message({ type: 'navigated' as const, url: url.slice(0, 4096), at: clock.now() }));
  // The new document's sessions are delivered even where the old one had the same.
  reader?.forgetDelivered();
  reader?.readSoon(500);
});

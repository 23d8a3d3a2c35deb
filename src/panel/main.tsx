import { render } from 'preact';
import { createPanelPortTransport } from '../extension/messaging/panel-transport.ts';
import { createHostAccess } from '../extension/platform/host-access.ts';
import { panelApi } from '../extension/platform/panel-api.ts';
import { createPanelPollFetch } from '../extension/platform/poll-fetch.ts';
import { clearFaults, injectFault, sendCustomerStep } from '../extension/platform/simulator-control.ts';
import { systemClock } from '../extension/platform/system-clock.ts';
import { applyTheme } from '../extension/platform/theme.ts';
import { pollArchiveKey } from '../extension/storage-keys.ts';
import { App } from './components/App.tsx';
import type { PanelServices } from './services.ts';
import { PollManager } from './state/poll-manager.ts';

/** The panel's composition root: the only place in the panel that reads the machine's clock. */
const clock = systemClock;
const browser = panelApi();
const tabId = browser.devtools.inspectedWindow.tabId;
applyTheme(document.documentElement);
const transport = createPanelPortTransport(tabId, clock);
const toolVersion = browser.runtime.getManifest().version;
// Firefox offers no permissions API to DevTools pages: polls there rely on the Client API's CORS.
const hostAccess = createHostAccess(browser.permissions);
const polls = new PollManager({
  fetch: createPanelPollFetch(hostAccess),
  clock,
  meta: { toolVersion, platformIdentifier: navigator.userAgent, screenSize: `${screen.width}x${screen.height}` },
});
// Polling lives as long as DevTools: when DevTools closes, stop and send nothing more.
addEventListener('pagehide', () => polls.closeAll());

const services: PanelServices = {
  clock,
  polls: polls as PollManager,
  hostAccess,
  // The probe checks an answer with zod: it is loaded when the panel first asks.
  simulator: {
    probe: async (origin) => (await import('../extension/platform/simulator-probe.ts')).probeSimulator(origin),
    step: sendCustomerStep,
    fault: injectFault,
    clearFaults,
  },
  saveFile(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    clock.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
  toolVersion,
};

const root = document.getElementById('app');
if (root) render(<App transport={transport} services={services} />, root);

// The timelines of an earlier DevTools window on this tab come back, stopped, with Resume. The archive
// is read after the first paint: what storage holds is checked with zod, which the start does without.
const archiveKey = pollArchiveKey(tabId);
afterFirstPaint(() => {
  void import('./state/poll-archive.ts').then(async ({ archivePolls, loadPollArchive }) => {
    polls.restore(await loadPollArchive(browser.storage.session, archiveKey));
    archivePolls(polls as PollManager, browser.storage.session, archiveKey);
  });
});

/** After the next frame is painted; a hidden page paints none, so a timer stands in after half a second. */
function afterFirstPaint(run: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  requestAnimationFrame(() => clock.setTimeout(once, 0));
  clock.setTimeout(once, 500);
}

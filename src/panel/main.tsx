import browser from 'webextension-polyfill';
import { render } from 'preact';
import { createPanelPortTransport } from '../extension/messaging/panel-transport.ts';
import { browserClock, panelPollFetch } from '../extension/platform/poll-fetch.ts';
import { clearFaults, injectFault, probeSimulator, sendCustomerStep } from '../extension/platform/simulator-control.ts';
import { applyTheme } from '../extension/platform/theme.ts';
import { App } from './components/App.tsx';
import type { PanelServices } from './services.ts';
import { PollManager } from './state/poll-manager.ts';

applyTheme(document.documentElement);
const transport = createPanelPortTransport(browser.devtools.inspectedWindow.tabId);
const toolVersion = browser.runtime.getManifest().version;
const polls = new PollManager({
  fetch: panelPollFetch,
  clock: browserClock,
  meta: { toolVersion, platformIdentifier: navigator.userAgent, screenSize: `${screen.width}x${screen.height}` },
});
// Polling lives as long as DevTools: when DevTools closes, stop and send nothing more.
addEventListener('pagehide', () => polls.closeAll());

const services: PanelServices = {
  polls: polls as PollManager,
  simulator: { probe: probeSimulator, step: sendCustomerStep, fault: injectFault, clearFaults },
  saveFile(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
  toolVersion,
};

const root = document.getElementById('app');
if (root) render(<App transport={transport} services={services} />, root);

import browser from 'webextension-polyfill';
import { render } from 'preact';
import { createPanelPortTransport } from '../extension/messaging/panel-transport.ts';
import { applyTheme } from '../extension/platform/theme.ts';
import { App } from './components/App.tsx';

applyTheme(document.documentElement);
const transport = createPanelPortTransport(browser.devtools.inspectedWindow.tabId);
const root = document.getElementById('app');
if (root) render(<App transport={transport} />, root);

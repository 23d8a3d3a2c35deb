import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../scripts/browser/wait-for.ts';
import { GECKO_SETTINGS } from '../../scripts/build-manifest.ts';
import { READ_FRAME_EXPRESSION } from '../../src/extension/page/hook-reader.ts';
import { startDemoServers, type DemoServers } from './harness/demo-servers.ts';
import { evaluateJson, launchFirefox, type Firefox } from './harness/firefox-bidi.ts';

/**
 * Smoke test in Debian's firefox-esr: the Firefox build installs, its background answers, and the
 * page hook sees a Connect session made by the official SDK (v3 global build) on the demo checkout.
 * BiDi cannot open Firefox's DevTools toolbox, so the test plays the devtools page's part: it
 * evaluates in the page the very expression the devtools page hands `inspectedWindow.eval`.
 */
const DIST = path.resolve('dist/firefox');
const UUID = '5b6f1f0e-3c1a-4c8e-9a57-0c0d3e7ee001';

let servers: DemoServers;
let firefox: Firefox;

beforeAll(async () => {
  servers = await startDemoServers();
});

afterAll(async () => {
  await firefox?.close();
  await servers?.close();
});

type Reported = { customerId?: unknown; clientSessionId?: unknown; global?: unknown }[];

describe('the Firefox build in firefox-esr', () => {
  it('installs, its background answers, and its page hook sees the session the SDK made', async () => {
    // Launched here rather than in beforeAll, so a missing Firefox fails this test instead of skipping it.
    firefox = await launchFirefox({ 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_SETTINGS.id]: UUID }) });
    const { extension } = await firefox.send<{ extension: string }>('webExtension.install', { extensionData: { type: 'path', path: DIST } });
    expect(extension).toBe(GECKO_SETTINGS.id);

    const { contexts } = await firefox.send<{ contexts: { context: string }[] }>('browsingContext.getTree', { maxDepth: 0 });
    const page = contexts[0]?.context ?? '';
    await firefox.send('browsingContext.navigate', { context: page, url: `${servers.merchant.url}/v3.html`, wait: 'complete' });
    await waitFor(async () => (await evaluateJson<string>(firefox, page, `document.getElementById('checkout').dataset.status`)) !== 'loading', {
      what: 'the checkout to create its session',
    });
    const expected = servers.simulator.control.listSessions()[0];
    expect(expected?.customerId).toBeTruthy();

    const { context: extensionPage } = await firefox.send<{ context: string }>('browsingContext.create', { type: 'tab' });
    await firefox.send('browsingContext.navigate', { context: extensionPage, url: `moz-extension://${UUID}/icon-16.png`, wait: 'complete' });

    // The background refuses a DevTools port from a tab, on purpose: a refusal without an error
    // proves its listener ran (with no background, Firefox reports that nothing received it).
    const refusal = await evaluateJson<{ error: string | null }>(firefox, extensionPage, `new Promise((resolve) => {
      const port = browser.runtime.connect({ name: 'devtools:1' });
      port.onDisconnect.addListener((p) => resolve({ error: p.error ? String(p.error.message) : null }));
    })`);
    expect(refusal).toEqual({ error: null });

    const read = await evaluateJson<{ url: string; sessions: Reported | null }>(firefox, page, `(${READ_FRAME_EXPRESSION})`);
    expect(read.url).toBe(`${servers.merchant.url}/v3.html`);
    const sessions = read.sessions ?? [];
    expect(sessions.map((session) => session.customerId)).toContain(expected?.customerId);
    // The clientSessionId is a secret: compared, never printed.
    expect(sessions.some((session) => session.clientSessionId === expected?.clientSessionId)).toBe(true);
    // The v3 global build's constructor, wrapped by the hook.
    expect(sessions.map((session) => session.global)).toContain('connectsdk');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../scripts/browser/extension-browser.ts';
import { openConnectPanel } from '../../scripts/browser/devtools-panel.ts';
import { showSessionDetails } from '../../scripts/browser/session-details.ts';
import { json, startPageServer, type PageServer } from './harness/page-server.ts';
import { stopServiceWorkers } from './harness/service-worker.ts';
import { waitFor } from '../../scripts/browser/wait-for.ts';

const SESSION_ID = '51d29012e6ce4b81afa6cc7551ef4e36';
const CUSTOMER_ID = '1234-66bb4ae9335c4d11a350d39ddd9a3139';

// A checkout-like page on 127.0.0.1 that calls a Client API on its own origin when told to.
const PAGE = `<!doctype html><title>checkout</title><body><script>
  window.callClientApi = (path) => fetch('/client/v1/${CUSTOMER_ID}/' + path, {
    headers: { Authorization: 'GCS v1Client:${SESSION_ID}', 'X-GCS-ClientMetaInfo': btoa(JSON.stringify({ sdkIdentifier: 'JavaScriptClientSDK/v6.0.6', sdkCreator: 'Worldline Global Collect' })) },
  }).then((r) => r.status);
</script></body>`;

let browser: ExtensionBrowser;
let server: PageServer;

beforeAll(async () => {
  server = await startPageServer({
    '/': PAGE,
    [`/client/v1/${CUSTOMER_ID}/products`]: json({ paymentProducts: [] }),
    [`/client/v1/${CUSTOMER_ID}/crypto/publickey`]: json({ keyId: 'k', publicKey: 'p' }),
  });
  browser = await launchExtensionBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the extension in real Chromium', () => {
  it('loads, with its service worker running the built manifest', async () => {
    const worker = await browser.serviceWorker();
    const manifest = await worker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.name).toBe('Connect DevTools');
    expect(manifest.devtools_page).toBe('src/extension/devtools/index.html');
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
  });

  it('always creates the Connect panel, which explains itself on a page without Connect', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url + '/');
    const { panel } = await openConnectPanel(browser.context, page, browser.extensionId);
    await panel.getByTestId('welcome').waitFor();
    await waitFor(async () => (await panel.getByTestId('watching').textContent())?.includes('Nothing detected yet'), {
      what: 'the panel to sync with the service worker',
    });
    expect(await panel.getByRole('heading', { level: 1 }).textContent()).toBe('Connect DevTools');
    expect(await panel.getByTestId('connection').textContent()).toBe('Connected');
    await page.close();
  });

  it('carries a Client API call from the page through the extension to the panel', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url + '/');
    const { panel } = await openConnectPanel(browser.context, page, browser.extensionId);
    await panel.getByTestId('welcome').waitFor();
    expect(await page.evaluate(() => (window as unknown as { callClientApi(p: string): Promise<number> }).callClientApi('products'))).toBe(200);

    const session = panel.getByTestId('session');
    await session.waitFor();
    expect(await session.getByTestId('session-customer').textContent()).toBe(CUSTOMER_ID);
    await session.getByTestId('session-toggle').click();
    const row = panel.getByTestId('call-row').first();
    await row.waitFor();
    expect(await row.getByTestId('call-customer').textContent()).toBe(CUSTOMER_ID);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('products');
    // The session id is a bearer credential: masked in the panel.
    expect(text).not.toContain(SESSION_ID);
    // Nor in the session's overview, where it is shown masked.
    expect(await (await showSessionDetails(panel, session)).getByTestId('session-id').textContent()).toBe(`${SESSION_ID.slice(0, 4)}…${SESSION_ID.slice(-4)}`);
    expect(await panel.locator('body').textContent()).not.toContain(SESSION_ID);
    expect(text).toContain(SESSION_ID.slice(-4));

    // And the service worker holds it for this tab only.
    const worker = await browser.serviceWorker();
    // Written shortly after the call: the store writes behind its in-memory list.
    const calls = await waitFor(async () => {
      const stored = await worker.evaluate(() => chrome.storage.session.get(null));
      // The log is kept in chunks `tab:{id}:{n}`, beside a small `tab:{id}` item that counts them.
      const chunkKeys = Object.keys(stored).filter((k) => /^tab:\d+:\d+$/.test(k));
      const found = chunkKeys.flatMap((k) => (stored[k] as { kind: string; customerId?: string }[]).filter((o) => o.kind === 'client-api-call'));
      return found.length > 0 ? found : undefined;
    }, { what: 'the call in storage.session' });
    expect(calls.map((c) => c.customerId)).toEqual([CUSTOMER_ID]);
    await page.close();
  });

  it('keeps the panel connected and its data when the service worker restarts', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url + '/');
    const { panel } = await openConnectPanel(browser.context, page, browser.extensionId);
    await panel.getByTestId('welcome').waitFor();
    const call = (path: string) => page.evaluate((p) => (window as unknown as { callClientApi(p: string): Promise<number> }).callClientApi(p), path);
    await call('products');
    await panel.getByTestId('session-toggle').click();
    await panel.getByTestId('call-row').first().waitFor();

    const { running } = await stopServiceWorkers(browser.context, page);
    await call('crypto/publickey');
    await running;
    await waitFor(async () => (await panel.getByTestId('call-row').count()) === 2, { what: 'both calls in the panel after the restart' });
    expect(await panel.getByTestId('connection').textContent()).toBe('Connected');
    const paths = await panel.getByTestId('call-row').allTextContents();
    expect(paths.some((p) => p.includes('crypto/publickey'))).toBe(true);
    expect(paths.some((p) => p.includes('products'))).toBe(true);
    await page.close();
  });

  it('keeps two inspected tabs apart', async () => {
    const pageA = await browser.context.newPage();
    const pageB = await browser.context.newPage();
    await pageA.goto(server.url + '/');
    await pageB.goto(server.url + '/');
    const a = await openConnectPanel(browser.context, pageA, browser.extensionId);
    const b = await openConnectPanel(browser.context, pageB, browser.extensionId);
    await b.panel.getByTestId('welcome').waitFor();
    await pageA.evaluate(() => (window as unknown as { callClientApi(p: string): Promise<number> }).callClientApi('products'));
    await a.panel.getByTestId('session').waitFor();
    // B's panel has synced with the service worker and still shows nothing.
    await waitFor(async () => (await b.panel.getByTestId('watching').textContent())?.includes('Nothing detected yet'), { what: "B's panel to sync" });
    expect(await b.panel.getByTestId('session').count()).toBe(0);
    await pageA.close();
    await pageB.close();
  });
});

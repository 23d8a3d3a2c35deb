import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../scripts/browser/extension-browser.ts';
import { openConnectPanel } from '../../scripts/browser/devtools-panel.ts';
import { showSessionDetails } from '../../scripts/browser/session-details.ts';
import { waitFor } from '../../scripts/browser/wait-for.ts';
import { startDemoServers, type DemoServers } from './harness/demo-servers.ts';
import { startPageServer, type PageServer } from './harness/page-server.ts';

// v4 (global) and v6 (UMD, ESM, framed) are in detection.test.ts, Online Payments as a global in
// online-payments.test.ts; this file adds the generations and platforms issue 9 brought in.

const OP_MODULE = readFileSync('node_modules/onlinepayments-sdk-client-js/dist/onlinepayments-sdk-client-js.module.js', 'utf8');

let browser: ExtensionBrowser;
let servers: DemoServers;
let pages: PageServer;

beforeAll(async () => {
  servers = await startDemoServers();
  pages = await startPageServer({
    '/blank.html': '<!doctype html><title>blank</title><p>Nothing yet.</p>',
    '/op.module.js': (_req, res) => void res.writeHead(200, { 'content-type': 'text/javascript' }).end(OP_MODULE),
    // Online Payments bundled into the page's own module: no global is ever set.
    '/op-bundled.html': `<!doctype html><title>Online Payments, bundled</title><main id="op" data-status="loading"></main><script type="module">
      import { Session } from '/op.module.js';
      const root = document.getElementById('op');
      window.listProducts = async (details) => {
        const session = new Session(details);
        await session.getBasicPaymentItems({ countryCode: 'BE', amountOfMoney: { amount: 1000, currencyCode: 'EUR' }, isRecurring: false });
        return 'ok';
      };
      root.dataset.status = 'ready';
    </script>`,
  });
  browser = await launchExtensionBrowser();
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await servers?.close();
});

const newestCustomerId = () => servers.simulator.control.listSessions()[0]?.customerId ?? '';
const sessionCard = (panel: Frame, customerId: string) => panel.locator(`[data-testid="session"][data-customer-id="${customerId}"]`);

const isLoopback = (url: string) => /^(https?|wss?):\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(url);

/** A tab whose requests may only reach loopback: anything else is aborted and remembered. */
async function loopbackOnlyPage(): Promise<{ page: Page; elsewhere: string[] }> {
  const page = await browser.context.newPage();
  const elsewhere: string[] = [];
  await page.route(
    (url) => (url.protocol === 'http:' || url.protocol === 'https:') && !isLoopback(url.href),
    async (route) => {
      elsewhere.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  return { page, elsewhere };
}

async function payAndWaitForPolls(page: Page, productId: 3012 | 863) {
  const root = page.locator('#checkout');
  await root.locator(`button[data-product-id="${productId}"]`).click();
  await page.waitForFunction(() => {
    const el = document.querySelector('#checkout');
    return el?.getAttribute('data-status') === 'polling' && Number(el.getAttribute('data-polls')) > 0;
  });
  return (await root.getAttribute('data-payment-id')) ?? '';
}

describe('connect-sdk-client-js 3.5.0', () => {
  it('pre-3.8 names (clientSessionID, apiBaseUrl): created before DevTools opens, then its calls and payment', async () => {
    const { page, elsewhere } = await loopbackOnlyPage();
    await page.goto(`${servers.merchant.url}/v3.html?pollMs=300`);
    await page.locator('#checkout[data-status="ready"]').waitFor();
    const customerId = newestCustomerId();
    const { panel } = await openConnectPanel(browser.context, page, browser.extensionId);

    // Only the page hook can know it: the SDK's calls were made before DevTools opened.
    const card = sessionCard(panel, customerId);
    await card.waitFor();
    expect(await card.getByTestId('session-sdk').textContent()).toContain('connectsdk global');
    expect(await card.getByTestId('session-environment').textContent()).toBe('Simulator');
    expect(await card.getByTestId('session-platform').textContent()).toBe('Connect');
    // The hook read apiBaseUrl (…/client/v1) and the panel keeps the base, as for every generation.
    expect(await (await showSessionDetails(panel, card)).locator('dd.mono').first().textContent()).toBe(`${servers.simulator.url}/client`);
    expect(await card.getByTestId('session-poll-reason').count()).toBe(0);

    const paymentId = await payAndWaitForPolls(page, 3012);
    await waitFor(async () => (await card.getByTestId('session-sdk').textContent()) === 'JavaScriptClientSDK v3.5.0', {
      what: 'the v3 SDK version from X-GCS-ClientMetaInfo',
    });
    expect(await (await showSessionDetails(panel, card)).getByTestId('session-sdk-meta').textContent()).toContain('JavaScriptClientSDK/v3.5.0 by Ingenico');
    expect(await card.getByTestId('session-hosted-checkout').count()).toBe(0);
    const payment = card.locator(`[data-testid="payment"][data-payment-id="${paymentId}"]`);
    await payment.waitFor();
    await waitFor(async () => (await payment.getByTestId('page-status').textContent()) === 'page saw WAITING', {
      what: "the v3 page's own status call",
    });
    expect(elsewhere).toEqual([]);
    await page.close();
  });

  it('pre-3.8 names: created after DevTools opens', async () => {
    const { page, elsewhere } = await loopbackOnlyPage();
    await page.goto(`${pages.url}/blank.html`);
    const { panel } = await openConnectPanel(browser.context, page, browser.extensionId);
    await waitFor(async () => (await panel.getByTestId('watching').textContent())?.includes('Nothing detected yet'), {
      what: 'the panel to sync',
    });
    await page.goto(`${servers.merchant.url}/v3.html`);
    await page.locator('#checkout[data-status="ready"]').waitFor();
    const card = sessionCard(panel, newestCustomerId());
    await card.waitFor();
    await waitFor(async () => (await card.getByTestId('session-sdk').textContent()) === 'JavaScriptClientSDK v3.5.0', {
      what: 'the SDK version from the products call',
    });
    expect(await card.getByTestId('session-platform').textContent()).toBe('Connect');
    expect(await (await showSessionDetails(panel, card)).locator('dd.mono').first().textContent()).toBe(`${servers.simulator.url}/client`);
    expect(elsewhere).toEqual([]);
    await page.close();
  });

  it('region mode (EU, SANDBOX), created before DevTools opens: the URL only the Session knows, Sandbox, pollable', async () => {
    const { page, elsewhere } = await loopbackOnlyPage();
    await page.goto(`${servers.merchant.url}/v3-region.html?region=EU&environment=SANDBOX`);
    await page.locator('#region[data-status="session-created"]').waitFor();
    const customerId = (await page.locator('#region').getAttribute('data-customer-id')) ?? '';
    expect(await page.locator('[data-role="api-base-url"]').textContent()).toBe('https://ams1.sandbox.api-ingenico.com/client/v1');
    const { panel } = await openConnectPanel(browser.context, page, browser.extensionId);

    const card = sessionCard(panel, customerId);
    await card.waitFor();
    expect(await card.getByTestId('session-environment').textContent()).toBe('Sandbox');
    expect(await card.getByTestId('session-platform').textContent()).toBe('Connect');
    expect(await (await showSessionDetails(panel, card)).locator('dd.mono').first().textContent()).toBe('https://ams1.sandbox.api-ingenico.com/client');
    expect(await (await showSessionDetails(panel, card)).locator('dd.mono').nth(1).textContent()).toBe('https://assets.pay1.sandbox.secured-by-ingenico.com');
    // Pollable: no reason not to, and no note about the platform.
    expect(await card.getByTestId('session-poll-reason').count()).toBe(0);
    expect(await card.getByTestId('session-platform-note').count()).toBe(0);
    expect(elsewhere).toEqual([]);
    await page.close();
  });

  it('region mode (US, PROD), created after DevTools opens', async () => {
    const { page, elsewhere } = await loopbackOnlyPage();
    await page.goto(`${pages.url}/blank.html`);
    const { panel } = await openConnectPanel(browser.context, page, browser.extensionId);
    await waitFor(async () => (await panel.getByTestId('watching').textContent())?.includes('Nothing detected yet'), {
      what: 'the panel to sync',
    });
    await page.goto(`${servers.merchant.url}/v3-region.html?region=US&environment=PROD`);
    await page.locator('#region[data-status="session-created"]').waitFor();
    const customerId = (await page.locator('#region').getAttribute('data-customer-id')) ?? '';
    const card = sessionCard(panel, customerId);
    await card.waitFor();
    expect(await card.getByTestId('session-environment').textContent()).toBe('Production');
    expect(await (await showSessionDetails(panel, card)).locator('dd.mono').first().textContent()).toBe('https://us.api-ingenico.com/client');
    expect(await card.getByTestId('session-poll-reason').count()).toBe(0);
    expect(elsewhere).toEqual([]);
    await page.close();
  });
});

describe('a hosted checkout page (document.GC.rppEnabledPage, rpp- identifier)', () => {
  it('is labelled Hosted checkout from the hook before any call, and keeps the label from its rpp- calls', async () => {
    const { page, elsewhere } = await loopbackOnlyPage();
    await page.goto(`${servers.merchant.url}/hosted.html?pollMs=300`);
    await page.locator('#checkout[data-status="ready"]').waitFor();
    const customerId = newestCustomerId();
    const { panel } = await openConnectPanel(browser.context, page, browser.extensionId);
    const card = sessionCard(panel, customerId);
    await card.waitFor();
    expect(await card.getByTestId('session-hosted-checkout').textContent()).toBe('Hosted checkout');

    await payAndWaitForPolls(page, 863);
    const details = await showSessionDetails(panel, card);
    await waitFor(async () => (await details.getByTestId('session-sdk-meta').textContent())?.startsWith('rpp-JavaScriptClientSDK/v6.0.6'), {
      what: 'the rpp- identifier from X-GCS-ClientMetaInfo',
    });
    expect(await card.getByTestId('session-sdk').textContent()).toBe('JavaScriptClientSDK v6.0.6');
    expect(await card.getByTestId('session-hosted-checkout').textContent()).toBe('Hosted checkout');
    expect(await card.getByTestId('session-platform').textContent()).toBe('Connect');
    expect(elsewhere).toEqual([]);
    await page.close();
  });
});

describe('onlinepayments-sdk-client-js 3.6.2 as a bundled module (no global)', () => {
  it('is told Online Payments from its calls alone, and says it has nothing to poll', async () => {
    const { page, elsewhere } = await loopbackOnlyPage();
    await page.goto(`${pages.url}/op-bundled.html`);
    await page.locator('#op[data-status="ready"]').waitFor({ state: 'attached' });
    const { panel } = await openConnectPanel(browser.context, page, browser.extensionId);
    await waitFor(async () => (await panel.getByTestId('watching').textContent())?.includes('Nothing detected yet'), {
      what: 'the panel to sync',
    });
    const details = (await (await fetch(`${servers.merchant.url}/api/session`, { method: 'POST' })).json()) as { customerId: string };
    expect(await page.evaluate((d) => (window as unknown as { listProducts(x: unknown): Promise<string> }).listProducts(d), details)).toBe('ok');

    const card = sessionCard(panel, details.customerId);
    await card.waitFor();
    await waitFor(async () => (await card.getByTestId('session-sdk').textContent()) === 'JavaScriptClientSDK v3.6.2', {
      what: 'the SDK from its call',
    });
    expect(await card.getByTestId('session-platform').textContent()).toBe('Online Payments');
    expect(await card.getByTestId('session-platform').getAttribute('title')).toContain('sdkCreator');
    expect(await (await showSessionDetails(panel, card)).getByTestId('session-frames').textContent()).toBe('seen on the network only');
    expect(await card.getByTestId('session-poll-reason').textContent()).toContain('Online Payments has no third-party status');
    expect(elsewhere).toEqual([]);
    await page.close();
  });
});

describe('the first screen', () => {
  it('names the two cases no extension can see', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${pages.url}/blank.html`);
    const { panel } = await openConnectPanel(browser.context, page, browser.extensionId);
    expect(await panel.getByTestId('missed-requirejs').textContent()).toContain('RequireJS');
    expect(await panel.getByTestId('missed-server-api').textContent()).toContain('Server API');
    expect(await panel.getByTestId('welcome').textContent()).toContain('GCsdk');
    await page.close();
  });
});

import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { openConnectPanel } from '../../scripts/browser/devtools-panel.ts';
import { showSessionDetails } from '../../scripts/browser/session-details.ts';
import { useDemoSuite } from './harness/demo-suite.ts';
import { waitFor } from '../../scripts/browser/wait-for.ts';
import { HOOK_READER } from '../../src/extension/page/hook-reader.ts';

const suite = useDemoSuite();

/** The customer ids of the sessions the simulator created, oldest first. */
const createdCustomerIds = () => suite.servers.simulator.control.listSessions().map((s) => s.customerId).reverse();

async function openCheckout(path: string, selector = '#checkout[data-status="ready"]'): Promise<Page> {
  const page = await suite.browser.context.newPage();
  await page.goto(suite.servers.merchant.url + path);
  await page.locator(selector).first().waitFor();
  return page;
}

const sessionCard = (panel: Frame, customerId: string) => panel.locator(`[data-testid="session"][data-customer-id="${customerId}"]`);

async function pay(page: Page, productId: 3012 | 863, root = page.locator('#checkout')) {
  await root.locator(`button[data-product-id="${productId}"]`).click();
  await page.waitForFunction(
    (el) => el?.getAttribute('data-status') === 'polling' && Number(el.getAttribute('data-polls')) > 0,
    await root.elementHandle(),
  );
  return (await root.getAttribute('data-payment-id')) ?? '';
}

describe('detecting Connect sessions on the inspected page', () => {
  it('shows a v6 UMD session created before DevTools opened, then its SDK version and payment', async () => {
    const page = await openCheckout('/?pollMs=300');
    const [customerId] = createdCustomerIds().slice(-1);
    const { panel } = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);

    // Only the page hook can know this session: its calls were made before DevTools opened.
    const card = sessionCard(panel, customerId!);
    await card.waitFor();
    expect(await card.getByTestId('session-sdk').textContent()).toContain('connectsdk global');
    expect(await (await showSessionDetails(panel, card)).getByTestId('session-frames').textContent()).toContain('top frame');
    expect(await card.getByTestId('session-environment').textContent()).toBe('Simulator');

    const paymentId = await pay(page, 3012);
    await waitFor(async () => (await card.getByTestId('session-sdk').textContent())?.includes('JavaScriptClientSDK v6.0.6'), {
      what: 'the SDK version from X-GCS-ClientMetaInfo',
    });
    const payment = card.locator(`[data-testid="payment"][data-payment-id="${paymentId}"]`);
    await payment.waitFor();
    await waitFor(async () => {
      const sources = (await payment.getByTestId('payment-sources').textContent()) ?? '';
      return sources.includes("merchant's create-payment answer") && sources.includes("page's status calls");
    }, { what: 'the payment learnt from both the create-payment answer and the status calls' });
    expect(await payment.textContent()).toContain('Bancontact');
    expect(await payment.getByTestId('page-status').textContent()).toBe('page saw WAITING');
    await page.close();
  });

  it('shows a session of the v4 global build with its SDK version', async () => {
    const page = await openCheckout('/v4.html?pollMs=300');
    const [customerId] = createdCustomerIds().slice(-1);
    const { panel } = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);
    const card = sessionCard(panel, customerId!);
    await card.waitFor();
    await pay(page, 863);
    await waitFor(async () => (await card.getByTestId('session-sdk').textContent())?.includes('JavaScriptClientSDK v4.0.4'), {
      what: 'the v4 SDK version',
    });
    await page.close();
  });

  it('finds a bundled ES-module SDK (no global) from its network calls alone', async () => {
    const page = await openCheckout('/bundled.html?pollMs=300');
    const [customerId] = createdCustomerIds().slice(-1);
    const { panel } = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);
    await waitFor(async () => (await panel.getByTestId('watching').textContent())?.includes('Nothing detected yet'), {
      what: 'the panel to sync',
    });
    expect(await panel.getByTestId('session').count()).toBe(0);

    await pay(page, 3012);
    const card = sessionCard(panel, customerId!);
    await card.waitFor();
    await waitFor(async () => (await card.getByTestId('session-sdk').textContent())?.includes('JavaScriptClientSDK v6.0.6'), {
      what: 'the SDK version',
    });
    expect(await (await showSessionDetails(panel, card)).getByTestId('session-frames').textContent()).toBe('seen on the network only');
    await page.close();
  });

  it('shows a checkout inside a cross-origin iframe, with its frame', async () => {
    const page = await openCheckout('/framed.html', '#framed[data-status="frame-loaded"]');
    const frame = page.frameLocator('#payment-frame');
    await frame.locator('#checkout[data-status="ready"]').waitFor();
    const [customerId] = createdCustomerIds().slice(-1);
    const frameOrigin = (await page.locator('#framed').getAttribute('data-frame-origin')) ?? '';
    expect(new URL(frameOrigin).origin).not.toBe(new URL(page.url()).origin);

    const { panel } = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);
    const card = sessionCard(panel, customerId!);
    await card.waitFor();
    const frames = (await (await showSessionDetails(panel, card)).getByTestId('session-frames').textContent()) ?? '';
    expect(frames).toMatch(/^frame \d+: /);
    expect(frames).toContain(frameOrigin);
    await page.close();
  });

  it('shows two sessions created on one page', async () => {
    const page = await openCheckout('/two-sessions.html', '[data-checkout="second"][data-status="ready"]');
    await page.locator('[data-checkout="first"][data-status="ready"]').waitFor();
    const [first, second] = createdCustomerIds().slice(-2);
    const { panel } = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);
    await sessionCard(panel, first!).waitFor();
    await sessionCard(panel, second!).waitFor();
    expect(await panel.getByTestId('session').count()).toBe(2);
    await page.close();
  });

  it('starts afresh on reload with preserve log off, and keeps everything with it on', async () => {
    const page = await openCheckout('/');
    const [firstCustomer] = createdCustomerIds().slice(-1);
    const { panel } = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);
    await sessionCard(panel, firstCustomer!).waitFor();

    await page.reload();
    await page.locator('#checkout[data-status="ready"]').waitFor();
    const [secondCustomer] = createdCustomerIds().slice(-1);
    await sessionCard(panel, secondCustomer!).waitFor();
    expect(await sessionCard(panel, firstCustomer!).count()).toBe(0);
    expect(await panel.getByTestId('navigation').count()).toBe(1);

    await panel.getByLabel('Preserve log').check();
    await page.reload();
    await page.locator('#checkout[data-status="ready"]').waitFor();
    const [thirdCustomer] = createdCustomerIds().slice(-1);
    await sessionCard(panel, thirdCustomer!).waitFor();
    expect(await sessionCard(panel, secondCustomer!).count()).toBe(1);
    expect(await panel.getByTestId('navigation').count()).toBe(2);

    // The setting is the user's, kept for every tab: put it back for the other tests.
    await panel.getByLabel('Preserve log').uncheck();
    await page.close();
  });

  it('rejects what a page forges to pose as the page hook, and keeps working', async () => {
    const page = await openCheckout('/?pollMs=300');
    const [customerId] = createdCustomerIds().slice(-1);
    const { panel } = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);
    const card = sessionCard(panel, customerId!);
    await card.waitFor();

    const forged = { global: 'connectsdk', clientSessionId: 'f'.repeat(32), customerId: 'FORGED-1', clientApiUrl: 'https://evil.example/client', assetUrl: 'https://evil.example/' };
    const refusals = await page.evaluate(
      ({ session, reader }) => {
        const refused: string[] = [];
        const scope = window as unknown as Record<string, unknown>;
        // Replace or shadow the hook's reader: it is read-only and cannot be redefined.
        try {
          scope[reader] = () => [session];
        } catch {
          refused.push('assign');
        }
        try {
          Object.defineProperty(window, reader, { value: () => [session] });
        } catch {
          refused.push('define');
        }
        try {
          delete scope[reader];
        } catch {
          refused.push('delete');
        }
        // Poison what a reader might use, for arrays of sessions only, so the page itself keeps working.
        const proto = Array.prototype as unknown as Record<string, unknown>;
        const { map, slice, push } = Array.prototype;
        const ours = (list: unknown) => Array.isArray(list) && list.some((s) => s && typeof s === 'object' && 'clientSessionId' in s);
        proto['map'] = function (this: unknown[], ...args: unknown[]) {
          return ours(this) ? [session] : map.apply(this, args as Parameters<typeof map>);
        };
        proto['slice'] = function (this: unknown[], ...args: unknown[]) {
          return ours(this) ? [session] : slice.apply(this, args as Parameters<typeof slice>);
        };
        proto['push'] = function (this: unknown[], ...args: unknown[]) {
          return ours(args) ? push.call(this, session) : push.apply(this, args);
        };
        window.postMessage({ channel: 'connect-devtools', type: 'page-sessions', sessions: [session] }, '*');
        window.postMessage(null, '*');
        // The SDK refuses details without a clientApiUrl; a refused Session is not recorded.
        try {
          new (window as unknown as { connectsdk: { Session: new (d: unknown) => unknown } }).connectsdk.Session({ customerId: 'FORGED-2' });
        } catch {
          // expected
        }
        return refused;
      },
      { session: forged, reader: HOOK_READER },
    );
    // In sloppy mode the assignment fails silently; the definition and the deletion throw.
    expect(refusals).toEqual(['define']);

    // A real session made afterwards, known to the hook only, shows: a read happened after every forgery.
    const later = { ...forged, clientSessionId: 'a1'.repeat(16), customerId: 'after-the-forgeries', clientApiUrl: suite.servers.simulator.clientApiUrl, assetUrl: `${suite.servers.simulator.url}/assets/` };
    await page.evaluate((details) => new (window as unknown as { connectsdk: { Session: new (d: unknown) => unknown } }).connectsdk.Session(details), later);
    await sessionCard(panel, later.customerId).waitFor();
    // And the page still works: its payment reaches the real session.
    const paymentId = await pay(page, 3012);
    await card.locator(`[data-testid="payment"][data-payment-id="${paymentId}"]`).waitFor();
    expect(await panel.getByTestId('session').count()).toBe(2);
    await showSessionDetails(panel, card);
    const text = (await panel.locator('body').textContent()) ?? '';
    expect(text).not.toContain('FORGED');
    expect(text).not.toContain('evil.example');
    await page.close();
  });
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../scripts/browser/extension-browser.ts';
import { openConnectPanel } from '../../scripts/browser/devtools-panel.ts';
import { startDemoServers, type DemoServers } from './harness/demo-servers.ts';
import { startPageServer, type PageServer } from './harness/page-server.ts';
import { waitFor } from '../../scripts/browser/wait-for.ts';

// The Worldline Online Payments SDK shares Connect's wire format but has no third-party status.
const SDK = readFileSync('node_modules/onlinepayments-sdk-client-js/dist/onlinepayments-sdk-client-js.umd.js', 'utf8');

let browser: ExtensionBrowser;
let servers: DemoServers;
let pages: PageServer;

beforeAll(async () => {
  servers = await startDemoServers();
  // A real client session (the simulator speaks the same wire format), handed to the page as a merchant would.
  const session = (await (await fetch(`${servers.merchant.url}/api/session`, { method: 'POST' })).json()) as Record<string, unknown>;
  pages = await startPageServer({
    '/sdk.js': (_req, res) => void res.writeHead(200, { 'content-type': 'text/javascript' }).end(SDK),
    '/': `<!doctype html><title>Online Payments checkout</title><script src="/sdk.js"></script><script>
      window.details = ${JSON.stringify(session)};
      window.session = new onlinepaymentssdk.Session(window.details);
      window.listProducts = () => window.session.getBasicPaymentItems({ countryCode: 'BE', amountOfMoney: { amount: 1000, currencyCode: 'EUR' }, isRecurring: false }).then(() => 'ok', (e) => 'failed: ' + e);
    </script>`,
  });
  browser = await launchExtensionBrowser();
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await servers?.close();
});

it('labels an Online Payments session and says plainly why it cannot be polled', async () => {
  const page = await browser.context.newPage();
  await page.goto(pages.url + '/');
  const customerId = await page.evaluate(() => (window as unknown as { details: { customerId: string } }).details.customerId);
  const { panel } = await openConnectPanel(browser.context, page, browser.extensionId);
  const card = panel.locator(`[data-testid="session"][data-customer-id="${customerId}"]`);
  await card.waitFor();
  expect(await card.getByTestId('session-platform').textContent()).toBe('Online Payments');
  expect(await card.getByTestId('session-poll-reason').textContent()).toContain('Online Payments has no third-party status');

  // Its calls are seen too, under the same session.
  expect(await page.evaluate(() => (window as unknown as { listProducts(): Promise<string> }).listProducts())).toBe('ok');
  await waitFor(async () => (await card.getByTestId('session-sdk').textContent())?.includes('v3.6.2'), { what: 'the SDK version from its call' });
  expect(await card.getByTestId('session-platform').textContent()).toBe('Online Payments');
  await page.close();
});

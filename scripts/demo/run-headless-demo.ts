import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DemoMerchant, Simulator } from '../../src/simulator/index.ts';
import { launchExtensionBrowser } from '../browser/extension-browser.ts';
import { DEMO_PRODUCTS, type DemoProductId } from './args.ts';
import { fillDevtoolsWindow } from './devtools-window.ts';
import { openPanelThenCheckout } from './open-checkout.ts';
import { CUSTOMER_ACTION, sessionLine, type Narrator } from './narrate.ts';
import { pressDemoStep, startPolling, waitForState } from '../browser/panel-polling.ts';
import type { Shutdown } from './shutdown.ts';
import { createStepRunner } from './steps.ts';

export type HeadlessDemoOptions = {
  simulator: Simulator;
  merchant: DemoMerchant;
  product: DemoProductId;
  outDir: string;
  narrator: Narrator;
  /** Closes the browser with the rest, and cuts a step short when Ctrl-C comes. */
  shutdown: Shutdown;
  stepTimeoutMs?: number;
};

/** The third-party statuses in order, the customer's step that leads to each, and its screenshot. */
const STATUSES = [
  { status: 'WAITING', step: undefined, file: '01-waiting.png' },
  { status: 'INITIALIZED', step: 'scan', file: '02-initialized.png' },
  { status: 'AUTHORIZED', step: 'authenticate', file: '03-authorized.png' },
  { status: 'COMPLETED', step: 'confirm', file: '04-completed.png' },
] as const;

const CHECKOUT_SCREENSHOT = '00-checkout.png';

/** Big enough for the panel's session card and payment row to be read in a screenshot. */
const VIEWPORT = { width: 1280, height: 800 };

/**
 * The scripted demo: a real payment on the demo checkout, moved on by the simulated customer,
 * watched through the real Connect panel in a real DevTools window. Returns the screenshots saved.
 */
export async function runHeadlessDemo(options: HeadlessDemoOptions): Promise<string[]> {
  const { simulator, merchant, narrator, shutdown } = options;
  const timeout = options.stepTimeoutMs ?? 30_000;
  const productName = DEMO_PRODUCTS[options.product];
  const saved: string[] = [];
  mkdirSync(options.outDir, { recursive: true });
  const out = (file: string) => {
    const target = path.join(options.outDir, file);
    saved.push(target);
    return target;
  };

  const step = createStepRunner(shutdown, timeout);
  // Playwright's own waits get more time than the step, so the step's message is the one seen.
  const wait = { timeout: timeout + 5_000 };

  const browser = await step(
    'launch Chromium with the extension',
    async () => {
      const launched = await launchExtensionBrowser({ headless: true, viewport: VIEWPORT, handleSignals: false });
      // Registered here, not after the step: a launch that ends after a stall is closed too.
      shutdown.add(() => launched.close());
      return launched;
    },
    { stoppable: false },
  );
  narrator.say('Chromium (headless) started with Connect DevTools loaded');

  const { page, devtools, panel } = await step('open DevTools with the Connect panel and load the checkout', async () => {
    const opened = await openPanelThenCheckout(browser, `${merchant.url}/?pollMs=500`, wait);
    await opened.devtools.setViewportSize(VIEWPORT);
    await fillDevtoolsWindow(opened.devtools);
    await opened.page.locator('#checkout[data-status="ready"]').waitFor(wait);
    return opened;
  });
  narrator.say(`Checkout loaded: ${merchant.url}/ (Bancontact and WeChat Pay offered)`);

  const customerIdSeen = await step('the panel to detect the client session', async () => {
    const session = panel.getByTestId('session').first();
    await session.waitFor(wait);
    const customerId = (await session.getAttribute('data-customer-id', wait)) ?? '';
    const sdk = ((await session.getByTestId('session-sdk').textContent(wait)) ?? '').trim();
    const known = simulator.control.listSessions().find((s) => s.customerId === customerId);
    narrator.say(sessionLine(customerId, known?.clientSessionId, sdk));
    return customerId;
  });

  const paymentId = await step(`pay with ${productName}`, async () => {
    await page.locator(`button[data-product-id="${options.product}"]`).click(wait);
    const checkout = page.locator('#checkout[data-status="polling"]');
    await checkout.waitFor(wait);
    return (await checkout.getAttribute('data-payment-id', wait)) ?? '';
  });
  narrator.say(`Payment ${paymentId} created for ${productName}; the page polls its third-party status`);
  await page.screenshot({ path: out(CHECKOUT_SCREENSHOT) });

  const poll = await step('the panel to poll the payment', () => startPolling(panel, customerIdSeen, paymentId));
  narrator.say(`The panel polls ${paymentId} itself (the simulator's origin approved in the panel)`);

  for (const { status, step: customerStep, file } of STATUSES) {
    if (customerStep) {
      narrator.say(`${CUSTOMER_ACTION[status]} (the panel's demo button "${customerStep}")`);
      await step(`the demo button "${customerStep}"`, () => pressDemoStep(poll, customerStep));
    }
    await step(`the page to see ${status}`, () =>
      page.locator(`#checkout[data-third-party-status="${status}"]`).waitFor(wait),
    );
    await step(`the panel's timeline to show ${status}`, () => waitForState(poll, status, timeout + 5_000));
    const target = out(file);
    await devtools.screenshot({ path: target });
    narrator.say(`Payment ${paymentId} ${status}: page and panel agree; screenshot ${target}`);
  }
  const summary = ((await poll.getByTestId('timeline-summary').textContent(wait)) ?? '').trim();
  narrator.say(`Timeline: ${summary}`);

  const finalStatus = await step('the checkout to show the final payment status', async () => {
    const done = page.locator('#checkout[data-status="completed"]');
    await done.waitFor(wait);
    return done.getAttribute('data-payment-status', wait);
  });
  narrator.say(`The merchant's server reads the payment's final status: ${finalStatus ?? 'unknown'}`);
  return saved;
}

import type { DemoMerchant, Simulator } from '../../src/simulator/index.ts';
import { launchExtensionBrowser } from '../browser/extension-browser.ts';
import { openPanelThenCheckout } from './open-checkout.ts';
import type { Narrator } from './narrate.ts';
import type { Shutdown } from './shutdown.ts';
import { createStepRunner } from './steps.ts';

/**
 * A visible Chromium with the extension, the checkout and DevTools on the Connect panel, for a
 * person to click through. Resolves when the browser is closed or the closing begins (Ctrl-C).
 */
export async function launchInteractive(options: {
  simulator: Simulator;
  merchant: DemoMerchant;
  narrator: Narrator;
  shutdown: Shutdown;
}): Promise<void> {
  const { simulator, merchant, narrator, shutdown } = options;
  // viewport null: pages follow their windows, as in a browser someone opened by hand.
  const browser = await launchExtensionBrowser({ headless: false, viewport: null, handleSignals: false });
  shutdown.add(() => browser.close());
  const closed = new Promise<void>((resolve) => browser.context.once('close', () => resolve()));
  // Raced with Ctrl-C: its waits would otherwise poll a closed browser until their deadline.
  await createStepRunner(shutdown, 60_000)('open DevTools with the Connect panel and load the checkout', () =>
    openPanelThenCheckout(browser, `${merchant.url}/`),
  );
  narrator.say('Chromium is open with Connect DevTools; DevTools shows the Connect panel for the checkout.');
  console.log(`
  Checkout:                        ${merchant.url}/
  Customer's phone (control page): ${simulator.url}/control/

  Pick Bancontact on the checkout, then press the steps on the phone page (scan, authenticate,
  confirm) and watch the Connect panel follow the payment. WeChat Pay works the same way.
  Ctrl-C here, or closing the browser, stops everything.
`);
  await Promise.race([closed, shutdown.whenStopping()]);
  if (!shutdown.stopping) narrator.say('The browser was closed');
}

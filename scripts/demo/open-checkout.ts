import type { Page } from 'playwright-core';
import { openConnectPanel, type OpenPanel } from '../browser/devtools-panel.ts';
import type { ExtensionBrowser } from '../browser/extension-browser.ts';

/**
 * Opens DevTools with the Connect panel on the browser's first tab, then loads the checkout in it.
 * DevTools comes first so the panel sees every Client API call, the SDK's first included, and can
 * name the SDK's version at once.
 */
export async function openPanelThenCheckout(
  browser: ExtensionBrowser,
  checkoutUrl: string,
  wait: { timeout?: number } = {},
): Promise<OpenPanel & { page: Page }> {
  const { context } = browser;
  const page = context.pages()[0] ?? (await context.newPage());
  const opened = await openConnectPanel(context, page, browser.extensionId);
  await opened.panel.getByTestId('welcome').waitFor(wait);
  await page.goto(checkoutUrl, wait);
  return { ...opened, page };
}

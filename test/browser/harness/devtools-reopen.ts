import type { BrowserContext, Frame, Page } from 'playwright-core';
import { openConnectPanel, type OpenPanel } from '../../../scripts/browser/devtools-panel.ts';
import { waitFor } from '../../../scripts/browser/wait-for.ts';
import { followTargets } from './follow-targets.ts';

/**
 * Closes a tab's DevTools window in the middle of a poll, lets `meanwhile` run with nobody
 * watching, opens DevTools again and returns the new panel with the poll's card in it (it must
 * come back: the poll DevTools closed on is kept, stopped "DevTools closed").
 *
 * DevTools is opened again only once the closed window's devtools page has gone (the extension's
 * targets are followed for that), so the new window never starts while the old one is still
 * being torn down.
 */
export async function closeAndReopenDevtools(
  context: BrowserContext,
  page: Page,
  extensionId: string,
  open: OpenPanel,
  paymentId: string,
  meanwhile: () => Promise<void> = async () => undefined,
): Promise<OpenPanel & { poll: ReturnType<Frame['locator']> }> {
  const browser = context.browser();
  if (!browser) throw new Error('A persistent context is needed to reopen DevTools.');
  const cdp = await browser.newBrowserCDPSession();
  const devtoolsPage = `chrome-extension://${extensionId}/src/extension/devtools/index.html`;
  /** The extension's devtools pages alive now: one per open DevTools window. */
  const devtoolsPages = new Set<string>();
  try {
    await followTargets(
      cdp,
      async (info) => {
        if (info.url === devtoolsPage) devtoolsPages.add(info.targetId);
      },
      (targetId) => void devtoolsPages.delete(targetId),
    );
    const before = devtoolsPages.size;
    await open.devtools.close();
    await waitFor(() => devtoolsPages.size < before, { what: "the closed DevTools window's devtools page to go", timeout: 30_000 });
    await meanwhile();
    const reopened = await openConnectPanel(context, page, extensionId).catch((error: Error) => {
      throw new Error(`${error.message}; devtools pages alive: ${devtoolsPages.size} (${before} before the close)`);
    });
    const poll = reopened.panel.locator(`[data-testid="poll"][data-payment-id="${paymentId}"]`);
    await poll.waitFor({ timeout: 30_000 }).catch(() => {
      throw new Error(`The reopened panel shows no poll card for ${paymentId}: the poll DevTools closed on was not kept.`);
    });
    return { ...reopened, poll };
  } finally {
    await cdp.send('Target.setDiscoverTargets' as never, { discover: false } as never).catch(() => undefined);
    await cdp.detach().catch(() => undefined);
  }
}

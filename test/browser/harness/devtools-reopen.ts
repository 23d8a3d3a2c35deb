import type { BrowserContext, Frame, Page } from 'playwright-core';
import { openConnectPanel, type OpenPanel } from '../../../scripts/browser/devtools-panel.ts';

/**
 * Closes a tab's DevTools window in the middle of a poll, lets `meanwhile` run with nobody
 * watching, opens DevTools again and returns the new panel with the poll's card in it (it must
 * come back: the poll DevTools closed on is kept, stopped "DevTools closed").
 */
export async function closeAndReopenDevtools(
  context: BrowserContext,
  page: Page,
  extensionId: string,
  open: OpenPanel,
  paymentId: string,
  meanwhile: () => Promise<void> = async () => undefined,
): Promise<OpenPanel & { poll: ReturnType<Frame['locator']> }> {
  await open.devtools.close();
  await meanwhile();
  const reopened = await openConnectPanel(context, page, extensionId);
  const poll = reopened.panel.locator(`[data-testid="poll"][data-payment-id="${paymentId}"]`);
  await poll.waitFor({ timeout: 15_000 }).catch(() => {
    throw new Error(`The reopened panel shows no poll card for ${paymentId}: the poll DevTools closed on was not kept.`);
  });
  return { ...reopened, poll };
}

import type { Frame } from 'playwright-core';
import { waitFor } from '../../test/browser/harness/wait-for.ts';

/**
 * Resolves once the Connect panel shows the third-party status the page saw for a payment. The one
 * place that knows the panel's markup for it: the payment row sits in the session's details,
 * which start collapsed, so a collapsed session is expanded on the way.
 */
export async function waitForPanelStatus(panel: Frame, paymentId: string, status: string, timeout: number): Promise<void> {
  const badge = panel.locator(`[data-testid="payment"][data-payment-id=${JSON.stringify(paymentId)}] [data-testid="page-status"]`);
  await waitFor(
    async () => {
      const collapsed = panel.locator('[data-testid="session-toggle"][aria-expanded="false"]');
      if ((await collapsed.count()) > 0) await collapsed.first().click();
      const texts = await badge.allTextContents();
      return texts.some((text) => text.trim() === `page saw ${status}`);
    },
    { timeout, interval: 200, what: `the panel to show "page saw ${status}"` },
  );
}

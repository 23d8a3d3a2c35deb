import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openConnectPanel } from '../../scripts/browser/devtools-panel.ts';
import { showSessionDetails } from '../../scripts/browser/session-details.ts';
import { payOnPage, pressDemoStep, stateRows, waitForState } from '../../scripts/browser/panel-polling.ts';
import { waitFor } from '../../scripts/browser/wait-for.ts';
import { useDemoSuite } from './harness/demo-suite.ts';

// The Client API answers CORS for the checkout's pages only, never for the extension's origin.
const suite = useDemoSuite({ corsOrigins: 'merchant' });

async function openCheckout(): Promise<{ page: Page; panel: Frame; paymentId: string; customerId: string; clientSessionId: string }> {
  const page = await suite.browser.context.newPage();
  // The page polls once, then waits ten minutes: every later request for the payment is the panel's.
  await page.goto(`${suite.servers.merchant.url}/?pollMs=600000`);
  await page.locator('#checkout[data-status="ready"]').waitFor();
  const { panel } = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);
  const paymentId = await payOnPage(page, 3012);
  const session = suite.servers.simulator.control.listSessions().at(-1)!;
  return { page, panel, paymentId, customerId: session.customerId, clientSessionId: session.clientSessionId };
}

/** Poll on the payment, then Allow with a real click: Chrome asks for host access only within a user's gesture. */
async function pollAndAllow(panel: Frame, customerId: string, paymentId: string) {
  const card = panel.locator(`[data-testid="session"][data-customer-id="${customerId}"]`);
  await card.locator(`[data-testid="payment"][data-payment-id="${paymentId}"]`).getByTestId('poll-button').click();
  await panel.getByTestId('approve').click();
  return card;
}

describe('polling when the Client API answers CORS only for merchant pages', () => {
  it('polls a Bancontact payment to COMPLETED from the panel, unseen by the page and never taken for its calls', async () => {
    const { simulator } = suite.servers;
    const origin = new URL(simulator.url).origin;
    const { page, panel, paymentId, customerId, clientSessionId } = await openCheckout();

    const card = await pollAndAllow(panel, customerId, paymentId);
    const poll = panel.locator(`[data-testid="poll"][data-payment-id="${paymentId}"]`);
    await poll.waitFor();
    // The content scripts' matches already open every http(s) host to the extension's pages: nothing to ask.
    expect(await panel.evaluate(async () => (await chrome.permissions.getAll()).origins)).toEqual(['http://*/*', 'https://*/*']);

    await waitForState(poll, 'WAITING');
    for (const [step, status] of [['scan', 'INITIALIZED'], ['authenticate', 'AUTHORIZED'], ['confirm', 'COMPLETED']] as const) {
      await pressDemoStep(poll, step);
      await waitForState(poll, status);
    }
    await waitFor(async () => (await poll.getAttribute('data-phase')) === 'stopped', { what: 'the poll to stop' });
    expect(await poll.getAttribute('data-stop-reason')).toBe('completed');
    expect(await stateRows(poll)).toEqual(['WAITING', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED']);
    expect(await poll.textContent()).not.toContain('network error');

    // Counted at the simulator: the page asked once, the panel every second until COMPLETED, and the
    // page's own calls were all answered under the strict CORS policy.
    const statusCalls = simulator.control.requests({ paymentId, api: 'client' }).filter((r) => r.path.endsWith('/thirdpartystatus'));
    expect(statusCalls.length).toBeGreaterThanOrEqual(5);
    const sessionCalls = simulator.control.requests({ clientSessionId, api: 'client' });
    expect(sessionCalls.every((r) => r.status === 200)).toBe(true);
    expect(await page.locator('#checkout').getAttribute('data-status')).toBe('polling');

    // Neither the page nor the panel's network detection saw the panel's polls: one status call, the page's.
    const pageTimings = await page.evaluate(
      () => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/thirdpartystatus')).length,
    );
    expect(pageTimings).toBe(1);
    const statusRows = (await showSessionDetails(panel, card, 'calls')).locator('[data-testid="call-row"]', { hasText: '/thirdpartystatus' });
    await statusRows.first().waitFor();
    expect(await statusRows.count()).toBe(1);

    // Revoke, in the settings, withdraws the approval: the next poll asks again.
    // Running timelines grow while we click: dispatch the clicks on the elements, not at a point.
    await panel.getByTestId('settings-button').dispatchEvent('click');
    const settings = panel.getByTestId('settings-dialog');
    const item = settings.locator(`[data-testid="approved-origin"][data-origin="${origin}"]`);
    await waitFor(async () => (await item.getAttribute('data-access')) === 'granted', { what: 'the access to show as granted' });
    await item.getByTestId('revoke-origin').dispatchEvent('click');
    await item.waitFor({ state: 'detached' });
    await page.close();
  });

});

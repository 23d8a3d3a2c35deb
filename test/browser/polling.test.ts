import { describe, expect, it } from 'vitest';
import { openConnectPanel, showDevtoolsPanel } from '../../scripts/browser/devtools-panel.ts';
import { useDemoSuite } from './harness/demo-suite.ts';
import { maxInFlight, payOnPage, pressDemoStep, startPolling, stateRows, waitForState } from '../../scripts/browser/panel-polling.ts';
import { waitFor } from '../../scripts/browser/wait-for.ts';

const suite = useDemoSuite();

const FLOWS = [
  { product: 3012 as const, name: 'Bancontact' },
  { product: 863 as const, name: 'WeChat Pay' },
];

describe('polling the third-party status from the panel', () => {
  it.each(FLOWS)('follows a full $name flow: four transitions in order, and stops by itself at COMPLETED', async ({ product, name }) => {
    const page = await suite.browser.context.newPage();
    // The page polls once, then waits ten minutes: every later request for the payment is the panel's.
    await page.goto(`${suite.servers.merchant.url}/?pollMs=600000`);
    await page.locator('#checkout[data-status="ready"]').waitFor();
    const { panel } = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);
    const paymentId = await payOnPage(page, product);
    const customerId = suite.servers.simulator.control.listSessions()[0]!.customerId;

    const poll = await startPolling(panel, customerId, paymentId);
    expect(await poll.textContent()).toContain(name);
    await waitForState(poll, 'WAITING');
    for (const [step, status] of [['scan', 'INITIALIZED'], ['authenticate', 'AUTHORIZED'], ['confirm', 'COMPLETED']] as const) {
      await pressDemoStep(poll, step);
      await waitForState(poll, status);
    }
    await waitFor(async () => (await poll.getAttribute('data-phase')) === 'stopped', { what: 'the poll to stop' });
    expect(await poll.getAttribute('data-stop-reason')).toBe('completed');
    expect(await stateRows(poll)).toEqual(['WAITING', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED']);
    const durations = await poll.locator('[data-testid="timeline-row"][data-kind="state"] [data-testid="row-duration"]').allTextContents();
    expect(durations).toHaveLength(4);
    for (const duration of durations.slice(0, 3)) expect(duration).toMatch(/^\d+ (ms|s)$|^\d+ min \d+ s$/);
    expect(await poll.getByTestId('timeline-summary').textContent()).toMatch(/COMPLETED .* after the first poll/);
    expect(await poll.getByTestId('stop-row').textContent()).toContain('COMPLETED');

    // Counted at the simulator: the panel's requests never overlapped, and none came after the stop.
    const ours = () =>
      suite.servers.simulator.control.requests({ paymentId, api: 'client' }).filter((r) => r.path.endsWith('/thirdpartystatus')).slice(1);
    const seen = ours();
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(maxInFlight(seen)).toBe(1);
    // Nothing can be waited for here but time: two and a half poll intervals with no request.
    await page.waitForTimeout(2500);
    expect(ours()).toHaveLength(seen.length);
    await page.close();
  });

  it('keeps polling while another DevTools panel is shown, and sends nothing once DevTools closes', async () => {
    const page = await suite.browser.context.newPage();
    await page.goto(`${suite.servers.merchant.url}/?pollMs=600000`);
    await page.locator('#checkout[data-status="ready"]').waitFor();
    const { devtools, panel } = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);
    const paymentId = await payOnPage(page, 3012);
    const customerId = suite.servers.simulator.control.listSessions()[0]!.customerId;
    const poll = await startPolling(panel, customerId, paymentId);
    await waitForState(poll, 'WAITING');

    const count = () => suite.servers.simulator.control.requests({ paymentId, api: 'client' }).length;
    await showDevtoolsPanel(devtools, 'console');
    const hiddenAt = count();
    await waitFor(() => count() >= hiddenAt + 2, { what: 'polls while the Console panel is shown' });

    // Closing the tab closes its DevTools; the panel's page goes with it.
    await page.close();
    await waitFor(() => suite.servers.simulator.control.requests({ paymentId }).every((r) => r.endedAt !== null), { what: 'the last request to end' });
    const closedAt = count();
    // Nothing can be waited for here but time: two and a half poll intervals with no request.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(count()).toBe(closedAt);
  });
});

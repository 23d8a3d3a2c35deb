import type { Frame, Page } from 'playwright-core';
import type { LoggedRequest } from '../../src/simulator/index.ts';
import { waitFor } from './wait-for.ts';

/** Starts polling a payment from its session card, approving the Client API origin when asked. */
export async function startPolling(panel: Frame, customerId: string, paymentId: string): Promise<ReturnType<Frame['locator']>> {
  const card = panel.locator(`[data-testid="session"][data-customer-id="${customerId}"]`);
  await card.waitFor();
  const payment = card.locator(`[data-testid="payment"][data-payment-id="${paymentId}"]`);
  // Running timelines above grow while we click: dispatch the click on the element, not at a point.
  await payment.getByTestId('poll-button').dispatchEvent('click');
  const poll = panel.locator(`[data-testid="poll"][data-payment-id="${paymentId}"]`);
  const approve = panel.getByTestId('approve');
  await poll.or(approve).first().waitFor();
  if (await approve.isVisible()) await approve.dispatchEvent('click');
  await poll.waitFor();
  return poll;
}

/** Presses a customer's step among a poll card's demo controls (the simulator's "phone"). */
export async function pressDemoStep(poll: ReturnType<Frame['locator']>, step: string): Promise<void> {
  // Running timelines grow while we click: dispatch the click on the element, not at a point.
  await poll.locator(`[data-testid="demo-controls"] button[data-step=${JSON.stringify(step)}]`).dispatchEvent('click');
}

/** The statuses of the timeline's state rows, in order. */
export async function stateRows(poll: ReturnType<Frame['locator']>): Promise<string[]> {
  return poll.locator('[data-testid="timeline-row"][data-kind="state"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status') ?? ''));
}

export async function waitForState(poll: ReturnType<Frame['locator']>, status: string, timeout = 20_000): Promise<void> {
  await waitFor(async () => (await stateRows(poll)).includes(status), { what: `${status} in the timeline`, timeout });
}

/** Pays with the page's own checkout and returns the payment id; the page polls once, then waits long. */
export async function payOnPage(page: Page, productId: 3012 | 863): Promise<string> {
  await page.locator(`#checkout button[data-product-id="${productId}"]`).click();
  await page.locator('#checkout[data-status="polling"]').waitFor();
  return (await page.locator('#checkout').getAttribute('data-payment-id')) ?? '';
}

/** No two requests ever overlapped in time. */
export function maxInFlight(requests: readonly LoggedRequest[]): number {
  const edges = requests.flatMap((r) => [
    { at: r.startedAt, delta: 1 },
    { at: r.endedAt ?? Number.POSITIVE_INFINITY, delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let max = 0;
  for (const edge of edges) {
    current += edge.delta;
    max = Math.max(max, current);
  }
  return max;
}

import type { Frame } from 'playwright-core';
import { startPolling, waitForState } from '../../test/browser/harness/panel-polling.ts';

type PollCard = Awaited<ReturnType<typeof startPolling>>;

/** Starts polling the payment from the panel, approving the simulator's origin as a user would. */
export function pollFromPanel(panel: Frame, customerId: string, paymentId: string): Promise<PollCard> {
  return startPolling(panel, customerId, paymentId);
}

/** Presses a customer's step among the panel's demo controls (the simulator's "phone"). */
export async function pressDemoStep(poll: PollCard, step: string): Promise<void> {
  await poll.locator(`[data-testid="demo-controls"] button[data-step=${JSON.stringify(step)}]`).dispatchEvent('click');
}

/** Resolves once the panel's timeline has a row for the status. The one place that knows that markup. */
export function waitForPanelStatus(poll: PollCard, status: string, timeout: number): Promise<void> {
  return waitForState(poll, status, timeout);
}

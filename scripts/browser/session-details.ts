import type { Frame, Locator } from 'playwright-core';

/**
 * Selects a session card and returns the details pane's view of it, on `tab`: its overview (session
 * id, Client API, SDK, frames, lifetime) or its calls. The card's header is clicked (not its middle:
 * that may be a payment's Poll button); the Calls tab through the card's "N calls".
 */
export async function showSessionDetails(panel: Frame, card: Locator, tab: 'overview' | 'calls' = 'overview'): Promise<Locator> {
  // Dispatched on the element, not at a point: cards above may grow while we click.
  if (tab === 'calls') await card.getByTestId('session-toggle').dispatchEvent('click');
  else await card.getByTestId('session-customer').dispatchEvent('click');
  const customerId = await card.getAttribute('data-customer-id');
  // The tab's own details sit right in the details pane (an imported file's are inside the file's view).
  const shown = panel.locator(`[data-testid="details"] > [data-testid="session-details"][data-customer-id="${customerId}"]`);
  await shown.waitFor();
  // A session already shown keeps its tab when its card is clicked again.
  if ((await shown.getAttribute('data-tab')) !== tab) await shown.getByTestId(`session-tab-${tab}`).dispatchEvent('click');
  const details = panel.locator(`[data-testid="details"] > [data-testid="session-details"][data-customer-id="${customerId}"][data-tab="${tab}"]`);
  await details.waitFor();
  return details;
}

import type { Page } from 'playwright-core';

/**
 * A DevTools window opened by the protocol in headless Chromium believes it is docked to the right
 * and leaves the left part blank for a page it does not hold. Undocked, the panel fills the window,
 * which is what a screenshot wants. DockController is a DevTools internal, like the InspectorView
 * the harness uses (see docs/testing.md); it is loaded by the time a panel shows.
 */
export async function fillDevtoolsWindow(devtools: Page): Promise<void> {
  await devtools.evaluate(`(async () => {
    const UI = await import('./ui/legacy/legacy.js');
    UI.DockController.DockController.instance().setDockSide('undocked');
  })()`);
}

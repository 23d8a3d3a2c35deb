import { mkdirSync, readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openConnectPanel } from '../../scripts/browser/devtools-panel.ts';
import { payOnPage, pressDemoStep, stateRows, waitForState } from '../../scripts/browser/panel-polling.ts';
import { showSessionDetails } from '../../scripts/browser/session-details.ts';
import { waitFor } from '../../scripts/browser/wait-for.ts';
import { useDemoSuite } from './harness/demo-suite.ts';

/**
 * The panel as a DevTools tool: the split view (toolbar, sessions and payments on the left, details
 * on the right, a status bar), a payment polled in one click from the first screen, the whole flow
 * from the keyboard alone, axe-core over every main state, and both DevTools themes. Screenshots of
 * each state and theme go to `.tmp/screenshots` (the README's are taken from there).
 */
const suite = useDemoSuite();
const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const SHOTS = '.tmp/screenshots';

type AxeViolation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };

/** axe-core's WCAG 2 A and AA rules over the panel's document, as it is now. */
async function axeViolations(panel: Frame): Promise<string[]> {
  if (!(await panel.evaluate(() => 'axe' in window))) await panel.evaluate(AXE);
  const violations = (await panel.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations)`,
  )) as AxeViolation[];
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Sets the DevTools theme as its Settings do ('dark' or 'default'); the panel is told by DevTools itself. */
async function setDevtoolsTheme(devtools: Page, theme: 'dark' | 'default'): Promise<void> {
  await devtools.evaluate(`(async () => {
    const Common = await import('./core/common/common.js');
    Common.Settings.Settings.instance().moduleSetting('ui-theme').set(${JSON.stringify(theme)});
  })()`);
}

/**
 * DevTools in a window of its own, `width` × `height`: the panel then takes the whole window but DevTools' tab strip.
 * Moving DevTools may give the panel a new frame: the panel is found again, and its state read again, before going on.
 */
async function undock(devtools: Page, panel: Frame, width: number, height: number): Promise<Frame> {
  await dockSide(devtools, 'undocked');
  await devtools.setViewportSize({ width, height });
  const url = panel.url();
  const again = await waitFor(() => devtools.frames().find((frame) => frame.url() === url && !frame.isDetached()), { what: 'the panel frame after undocking' });
  await again.locator('[data-testid="panel"][data-synced="true"]').waitFor({ timeout: 45_000 });
  return again;
}

/** DevTools keeps its dock side for the next window: each test that moves it puts it back (see `dockedAgain`). */
async function dockSide(devtools: Page, side: 'undocked' | 'right'): Promise<void> {
  await devtools.evaluate(`(async () => {
    const UI = await import('./ui/legacy/legacy.js');
    UI.DockController.DockController.instance().setDockSide(${JSON.stringify(side)});
  })()`);
}

/** Docks DevTools at the right again whatever happened (a failed test must not leave the next ones undocked), and closes the page. */
async function dockedAgain(devtools: Page, page: Page): Promise<void> {
  await dockSide(devtools, 'right').catch(() => undefined);
  await page.close().catch(() => undefined);
}

/** The panel's frame as DevTools shows it. */
async function shot(panel: Frame, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await (await panel.frameElement()).screenshot({ path: `${SHOTS}/${name}.png` });
}

/** Presses Tab until the focused element in the panel matches `selector` (at most `max` presses). */
async function tabTo(devtools: Page, panel: Frame, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await panel.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await devtools.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** axe over the panel as it is, in the light and the dark DevTools theme, with a screenshot of each; back to light. */
async function checkInBothThemes(devtools: Page, panel: Frame, state: string): Promise<void> {
  for (const theme of ['default', 'dark'] as const) {
    await setDevtoolsTheme(devtools, theme);
    await panel.locator(`html[data-theme="${theme === 'dark' ? 'dark' : 'light'}"]`).waitFor();
    expect(await axeViolations(panel), `${state}, ${theme}`).toEqual([]);
    await shot(panel, `${state}-${theme}`);
  }
  await setDevtoolsTheme(devtools, 'default');
}

/** The demo checkout in a new tab with DevTools on the Connect panel, and a payment made on it, listed in the panel. */
async function checkoutWithPayment(product: 3012 | 863) {
  const page = await suite.browser.context.newPage();
  await page.goto(`${suite.servers.merchant.url}/?pollMs=600000`);
  await page.locator('#checkout[data-status="ready"]').waitFor();
  const { devtools, panel } = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);
  const paymentId = await payOnPage(page, product);
  const payment = panel.locator(`[data-testid="payment"][data-payment-id="${paymentId}"]`);
  await payment.waitFor();
  return { page, devtools, panel, paymentId, payment };
}

const focused = (panel: Frame) => panel.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '');

describe('at home in DevTools', () => {
  // The longest walk through the panel (every state, both themes, axe at each): more than the default minute on a loaded machine.
  it('is a split view; a payment is polled in one click from the first screen; axe finds nothing in any state, in either theme', async () => {
    // First a page without Connect: the first screen.
    const page = await suite.browser.context.newPage();
    await page.goto(`${suite.servers.merchant.url}/nothing-here`).catch(() => undefined);
    const { devtools, panel: docked } = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);
    await docked.locator('[data-testid="panel"][data-synced="true"]').waitFor({ timeout: 45_000 });
    try {
      const panel = await undock(devtools, docked, 1100, 640);
      await panel.getByTestId('welcome').waitFor();

      // The frame: toolbar, list, details, status bar.
      const toolbar = panel.getByRole('toolbar', { name: 'Connect panel controls' });
      for (const name of ['Clear', 'Export', 'Settings']) expect(await toolbar.getByRole('button', { name, exact: true }).count()).toBe(1);
      expect(await toolbar.getByRole('searchbox').count()).toBe(1);
      expect(await toolbar.getByLabel('Preserve log').count()).toBe(1);
      expect(await toolbar.getByText('Import…').count()).toBe(1);
      expect(await panel.getByRole('navigation', { name: 'Sessions and payments' }).count()).toBe(1);
      expect(await panel.getByRole('main', { name: 'Details' }).count()).toBe(1);
      expect(await panel.getByTestId('connection').textContent()).toBe('Connected');
      expect(await panel.getByTestId('polling-summary').textContent()).toBe('Not polling');
      await checkInBothThemes(devtools, panel, 'empty');

      // The checkout: its session on the left.
      await page.goto(`${suite.servers.merchant.url}/?pollMs=600000`);
      await page.locator('#checkout[data-status="ready"]').waitFor();
      await panel.locator('[data-testid="session"]').waitFor();

      // A payment on the page: on the first screen, with its chip and its Poll button, no click before.
      const paymentId = await payOnPage(page, 3012);
      const payment = panel.locator(`[data-testid="payment"][data-payment-id="${paymentId}"]`);
      await payment.waitFor();
      expect(await payment.getByTestId('poll-button').isVisible()).toBe(true);
      expect(await payment.getByTestId('poll-chip').textContent()).toContain('not polled');
      // The selected session's details on the right: its overview, then its calls as a tab (arrow keys between tabs).
      const card = panel.locator('[data-testid="session"]').first();
      const overview = await showSessionDetails(panel, card);
      expect(await panel.getByRole('main', { name: 'Details' }).getByTestId('session-details').count()).toBe(1);
      expect(await overview.getByTestId('session-id').textContent()).toMatch(/…/);
      await overview.getByTestId('session-tab-overview').focus();
      await devtools.keyboard.press('ArrowRight');
      const calls = panel.locator('[data-testid="session-details"][data-tab="calls"]');
      await calls.getByTestId('call-row').first().waitFor();
      expect(await calls.getByTestId('call-row').count()).toBe(Number(/\d+/.exec((await card.getByTestId('session-toggle').textContent()) ?? '')?.[0]));
      expect(await axeViolations(panel), 'session calls').toEqual([]);
      await devtools.keyboard.press('ArrowLeft');
      await overview.waitFor();
      await checkInBothThemes(devtools, panel, 'sessions');

      // One click (and, the first time for a Client API origin, its approval).
      await payment.getByTestId('poll-button').click();
      const approve = panel.getByTestId('approve');
      const poll = panel.locator(`[data-testid="poll"][data-payment-id="${paymentId}"]`);
      await poll.or(approve).first().waitFor();
      expect(await axeViolations(panel), 'approval').toEqual([]);
      if (await approve.isVisible()) await approve.click();
      await waitForState(poll, 'WAITING');
      expect(await panel.getByRole('main', { name: 'Details' }).locator(`[data-testid="poll"][data-payment-id="${paymentId}"]`).count()).toBe(1);
      await waitFor(async () => (await panel.getByTestId('polling-summary').textContent())?.includes(`Polling ${paymentId} (WAITING)`), { what: 'the status bar to say what is polled' });
      await waitFor(async () => (await payment.getByTestId('poll-chip').getAttribute('data-tone')) === 'live', { what: 'a live chip' });
      await waitFor(async () => (await panel.getByTestId('announcer').textContent())?.includes(`Payment ${paymentId}: Polling: WAITING`), { what: 'the polite announcement' });
      await checkInBothThemes(devtools, panel, 'polling');

      // An error between two states, then the COMPLETED timeline.
      expect(suite.servers.simulator.control.addFault({ kind: 'http-503', paymentId, times: 2 }).ok).toBe(true);
      await poll.locator('[data-testid="timeline-row"][data-kind="error"]').waitFor({ timeout: 20_000 });
      expect(await axeViolations(panel), 'an error').toEqual([]);
      for (const [step, status] of [['scan', 'INITIALIZED'], ['authenticate', 'AUTHORIZED'], ['confirm', 'COMPLETED']] as const) {
        await pressDemoStep(poll, step);
        await waitForState(poll, status);
      }
      await waitFor(async () => (await payment.getByTestId('poll-chip').getAttribute('data-tone')) === 'done', { what: 'a done chip' });
      await checkInBothThemes(devtools, panel, 'completed');

      // Demo mode: the timeline picture big enough for a room, its current state in large type.
      const chartHeight = () => poll.locator('.chart-scroll svg').first().evaluate((svg) => svg.getBoundingClientRect().height);
      const before = await chartHeight();
      await panel.getByTestId('demo-mode').click();
      await panel.locator('html[data-demo="true"]').waitFor();
      expect(await chartHeight()).toBeGreaterThan(before * 1.5);
      expect(await axeViolations(panel), 'demo').toEqual([]);
      await shot(panel, 'demo-default');
      await panel.getByTestId('demo-mode').click();
      await panel.locator('html[data-demo="false"]').waitFor();

      // An imported timeline: the one just exported, read back.
      const [download] = await Promise.all([devtools.waitForEvent('download'), panel.getByTestId('export-all').click()]);
      await panel.getByTestId('import-file').setInputFiles((await download.path())!);
      await panel.getByTestId('imported').waitFor();
      expect(await axeViolations(panel), 'imported').toEqual([]);
      await shot(panel, 'imported-default');
      await panel.getByTestId('imported').getByRole('button', { name: /close/i }).first().click();

      // A refused session: the platform answers 9008 to the next poll.
      expect(suite.servers.simulator.control.addFault({ kind: 'expire-session', paymentId }).ok).toBe(true);
      await poll.getByRole('button', { name: 'Poll again' }).click();
      const session = panel.locator('[data-testid="session"][data-refused="true"]');
      await session.waitFor({ timeout: 20_000 });
      await panel.getByTestId('poll-refused').first().waitFor();
      await checkInBothThemes(devtools, panel, 'refused');
    } finally {
      await dockedAgain(devtools, page);
    }
  }, 150_000);

  it('works from the keyboard alone, from the open panel to a COMPLETED timeline', async () => {
    const { page, devtools, panel, paymentId } = await checkoutWithPayment(863);

    // Into the panel as DevTools puts it there when its tab is chosen (on the toolbar's first button);
    // from there on, only keys. `/` goes to the filter.
    await panel.getByTestId('clear').focus();
    await devtools.keyboard.press('/');
    expect(await focused(panel)).toBe('session-filter');
    await devtools.keyboard.press('Escape');
    // Tab to the first session, then the arrow keys to its payment; Enter polls it.
    await tabTo(devtools, panel, '[data-testid="session"]');
    // The session in focus is the one the details pane shows.
    await panel.locator('[data-testid="details"] > [data-testid="session-details"]').waitFor();
    await devtools.keyboard.press('ArrowDown');
    expect(await panel.evaluate(() => document.activeElement?.getAttribute('data-payment-id'))).toBe(paymentId);
    // The focus is visible: an outline is drawn around the focused row.
    expect(await panel.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await devtools.keyboard.press('Enter');
    const poll = panel.locator(`[data-testid="poll"][data-payment-id="${paymentId}"]`);
    const approve = panel.getByTestId('approve');
    await poll.or(approve).first().waitFor();
    if (await approve.isVisible()) {
      await tabTo(devtools, panel, '[data-testid="approve"]');
      await devtools.keyboard.press('Enter');
    }
    await waitForState(poll, 'WAITING');
    // The customer's steps, each reached with Tab and pressed with Enter.
    for (const [step, status] of [['scan', 'INITIALIZED'], ['authenticate', 'AUTHORIZED'], ['confirm', 'COMPLETED']] as const) {
      await tabTo(devtools, panel, `[data-testid="demo-controls"] button[data-step="${step}"]`);
      await devtools.keyboard.press('Enter');
      await waitForState(poll, status);
    }
    expect(await stateRows(poll)).toEqual(['WAITING', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED']);
    // The timeline's rows from the keyboard too; the picture selects the same state.
    await tabTo(devtools, panel, `[data-testid="poll"][data-payment-id="${paymentId}"] [data-testid="timeline-rows"]`);
    await devtools.keyboard.press('ArrowDown');
    await devtools.keyboard.press('ArrowDown');
    const selectedRow = poll.locator('[data-testid="timeline-row"][data-selected="true"]');
    expect(await selectedRow.getAttribute('data-status')).toBe('INITIALIZED');
    expect(await poll.locator('[role="option"][aria-selected="true"]').getAttribute('aria-label')).toMatch(/^INITIALIZED/);
    await devtools.keyboard.press('?');
    await panel.getByTestId('help').waitFor();
    expect(await panel.getByTestId('help').textContent()).toContain('Keyboard shortcuts');
    await page.close();
  });

  it('fits DevTools docked at the side at 320 px and at the bottom at 250 px high', async () => {
    const { page, devtools, panel: docked, paymentId } = await checkoutWithPayment(3012);
    let panel = docked;
    try {
      for (const size of [
        { width: 320, height: 700, name: 'narrow' },
        { width: 900, height: 250, name: 'short' },
      ]) {
        panel = await undock(devtools, panel, size.width, size.height);
        const payment = panel.locator(`[data-testid="payment"][data-payment-id="${paymentId}"]`);
        await waitFor(async () => (await panel.evaluate(() => document.documentElement.clientWidth)) <= size.width, { what: 'the panel to take the size' });
        // Nothing wider than the panel, the Poll button on screen, the status bar at the bottom.
        const layout = await panel.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          width: document.documentElement.clientWidth,
          height: document.documentElement.clientHeight,
          statusBottom: document.querySelector('[data-testid="status-bar"]')!.getBoundingClientRect().bottom,
        }));
        expect(layout.scrollWidth, size.name).toBeLessThanOrEqual(layout.width);
        expect(Math.round(layout.statusBottom), size.name).toBeLessThanOrEqual(layout.height);
        expect(await payment.getByTestId('poll-button').isVisible(), size.name).toBe(true);
        await payment.getByTestId('poll-button').scrollIntoViewIfNeeded();
        const box = await payment.getByTestId('poll-button').evaluate((button) => button.getBoundingClientRect().toJSON() as DOMRect);
        expect(box.right, size.name).toBeLessThanOrEqual(layout.width + 1);
        expect(await axeViolations(panel), size.name).toEqual([]);
        await shot(panel, `${size.name}-default`);
      }
    } finally {
      await dockedAgain(devtools, page);
    }
  });

  it('keeps its settings across DevTools windows: a new poll starts at the default interval set there', async () => {
    const first = await checkoutWithPayment(3012);
    await first.panel.getByTestId('settings-button').click();
    const dialog = first.panel.getByTestId('settings-dialog');
    await dialog.waitFor();
    expect(await first.panel.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('settings-interval');
    expect(await axeViolations(first.panel), 'settings').toEqual([]);
    await shot(first.panel, 'settings-default');
    await dialog.getByTestId('settings-interval').fill('3');
    await dialog.getByTestId('settings-interval').press('Enter');
    await dialog.getByTestId('settings-interval').press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await first.page.close();

    // Another tab, another DevTools window: the interval was kept by the extension.
    const second = await checkoutWithPayment(3012);
    await second.panel.getByTestId('settings-button').click();
    await waitFor(async () => (await second.panel.getByTestId('settings-interval').inputValue()) === '3', { what: 'the kept interval' });
    await second.panel.getByTestId('settings-interval').press('Escape');
    await second.payment.getByTestId('poll-button').click();
    const approve = second.panel.getByTestId('approve');
    const poll = second.panel.locator(`[data-testid="poll"][data-payment-id="${second.paymentId}"]`);
    await poll.or(approve).first().waitFor();
    if (await approve.isVisible()) await approve.click();
    await waitFor(async () => (await poll.getByTestId('poll-interval').inputValue()) === '3', { what: 'the poll to start at 3 s' });
    // Put the default back for the tests after this one.
    await second.panel.getByTestId('settings-button').click();
    await second.panel.getByTestId('settings-interval').fill('1');
    await second.panel.getByTestId('settings-interval').press('Enter');
    await second.page.close();
  });
});

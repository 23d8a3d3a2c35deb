import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { writeLargeHar } from '../../scripts/bench/large-har.ts';
import { openConnectPanel } from '../../scripts/browser/devtools-panel.ts';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../scripts/browser/extension-browser.ts';
import { inputToPaint, observeInputTiming, type InputCheck } from './harness/input-timing.ts';

// Issue 11: "a 200 MB HAR imports without freezing the panel, with a progress bar, off the main thread".

const DIR = path.resolve('.tmp/har-import-large');
const FILE = path.join(DIR, 'busy-checkout.har');
/** Thousands of ordinary entries with their bodies around the Connect calls of one Bancontact payment (scripts/bench/large-har.ts). */
const HAR_BYTES = 200 * 2 ** 20;
/** The page's Client API calls: three the SDK makes, then twenty thirdpartystatus polls. */
const CONNECT_CALLS = 23;
/**
 * The worst key press (or input) to paint while the file is read, in the panel (Event Timing). The
 * worker reads the file; the panel's main thread only draws the bar a few times a second. A panel that
 * parsed the file on its main thread would not paint for the seconds that takes (JSON.parse of 200 MB
 * alone is several seconds on this machine) and fails this; a loaded 2-core machine's scheduling
 * noise does not.
 */
const INPUT_TO_PAINT_BOUND_MS = 500;
/** The file is read in a worker; this long at most, on a loaded 2-core machine (it takes about a tenth of it unloaded). */
const IMPORT_BOUND_MS = 50_000;

let browser: ExtensionBrowser | undefined;
let written = { bytes: 0, entries: 0 };

beforeAll(async () => {
  mkdirSync(DIR, { recursive: true });
  const [file, launched] = await Promise.all([writeLargeHar(FILE, { bytes: HAR_BYTES }), launchExtensionBrowser()]);
  written = file;
  browser = launched;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rmSync(DIR, { recursive: true, force: true });
});

const progressValue = (panel: Frame) =>
  panel.evaluate(() => (document.querySelector('[data-testid="import-progress-bar"]') as HTMLProgressElement | null)?.value ?? null);

describe('a 200 MB HAR', () => {
  it('imports in a worker with a progress bar that advances, while the panel answers key presses, and shows its Connect calls', async () => {
    const context = browser!.context;
    const page = await context.newPage();
    await page.goto('about:blank');
    const { panel } = await openConnectPanel(context, page, browser!.extensionId);
    await observeInputTiming(panel);
    expect(written.bytes).toBeGreaterThan(190 * 2 ** 20);

    const started = performance.now();
    await panel.getByTestId('import-file').setInputFiles(FILE);
    const progress = panel.getByTestId('import-progress');
    await progress.waitFor({ timeout: 10_000 });
    expect(await progress.getAttribute('data-where')).toBe('worker');

    // While the worker reads: the bar's value, and a payment id typed into the panel, again and again.
    const values: number[] = [];
    const checks: InputCheck[] = [];
    const imported = panel.getByTestId('imported');
    while ((await imported.count()) === 0) {
      expect(performance.now() - started, 'the import ends in time').toBeLessThan(IMPORT_BOUND_MS);
      const value = await progressValue(panel);
      if (value === null) {
        await panel.waitForTimeout(50);
        continue;
      }
      values.push(value);
      if ((await progress.count()) > 0) checks.push(await inputToPaint(panel, 20 + (checks.length % 40)));
    }
    const importMs = performance.now() - started;
    const worst = Math.max(...checks.map((c) => c.inputToPaint));
    console.log(
      `200 MB HAR import in the panel: ${written.bytes} bytes, ${written.entries} entries, ${(importMs / 1000).toFixed(1)} s from choosing the file to the imported view; ` +
        `bar at ${values.join(', ')}%; ${checks.length} key-press checks, worst input-to-paint ${worst} ms (test round trips ${checks.map((c) => Math.round(c.roundTrip)).join(', ')} ms)`,
    );

    expect(new Set(values).size, 'the bar advances').toBeGreaterThanOrEqual(3);
    expect(values.every((v, i) => i === 0 || v >= values[i - 1]!), 'and never goes back').toBe(true);
    expect(checks.length, 'key presses while it read').toBeGreaterThanOrEqual(3);
    expect(worst).toBeLessThanOrEqual(INPUT_TO_PAINT_BOUND_MS);
    expect(await progress.count(), 'the bar is gone once imported').toBe(0);

    // The Connect calls among the thousands of other entries: the session, its calls and the payment's timeline.
    const card = imported.locator('[data-testid="imported-payment"]');
    await card.waitFor();
    const states = await card.locator('[data-testid="timeline-row"][data-kind="state"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status') ?? ''));
    expect(states.filter((s, i) => s !== states[i - 1])).toEqual(['WAITING', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED']);
    const session = imported.getByTestId('session');
    expect(await session.count()).toBe(1);
    expect(await session.getByTestId('session-toggle').textContent()).toContain(`${CONNECT_CALLS} calls`);
    await page.close();
  }, 120_000);

  it('stops reading on Cancel and says so, keeping what was there', async () => {
    const context = browser!.context;
    const page = await context.newPage();
    await page.goto('about:blank');
    const { panel } = await openConnectPanel(context, page, browser!.extensionId);
    await panel.getByTestId('import-file').setInputFiles(FILE);
    const progress = panel.getByTestId('import-progress');
    await progress.waitFor({ timeout: 10_000 });
    await panel.getByTestId('import-cancel').click();
    await progress.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await panel.getByTestId('notice').textContent()).toBe('The import of busy-checkout.har was cancelled.');
    expect(await panel.getByTestId('imported').count()).toBe(0);
    await page.close();
  }, 60_000);
});

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Frame, type Page } from 'playwright-core';
import { openConnectPanel } from '../../scripts/browser/devtools-panel.ts';
import { useDemoSuite } from './harness/demo-suite.ts';
import { findChromium } from '../../scripts/browser/find-chromium.ts';
import { payOnPage, startPolling, stateRows, waitForState } from '../../scripts/browser/panel-polling.ts';
import { waitFor } from '../../scripts/browser/wait-for.ts';

const OUT = path.resolve('.tmp/timeline-files');
const suite = useDemoSuite();

beforeAll(() => void mkdirSync(OUT, { recursive: true }));

async function importFile(panel: Frame, file: string) {
  await panel.getByTestId('import-file').setInputFiles(file);
}

async function importedRows(panel: Frame, paymentId: string): Promise<string[]> {
  const card = panel.locator(`[data-testid="imported-payment"][data-payment-id="${paymentId}"]`);
  await card.waitFor();
  return card.locator('[data-testid="timeline-row"][data-kind="state"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status') ?? ''));
}

describe('timeline files', () => {
  it('exports a timeline with the session id redacted, and imports it back to the same rows, read-only', async () => {
    const page = await suite.browser.context.newPage();
    await page.goto(`${suite.servers.merchant.url}/?pollMs=600000`);
    await page.locator('#checkout[data-status="ready"]').waitFor();
    const { devtools, panel } = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);
    const paymentId = await payOnPage(page, 863);
    const session = suite.servers.simulator.control.listSessions()[0]!;
    const poll = await startPolling(panel, session.customerId, paymentId);
    await waitForState(poll, 'WAITING');
    for (const [step, status] of [['scan', 'INITIALIZED'], ['authenticate', 'AUTHORIZED'], ['confirm', 'COMPLETED']] as const) {
      expect(suite.servers.simulator.control.step(paymentId, step).ok).toBe(true);
      await waitForState(poll, status);
    }
    await waitFor(async () => (await poll.getAttribute('data-phase')) === 'stopped', { what: 'the stop at COMPLETED' });
    const live = await stateRows(poll);

    const [download] = await Promise.all([devtools.waitForEvent('download'), poll.getByTestId('poll-export').dispatchEvent('click')]);
    const file = path.join(OUT, download.suggestedFilename());
    await download.saveAs(file);
    const text = readFileSync(file, 'utf8');
    expect(download.suggestedFilename()).toBe(`connect-timeline-${paymentId}.json`);
    expect(text).not.toContain(session.clientSessionId);
    expect(JSON.parse(text)).toMatchObject({ format: 'connect-devtools-timeline', version: 1, redacted: true });

    await importFile(panel, file);
    expect(await importedRows(panel, paymentId)).toEqual(live);
    // Read-only: an imported timeline offers no polling, no steps and no faults.
    const imported = panel.getByTestId('imported');
    expect(await imported.getByTestId('poll-button').count()).toBe(0);
    expect(await imported.getByTestId('demo-controls').count()).toBe(0);
    await page.close();
  });

  it('rebuilds the sessions, payments and timeline from a HAR saved from a real run', async () => {
    // A shopper's browser, without the extension, records the whole flow as a HAR with contents.
    const harFile = path.join(OUT, 'checkout.har');
    const shopper = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    let paymentId = '';
    try {
      const context = await shopper.newContext({ recordHar: { path: harFile, content: 'embed' } });
      const page: Page = await context.newPage();
      await page.goto(`${suite.servers.merchant.url}/?pollMs=300`);
      await page.locator('#checkout[data-status="ready"]').waitFor();
      paymentId = await payOnPage(page, 3012);
      for (const [step, status] of [['scan', 'INITIALIZED'], ['authenticate', 'AUTHORIZED'], ['confirm', 'COMPLETED']] as const) {
        expect(suite.servers.simulator.control.step(paymentId, step).ok).toBe(true);
        await page.locator(`#checkout[data-third-party-status="${status}"]`).waitFor();
      }
      await context.close();
    } finally {
      await shopper.close();
    }

    const page = await suite.browser.context.newPage();
    await page.goto('about:blank');
    const { panel } = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);
    await importFile(panel, harFile);
    expect(await importedRows(panel, paymentId)).toEqual(['WAITING', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED']);
    const imported = panel.getByTestId('imported');
    const sessionCard = imported.getByTestId('session');
    await sessionCard.waitFor();
    expect(await sessionCard.getByTestId('session-sdk').textContent()).toContain('JavaScriptClientSDK v6.0.6');
    await sessionCard.getByTestId('session-toggle').click();
    expect(await imported.locator(`[data-testid="payment"][data-payment-id="${paymentId}"]`).count()).toBe(1);
    await page.close();
  });

  it.each([
    ['not JSON', 'garbage.json', 'this is not json'],
    ['another JSON document', 'other.json', '{"hello":"world"}'],
    ['a timeline from a newer version', 'newer.json', '{"format":"connect-devtools-timeline","version":99,"payments":[]}'],
    ['a HAR without Connect traffic', 'empty.har', '{"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[]}}'],
  ])('rejects %s with a clear message and keeps what was there', async (_label, name, content) => {
    const file = path.join(OUT, name);
    writeFileSync(file, content);
    const page = await suite.browser.context.newPage();
    await page.goto('about:blank');
    const { panel } = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);
    await importFile(panel, file);
    const notice = panel.getByTestId('notice');
    await notice.waitFor();
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await notice.textContent()).toMatch(new RegExp(`^${name.replace('.', '\\.')} was not imported: .{10,}`));
    expect(await panel.getByTestId('imported').count()).toBe(0);
    await page.close();
  });
});

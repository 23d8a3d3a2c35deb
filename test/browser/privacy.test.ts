import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { openConnectPanel } from '../../scripts/browser/devtools-panel.ts';
import { payOnPage, pressDemoStep, startPolling, waitForState } from '../../scripts/browser/panel-polling.ts';
import { waitFor } from '../../scripts/browser/wait-for.ts';
import { useDemoSuite } from './harness/demo-suite.ts';
import { captureExtension, type CapturedRequest, type Part } from './harness/extension-capture.ts';
import { installTabMessageCounter, storedPageSessions, workerNow } from './harness/worker-probe.ts';
import { createWorkerCycler } from './harness/worker-cycles.ts';

const OUT = path.resolve('.tmp/privacy');
const suite = useDemoSuite();

beforeAll(() => void mkdirSync(OUT, { recursive: true }));

/** The page creates a session as a checkout does: its server makes one, the SDK's Session takes it. */
const createSession = (frame: Frame) =>
  frame.evaluate(async () => {
    const response = await fetch('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    const details = (await response.json()) as { clientSessionId: string };
    new (window as unknown as { connectsdk: { Session: new (d: unknown) => unknown } }).connectsdk.Session(details);
    return details.clientSessionId;
  });

describe('privacy: nothing leaves a page nobody inspects', () => {
  it('hands sessions over only while DevTools is open for the tab, and those made while it was closed only on reopening', async () => {
    const { context, extensionId } = suite.browser;
    const page = await context.newPage();
    await page.goto(`${suite.servers.merchant.url}/framed.html`);
    await page.locator('#framed[data-status="frame-loaded"]').waitFor();
    // A cross-origin frame (localhost under 127.0.0.1) running the real v6 SDK; the top frame gets a small global of its own.
    const frame = await waitFor(() => page.frames().find((f) => f !== page.mainFrame() && f.url().includes('localhost')), { what: 'the payment frame' });
    await frame.locator('#checkout[data-status="ready"]').waitFor();
    const framed = suite.servers.simulator.control.listSessions()[0]!.clientSessionId;
    await page.evaluate(() => {
      (window as unknown as { connectsdk: unknown }).connectsdk = {
        Session: function Session(this: Record<string, unknown>, details: Record<string, unknown>) {
          this['clientApiUrl'] = details['clientApiUrl'];
        },
      };
    });
    const worker = await suite.browser.serviceWorker();
    const tabMessages = await installTabMessageCounter(worker);
    const stored = async () => new Map((await storedPageSessions(worker)).map((s) => [s.clientSessionId, s]));
    expect(await stored()).toEqual(new Map());

    // Open: what the frames remember is read, then each new session, with no Client API call to reveal it.
    const first = await openConnectPanel(context, page, extensionId);
    await waitFor(async () => (await stored()).has(framed), { what: 'the frame session read on opening' });
    const openTop = await createSession(page.mainFrame());
    const openFrame = await createSession(frame);
    await waitFor(async () => {
      const ids = await stored();
      return ids.has(openTop) && ids.has(openFrame);
    }, { what: 'the sessions made while DevTools is open' });

    // Closed: nothing reads the page; sessions made now stay in it.
    await first.devtools.close();
    const closedAt = await workerNow(worker);
    const closedTop = await createSession(page.mainFrame());
    const closedFrame = await createSession(frame);

    // Reopened: they are read, and stamped on arrival, after the reopening: none arrived while closed.
    const reopenedAt = await workerNow(worker);
    const second = await openConnectPanel(context, page, extensionId);
    await waitFor(async () => {
      const ids = await stored();
      return ids.has(closedTop) && ids.has(closedFrame);
    }, { what: 'the sessions made while DevTools was closed, read on reopening' });
    const all = await stored();
    for (const id of [framed, openTop, openFrame]) expect(all.get(id)!.at).toBeLessThanOrEqual(closedAt);
    for (const id of [closedTop, closedFrame]) expect(all.get(id)!.at).toBeGreaterThanOrEqual(reopenedAt);
    // Each where it was made: the top frame, or the cross-origin frame by its address.
    for (const id of [openTop, closedTop]) expect(all.get(id)!.frameId).toBe(0);
    for (const id of [framed, openFrame, closedFrame]) {
      expect(all.get(id)!.frameId).toBeGreaterThan(0);
      expect(all.get(id)!.frameUrl).toBe(frame.url());
    }
    // No content script talks to the worker: the only way out of a page is DevTools reading it.
    expect(await tabMessages.read()).toBe(0);
    console.info(`arrivals after reopening: ${[closedTop, closedFrame].map((id) => all.get(id)!.at - reopenedAt).join(', ')} ms`);
    const cards = second.panel.locator('[data-testid="session"]');
    await waitFor(async () => (await cards.count()) === 5, { what: 'the five sessions in the reopened panel' });

    // A worker restart drops the ports with DevTools still open: they reconnect, the devtools page hands
    // everything over again, and a session made afterwards reaches the panel of the new worker.
    const cycler = await createWorkerCycler(context, page);
    await cycler.stopAndAwaitRestart();
    await cycler.close();
    await createSession(page.mainFrame());
    const restartCustomer = suite.servers.simulator.control.listSessions()[0]!.customerId;
    await second.panel.locator(`[data-testid="session"][data-customer-id="${restartCustomer}"]`).waitFor();
    await page.close();
  });
});

/** What a copy put on the clipboard: the panel's copy falls back to a selection in DevTools frames. */
async function watchCopies(panel: Frame): Promise<() => Promise<string[]>> {
  await panel.evaluate(() => {
    const copies: string[] = [];
    (window as unknown as { __copies: string[] }).__copies = copies;
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    // Reads what the copy function hands to either route; both still run as in production.
    navigator.clipboard.writeText = (text: string) => {
      copies.push(text);
      return write(text);
    };
    document.addEventListener('copy', () => {
      const active = document.activeElement;
      if (active instanceof HTMLTextAreaElement && copies.at(-1) !== active.value) copies.push(active.value);
    }, true);
  });
  return () => panel.evaluate(() => [...(window as unknown as { __copies: string[] }).__copies]);
}

const containsSecret = (request: CapturedRequest, secret: string) =>
  [request.url, ...Object.values(request.headers), request.body].some((text) => text.includes(secret));

describe('privacy: the session id goes only to its own Client API, and is kept only while the tab lives', () => {
  it('captures every request and console line of every part through a full demo run', async () => {
    const { context, extensionId } = suite.browser;
    const capture = await captureExtension(context, extensionId);
    // Playwright's own view, as a cross-check: it sees the requests of extension frames inside DevTools too.
    const seenByPlaywright: string[] = [];
    const onRequest = (request: import('playwright-core').Request) => {
      // A worker's request has no frame, and a navigation's frame may be gone: Playwright throws for both.
      let from = request.serviceWorker()?.url() ?? '';
      try {
        from ||= request.frame().url();
      } catch {
        // Neither: not one of the extension's.
      }
      if (from.startsWith(`chrome-extension://${extensionId}/`) && /^https?:/.test(request.url())) seenByPlaywright.push(request.url());
    };
    context.on('request', onRequest);
    const page: Page = await context.newPage();
    await page.goto(`${suite.servers.merchant.url}/?pollMs=600000`);
    await page.locator('#checkout[data-status="ready"]').waitFor();
    const { devtools, panel } = await openConnectPanel(context, page, extensionId);
    const paymentId = await payOnPage(page, 3012);
    const session = suite.servers.simulator.control.listSessions()[0]!;
    const secret = session.clientSessionId;
    const apiOrigin = new URL(suite.servers.simulator.url).origin;

    // Detection, then polling through the customer's steps pressed on the panel's demo controls.
    const poll = await startPolling(panel, session.customerId, paymentId);
    await waitForState(poll, 'WAITING');
    for (const [step, status] of [['scan', 'INITIALIZED'], ['authenticate', 'AUTHORIZED'], ['confirm', 'COMPLETED']] as const) {
      await pressDemoStep(poll, step);
      await waitForState(poll, status);
    }

    // Export: redacted, then in clear for one export only, then redacted again.
    const exportOnce = async () => {
      const [download] = await Promise.all([devtools.waitForEvent('download'), poll.getByTestId('poll-export').dispatchEvent('click')]);
      const file = path.join(OUT, `${Date.now()}-${download.suggestedFilename()}`);
      await download.saveAs(file);
      return { file, text: readFileSync(file, 'utf8') };
    };
    const redacted = await exportOnce();
    expect(redacted.text).not.toContain(secret);
    const unredactedBox = panel.getByTestId('export-unredacted');
    await unredactedBox.check();
    const inClear = await exportOnce();
    expect(inClear.text).toContain(secret);
    expect(await unredactedBox.isChecked()).toBe(false);
    expect((await exportOnce()).text).not.toContain(secret);

    // Copy as cURL / fetch: masked, in clear for one copy only, then masked again.
    const copies = await watchCopies(panel);
    await poll.locator('[data-testid="timeline-row"][data-kind="state"]').first().getByRole('button', { name: 'Raw' }).dispatchEvent('click');
    const raw = poll.getByTestId('raw-record').first();
    await raw.getByTestId('copy-curl').dispatchEvent('click');
    const revealBox = poll.getByTestId('reveal-session-id');
    await revealBox.check();
    await raw.getByTestId('copy-curl').dispatchEvent('click');
    await waitFor(async () => (await copies()).length === 2, { what: 'two copies' });
    expect(await revealBox.isChecked()).toBe(false);
    await raw.getByTestId('copy-fetch').dispatchEvent('click');
    await waitFor(async () => (await copies()).length === 3, { what: 'three copies' });
    const [maskedCurl, clearCurl, maskedFetch] = await copies();
    expect(maskedCurl).toContain('curl ');
    expect(maskedCurl).not.toContain(secret);
    expect(clearCurl).toContain(`GCS v1Client:${secret}`);
    expect(maskedFetch).toContain('fetch(');
    expect(maskedFetch).not.toContain(secret);

    // Import the redacted file back, read-only.
    await panel.getByTestId('import-file').setInputFiles(redacted.file);
    await panel.locator(`[data-testid="imported-payment"][data-payment-id="${paymentId}"]`).waitFor();

    // Each extension context's console is heard (a line of the test's own), and none holds the id.
    const extensionParts: Part[] = ['service worker', 'devtools page', 'panel'];
    for (const part of extensionParts) expect(await capture.evaluateIn(part, `console.log('privacy-probe')`)).toBeGreaterThan(0);
    await waitFor(() => extensionParts.every((part) => capture.console.some((l) => l.part === part && l.text.includes('privacy-probe'))), {
      what: 'the probe line in every extension console',
    });
    expect(capture.console.filter((l) => l.text.includes(secret))).toEqual([]);

    // Storage: never local or sync; session storage while the tab lives.
    const worker = await suite.browser.serviceWorker();
    const stored = () =>
      worker.evaluate(async () => ({
        local: JSON.stringify(await chrome.storage.local.get(null)),
        sync: JSON.stringify(await chrome.storage.sync.get(null)),
        session: JSON.stringify(await chrome.storage.session.get(null)),
      }));
    const live = await stored();
    expect(live.local).not.toContain(secret);
    expect(live.sync).not.toContain(secret);
    expect(live.session).toContain(secret);

    // Requests: every part was captured, the panel's polls are among them, and the id went only to the Client API.
    const byPart = (part: Part) => capture.requests.filter((r) => r.part === part);
    const fromContentScripts = byPart('inspected page').filter((r) => r.initiatorUrls.some((u) => u.startsWith(`chrome-extension://${extensionId}/`)));
    const fromExtension = [...extensionParts.flatMap(byPart), ...fromContentScripts];
    expect([...capture.parts].sort()).toEqual(['devtools page', 'inspected page', 'panel', 'service worker']);
    const polls = byPart('panel').filter((r) => r.url.startsWith(`${apiOrigin}/client/v1/`) && r.url.endsWith('/thirdpartystatus'));
    expect(polls.length).toBeGreaterThanOrEqual(4);
    for (const request of polls) expect(request.headers['Authorization'] ?? request.headers['authorization']).toBe(`GCS v1Client:${secret}`);
    // An export's blob: URL is the file being saved, not a request leaving the browser.
    const leaving = fromExtension.filter((r) => !r.url.startsWith('blob:') && !r.url.startsWith('data:'));
    const elsewhere = leaving.filter((r) => containsSecret(r, secret) && new URL(r.url).origin !== apiOrigin);
    expect(elsewhere.map((r) => `${r.part}: ${r.method} ${r.url}`)).toEqual([]);
    expect(fromContentScripts).toEqual([]);
    context.off('request', onRequest);
    expect(seenByPlaywright.length).toBeGreaterThan(0);
    for (const url of seenByPlaywright) expect(fromExtension.map((r) => r.url)).toContain(url);
    console.info(
      `captured requests: ${extensionParts.map((p) => `${p} ${byPart(p).length}`).join(', ')}, content scripts ${fromContentScripts.length} ` +
        `(of ${byPart('inspected page').length} on the inspected page); Playwright saw ${seenByPlaywright.length} of the extension frames'; with the session id: ${leaving.filter((r) => containsSecret(r, secret)).length}, all to ${apiOrigin}`,
    );

    // The tab closes: its session storage goes with it, and nothing moved to local or sync.
    await page.close();
    await waitFor(async () => !(await stored()).session.includes(secret), { what: 'storage.session to drop the closed tab' });
    const after = await stored();
    expect(after.local).not.toContain(secret);
    expect(after.sync).not.toContain(secret);
    expect(capture.console.filter((l) => l.text.includes(secret))).toEqual([]);
    await capture.stop();
  });
});

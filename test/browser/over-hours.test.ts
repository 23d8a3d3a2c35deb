import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { openConnectPanel } from '../../scripts/browser/devtools-panel.ts';
import { payOnPage, pressDemoStep, startPolling, stateRows, waitForState } from '../../scripts/browser/panel-polling.ts';
import { waitFor } from '../../scripts/browser/wait-for.ts';
import { MAX_CALLS_PER_TAB } from '../../src/core/detect/observation-log.ts';
import { useDemoSuite } from './harness/demo-suite.ts';
import { startDemoServers, type DemoServers } from './harness/demo-servers.ts';
import { startPageServer } from './harness/page-server.ts';
import { createWorkerCycler } from './harness/worker-cycles.ts';
import { watchWorkerErrors } from './harness/worker-errors.ts';

// Issue 8, "correct over hours": what hours of DevTools use do to the extension, compressed into minutes.

const suite = useDemoSuite();

type Poll = ReturnType<Frame['locator']>;
type ClientSession = { clientApiUrl: string; customerId: string; clientSessionId: string };

const sessionCard = (panel: Frame, customerId: string) => panel.locator(`[data-testid="session"][data-customer-id="${customerId}"]`);

/** The calls count on a session card ("7 calls") and its payments count ("1 payment"). */
async function sessionCounts(panel: Frame, customerId: string): Promise<{ calls: number; payments: number }> {
  const card = sessionCard(panel, customerId);
  const text = (await card.getByTestId('session-toggle').textContent()) ?? '';
  const match = /(\d+) calls?/.exec(text);
  if (!match) throw new Error(`Unexpected session toggle text: ${text}`);
  const payments = Number(await card.getByTestId('session-payment-count').getAttribute('data-count'));
  return { calls: Number(match[1]), payments };
}

/** The demo checkout, ready; it polls once per payment, then waits ten minutes, so later status requests are the panel's. */
async function openCheckout(servers: DemoServers): Promise<{ page: Page; customerId: string }> {
  const page = await suite.browser.context.newPage();
  await page.goto(`${servers.merchant.url}/?pollMs=600000`);
  await page.locator('#checkout[data-status="ready"]').waitFor();
  return { page, customerId: servers.simulator.control.listSessions()[0]!.customerId };
}

/**
 * The page calls the Client API once with its own session, as its SDK would, and reads the answer:
 * Chromium reports a request to DevTools extensions only once its body has been read.
 */
function callProducts(page: Page, session: ClientSession): Promise<number> {
  return page.evaluate(async ({ clientApiUrl, customerId, clientSessionId }) => {
    const response = await fetch(`${clientApiUrl}/v1/${customerId}/products?countryCode=BE&currencyCode=EUR&amount=1000&locale=en_GB&isRecurring=false`, {
      headers: { Authorization: `GCS v1Client:${clientSessionId}` },
    });
    await response.text();
    return response.status;
  }, session);
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Back to back: each stop comes as soon as the worker runs again, the hardest case for the ports' retries. */
const WORKER_STOPS = 100;

// A page calling the Client API 50 times a second for two minutes: 6,000 calls, three times what a tab keeps.
const CALLS_PER_SECOND = 50;
const LOAD_MS = 120_000;
const UI_CHECK_EVERY_MS = 10_000;
const STORAGE_SAMPLE_EVERY_MS = 2_000;
/**
 * `storage.session` for the whole extension, as `getBytesInUse` counts it (the values as Chrome holds
 * them, about 2.3 times their JSON length), while one tab takes that load. The tab's log keeps at most
 * 2,000 calls (4,000 observations); with this page's calls (about 600 bytes of JSON each) a full log
 * measured 2.54 to 2.79 million bytes, level from the first trim to the end of the run. 4 MiB leaves
 * 50 % for wider calls. A log that kept every call would cross it after about 3,000 calls, a minute
 * into the run, and reach about 8.3 million bytes by its end (the quota of `storage.session` is 10 MB).
 */
const STORAGE_SESSION_BOUND_BYTES = 4 * 1024 * 1024;

// The load page: creates its session through the demo merchant (so through the simulator), then calls
// the Client API at a steady rate, catching up if a timer fires late, and counts the answers.
const LOAD_PAGE = `<!doctype html><title>busy checkout</title><body data-status="loading"><script>
  const meta = btoa(JSON.stringify({ sdkIdentifier: 'JavaScriptClientSDK/v6.0.6', sdkCreator: 'Worldline Global Collect' }));
  const stats = { sent: 0, ok: 0, failed: 0, open: 0, maxBurst: 0 };
  window.loadStats = () => ({ ...stats });
  window.session = fetch('/api/session', { method: 'POST' }).then((r) => r.json()).then((s) => {
    document.body.dataset.status = 'ready';
    return s;
  });
  window.startLoad = async (perSecond, durationMs) => {
    const s = await window.session;
    const url = s.clientApiUrl + '/v1/' + s.customerId + '/products?countryCode=BE&currencyCode=EUR&amount=1000&locale=en_GB&isRecurring=false&hide=fields';
    const headers = { Authorization: 'GCS v1Client:' + s.clientSessionId, 'X-GCS-ClientMetaInfo': meta };
    const total = Math.round((perSecond * durationMs) / 1000);
    const started = performance.now();
    const call = () => {
      stats.sent += 1;
      stats.open += 1;
      fetch(url, { headers })
        .then(async (r) => { await r.text(); if (r.status === 200) stats.ok += 1; else stats.failed += 1; })
        .catch(() => { stats.failed += 1; })
        .finally(() => { stats.open -= 1; });
    };
    await new Promise((resolve) => {
      const timer = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - started) * perSecond) / 1000));
        stats.maxBurst = Math.max(stats.maxBurst, due - stats.sent);
        while (stats.sent < due) call();
        if (stats.sent >= total) { clearInterval(timer); resolve(); }
      }, 1000 / perSecond);
    });
  };
</script></body>`;

/** A payment id of the merchant the simulator knows nothing about: the panel only has to list it. */
const typedPaymentId = (n: number) => `0000001234${String(990000000 + n).padStart(10, '0')}0000100001`;

const preserveLog = (panel: Frame) => panel.getByLabel('Preserve log');

/** What the extension holds as settings, and what each panel shows of them. */
async function settingsSeen(panels: Frame[], origin: string) {
  const worker = await suite.browser.serviceWorker();
  const stored = (await worker.evaluate(() => chrome.storage.local.get('settings')))['settings'] as
    | { preserveLog: boolean; approvedOrigins: string[] }
    | undefined;
  return {
    stored: { preserveLog: stored?.preserveLog ?? false, originApproved: stored?.approvedOrigins.includes(origin) ?? false },
    panels: await Promise.all(panels.map((panel) => preserveLog(panel).isChecked())),
  };
}

/**
 * Waits until a panel holds the origin's approval in the settings the worker sent it, as its settings dialog lists
 * them (a clicked toolbar checkbox shows its new state before the worker's answer, so it proves nothing of that).
 */
async function approvalSeen(panel: Frame, origin: string): Promise<void> {
  await panel.getByTestId('settings-button').dispatchEvent('click');
  await panel.locator(`[data-testid="approved-origin"][data-origin="${origin}"]`).waitFor({ timeout: 10_000 });
  await panel.getByTestId('settings-close').dispatchEvent('click');
  await panel.getByTestId('settings-dialog').waitFor({ state: 'detached' });
}

/** Clicks a payment's poll button; resolves to what came up: the approval prompt, or the poll itself. */
async function askToPoll(panel: Frame, customerId: string, paymentId: string): Promise<'prompt' | 'poll'> {
  const card = sessionCard(panel, customerId);
  await card.waitFor();
  const pollCard = panel.locator(`[data-testid="poll"][data-payment-id="${paymentId}"]`);
  const running = panel.locator(`[data-testid="poll"][data-payment-id="${paymentId}"][data-phase="running"]`);
  const approval = panel.getByTestId('approval');
  // A running poll is stopped first: a restart would leave its card as it was, so only a fresh start (or a prompt) counts.
  if ((await running.count()) > 0) {
    await pollCard.getByTestId('poll-stop').dispatchEvent('click');
    await running.waitFor({ state: 'detached' });
  }
  await card.locator(`[data-testid="payment"][data-payment-id="${paymentId}"]`).getByTestId('poll-button').dispatchEvent('click');
  await running.or(approval).first().waitFor();
  return (await approval.isVisible()) ? 'prompt' : 'poll';
}

describe('correct over hours', () => {
  it('still detects calls and polls a payment after 100 service-worker stops with DevTools open', async () => {
    const { page, customerId } = await openCheckout(suite.servers);
    const session = { ...suite.servers.simulator.control.listSessions()[0]!, clientApiUrl: suite.servers.simulator.clientApiUrl };
    const { panel } = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);
    await sessionCard(panel, customerId).waitFor();
    // The checkout's own calls came before DevTools opened: only the page hook knows this session so far.
    let expectedCalls = (await sessionCounts(panel, customerId)).calls;

    const cycler = await createWorkerCycler(suite.browser.context, page);
    const started = performance.now();
    for (let stop = 1; stop <= WORKER_STOPS; stop += 1) {
      // Nothing here starts the worker: the panel and the devtools page reconnect by themselves and wake it.
      await cycler.stopAndAwaitRestart();
      // The page goes on using its session between stops; the panel must show each call.
      expect(await callProducts(page, session)).toBe(200);
      expectedCalls += 1;
      await waitFor(async () => (await sessionCounts(panel, customerId)).calls >= expectedCalls, {
        what: `the page's call after service-worker stop ${stop} in the panel`,
      });
    }
    console.log(`${WORKER_STOPS} service-worker stops, each followed by a call the panel showed, in ${Math.round(performance.now() - started)} ms`);
    await cycler.close();
    expect(cycler.stops).toBe(WORKER_STOPS);
    expect(cycler.restarts).toBe(WORKER_STOPS);

    // After the last stop: the payment's calls (product, public key, first status call) and the payment are detected…
    const before = await sessionCounts(panel, customerId);
    const paymentId = await payOnPage(page, 3012);
    await waitFor(async () => {
      const now = await sessionCounts(panel, customerId);
      return now.calls > before.calls && now.payments > before.payments;
    }, { what: 'the payment and its calls in the panel after the last stop' });

    // …and the payment is polled from the panel to COMPLETED.
    const poll = await startPolling(panel, customerId, paymentId);
    await waitForState(poll, 'WAITING');
    for (const [step, status] of [['scan', 'INITIALIZED'], ['authenticate', 'AUTHORIZED'], ['confirm', 'COMPLETED']] as const) {
      await pressDemoStep(poll, step);
      await waitForState(poll, status);
    }
    expect(await stateRows(poll)).toEqual(['WAITING', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED']);
    expect(await panel.getByTestId('connection').textContent()).toBe('Connected');
    await page.close();
  }, 240_000);

  it('stays responsive, bounded and error-free while a page calls the Client API 50 times a second for two minutes', async () => {
    const merchantUrl = suite.servers.merchant.url;
    const server = await startPageServer({
      '/': LOAD_PAGE,
      // The merchant's own session endpoint, on this page's origin.
      '/api/session': (_req, res) => {
        void fetch(`${merchantUrl}/api/session`, { method: 'POST' })
          .then(async (answer) => res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text()))
          .catch(() => res.writeHead(502).end());
      },
    });
    const page = await suite.browser.context.newPage();
    const watch = await watchWorkerErrors(suite.browser.context, suite.browser.extensionId);
    try {
      await page.goto(`${server.url}/`);
      await page.locator('body[data-status="ready"]').waitFor({ state: 'attached' });
      const customerId = suite.servers.simulator.control.listSessions()[0]!.customerId;
      const { panel } = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);
      await panel.locator('[data-testid="panel"][data-synced="true"]').waitFor();

      // The watch must see what the worker reports: one console error, made here on purpose, then nothing else.
      const marker = `over-hours watch check ${customerId}`;
      await (await suite.browser.serviceWorker()).evaluate((text) => console.error(text), marker);
      await waitFor(() => watch.problems.some((p) => p.text.includes(marker)), { what: "the worker's console error in the watch" });

      await page.bringToFront();
      const load = page.evaluate(([perSecond, ms]) => (window as unknown as { startLoad(a: number, b: number): Promise<void> }).startLoad(perSecond, ms), [
        CALLS_PER_SECOND,
        LOAD_MS,
      ] as const);
      const loadStarted = performance.now();
      let loadDone = false;
      void load.finally(() => (loadDone = true)).catch(() => undefined);
      await sessionCard(panel, customerId).waitFor();

      // storage.session, sampled from the worker all along.
      const bytes: number[] = [];
      const sampling = (async () => {
        while (!loadDone) {
          const worker = await suite.browser.serviceWorker();
          bytes.push(await worker.evaluate(() => chrome.storage.session.getBytesInUse(null)));
          await new Promise((resolve) => setTimeout(resolve, STORAGE_SAMPLE_EVERY_MS));
        }
      })();

      // Every 10 s: type a payment id into "Watch a payment by id" and submit; the effect is the
      // session card counting one more payment, after a round trip through the service worker.
      const latencies: number[] = [];
      const form = panel.getByTestId('typed-payment-form');
      for (let check = 1; ; check += 1) {
        const typedAt = performance.now();
        await form.locator('input[name="paymentId"]').fill(typedPaymentId(check));
        await form.locator('input[name="paymentId"]').press('Enter');
        await sessionCard(panel, customerId)
          .locator(`[data-testid="session-payment-count"][data-count="${check}"]`)
          .waitFor({ timeout: 20_000 });
        latencies.push(performance.now() - typedAt);
        if (loadDone) break;
        const next = loadStarted + check * UI_CHECK_EVERY_MS;
        while (!loadDone && performance.now() < next) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await load;
      await sampling;
      const worker = await suite.browser.serviceWorker();
      bytes.push(await worker.evaluate(() => chrome.storage.session.getBytesInUse(null)));
      await waitFor(async () => (await page.evaluate(() => (window as unknown as { loadStats(): { open: number } }).loadStats())).open === 0, {
        what: "the page's last calls to end",
        // A loaded machine queues the page's calls behind the browser's six connections per host.
        timeout: 60_000,
      });
      const stats = await page.evaluate(() => (window as unknown as { loadStats(): Record<string, number> }).loadStats());
      const shown = await sessionCounts(panel, customerId);

      console.log(
        `load: ${JSON.stringify(stats)} in ${Math.round(performance.now() - loadStarted)} ms; the panel shows ${shown.calls} calls; ` +
          `storage.session bytes: max ${Math.max(...bytes)}, last ${bytes.at(-1)}, ${bytes.length} samples; ` +
          `input-to-effect over ${latencies.length} checks: median ${Math.round(median(latencies))} ms, max ${Math.round(Math.max(...latencies))} ms; ` +
          `worker targets watched: ${watch.attached}`,
      );
      // The simulator kept up, so what follows measures the extension.
      expect(stats).toMatchObject({ sent: (CALLS_PER_SECOND * LOAD_MS) / 1000, ok: (CALLS_PER_SECOND * LOAD_MS) / 1000, failed: 0 });
      expect(latencies.length).toBeGreaterThanOrEqual(LOAD_MS / UI_CHECK_EVERY_MS);
      expect(Math.max(...bytes)).toBeLessThan(STORAGE_SESSION_BOUND_BYTES);
      // The panel keeps the same bound as the store, so hours of calls do not slow it down.
      expect(shown.calls).toBeLessThanOrEqual(MAX_CALLS_PER_TAB);
      expect(watch.problems.filter((p) => !p.text.includes(marker))).toEqual([]);
      expect(await panel.getByTestId('connection').textContent()).toBe('Connected');
    } finally {
      await watch.stop();
      await page.close();
      await server.close();
    }
  }, 240_000);

  it('keeps both settings when two DevTools windows change them at once', async () => {
    const origins = await Promise.all([1, 2, 3].map(() => startDemoServers()));
    const tabs = [await suite.browser.context.newPage(), await suite.browser.context.newPage()];
    try {
      const panels: Frame[] = [];
      for (const tab of tabs) panels.push((await openConnectPanel(suite.browser.context, tab, suite.browser.extensionId)).panel);
      const [panel1, panel2] = panels as [Frame, Frame];
      await Promise.all(panels.map((panel) => panel.locator('[data-testid="panel"][data-synced="true"]').waitFor()));

      for (const [index, servers] of origins.entries()) {
        const round = index + 1;
        const origin = new URL(servers.simulator.url).origin;
        const wanted = round % 2 === 1; // tick, untick, tick
        // Both tabs open this round's checkout (a new Client API origin) and pay there.
        const payments: { customerId: string; paymentId: string }[] = [];
        for (const tab of tabs) {
          await tab.goto(`${servers.merchant.url}/?pollMs=600000`);
          await tab.locator('#checkout[data-status="ready"]').waitFor();
          const customerId = servers.simulator.control.listSessions()[0]!.customerId;
          payments.push({ customerId, paymentId: await payOnPage(tab, 3012) });
        }
        const [pay1, pay2] = payments as [(typeof payments)[0], (typeof payments)[0]];
        for (const [i, panel] of panels.entries()) {
          const { customerId } = payments[i]!;
          await waitFor(async () => (await sessionCard(panel, customerId).count()) > 0 && (await sessionCounts(panel, customerId)).payments > 0, {
            what: `round ${round}: the payment in panel ${i + 1}`,
          });
        }
        expect(await preserveLog(panel1).isChecked()).toBe(!wanted);
        expect(await askToPoll(panel2, pay2.customerId, pay2.paymentId)).toBe('prompt');

        // The race: panel 1 toggles Preserve log while panel 2 approves the origin.
        await Promise.all([preserveLog(panel1).dispatchEvent('click'), panel2.getByTestId('approve').dispatchEvent('click')]);

        const expected = { stored: { preserveLog: wanted, originApproved: true }, panels: [wanted, wanted] };
        await waitFor(async () => JSON.stringify(await settingsSeen(panels, origin)) === JSON.stringify(expected), {
          what: `round ${round}: both changes kept`,
          timeout: 5_000,
        }).catch(() => undefined);
        expect(await settingsSeen(panels, origin), `round ${round}: both settings changes are kept`).toEqual(expected);
        // The origin is approved in both panels: a poll on it starts with no prompt, in each.
        for (const panel of panels) await approvalSeen(panel, origin);
        expect({ panel1: await askToPoll(panel1, pay1.customerId, pay1.paymentId), panel2: await askToPoll(panel2, pay2.customerId, pay2.paymentId) }).toEqual({
          panel1: 'poll',
          panel2: 'poll',
        });
      }
    } finally {
      for (const tab of tabs) await tab.close();
      for (const servers of origins) await servers.close();
    }
  }, 120_000);

  it('shows a poll again when DevTools closes and reopens, and resumes the same history', async () => {
    const { page, customerId } = await openCheckout(suite.servers);
    const first = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);
    const paymentId = await payOnPage(page, 3012);
    const poll = await startPolling(first.panel, customerId, paymentId);
    await waitForState(poll, 'WAITING');

    // DevTools closes; meanwhile the customer scans, with nobody watching.
    await first.devtools.close();
    const scan = await fetch(`${suite.servers.simulator.url}/control/payments/${paymentId}/scan`, { method: 'POST' });
    expect(scan.status).toBe(200);

    const { panel } = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);
    const again: Poll = panel.locator(`[data-testid="poll"][data-payment-id="${paymentId}"]`);
    await again.waitFor({ timeout: 15_000 }).catch(() => {
      throw new Error(`The reopened panel shows no poll card for ${paymentId}: the poll DevTools closed on was not kept.`);
    });
    expect(await again.getAttribute('data-stop-reason')).toBe('closed');
    expect(await again.getByTestId('poll-state').textContent()).toContain('DevTools closed');
    expect(await stateRows(again)).toEqual(['WAITING']);

    await again.getByTestId('poll-resume').dispatchEvent('click');
    await waitForState(again, 'INITIALIZED');
    for (const [step, status] of [['authenticate', 'AUTHORIZED'], ['confirm', 'COMPLETED']] as const) {
      await pressDemoStep(again, step);
      await waitForState(again, status);
    }
    expect(await stateRows(again)).toEqual(['WAITING', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED']);
    await page.close();
  });
});

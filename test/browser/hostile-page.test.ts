import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { openConnectPanel } from '../../scripts/browser/devtools-panel.ts';
import { pressDemoStep, startPolling, stateRows, waitForState } from '../../scripts/browser/panel-polling.ts';
import { showSessionDetails } from '../../scripts/browser/session-details.ts';
import { waitFor } from '../../scripts/browser/wait-for.ts';
import { MAX_CALLS_PER_TAB } from '../../src/core/detect/observation-log.ts';
import { MAX_SHOWN_SESSIONS } from '../../src/panel/state/shown-sessions.ts';
import { useDemoSuite } from './harness/demo-suite.ts';
import { HOSTILE_MARKUP, hostilePage, panelHeapBytes, type HostileStats } from './harness/hostile-page.ts';
import { inputToPaint, observeInputTiming } from './harness/input-timing.ts';
import { startPageServer } from './harness/page-server.ts';
import { watchWorkerErrors } from './harness/worker-errors.ts';

// Issue 10, "Hostile and broken input": a page that attacks the extension with everything it controls,
// while DevTools is open on the Connect panel, and a real checkout in a frame of the same tab.

const suite = useDemoSuite();

/** Sessions the page constructs with `new connectsdk.Session(…)`; the hook remembers the first 50 of each frame. */
const SESSIONS_CREATED = 1_000;
/** The hook's own bound (src/extension/page/hook.ts): sessions remembered per frame. */
const HOOK_SESSIONS_PER_FRAME = 50;
/** Client API calls the page makes to the simulator, at a rate that ends them in under a minute. */
const CLIENT_API_CALLS = 10_000;
const CALLS_PER_SECOND = 200;
/** Every 10th call claims a session id of its own: 1,000 more sessions, seen on the network only (each refused). */
const FORGED_NETWORK_SESSIONS = CLIENT_API_CALLS / 10;
/** Forged window messages, attempts on the hook's reader and poisoned array methods, sent in rounds through the calls. */
const FORGED_ROUNDS = 5;
const FORGED_PER_ROUND = 1_000;

/**
 * Input-to-paint, as the browser measures it in the panel (Event Timing: from the key press to the
 * next paint after the panel handled it), worst over the key events of typing a payment id into
 * "Watch a payment by id" and pressing Enter. Event Timing reports nothing under 16 ms; such a check
 * counts as 16. Stated bounds for a loaded 2-core machine: a panel that froze under the page's flood
 * (its main thread busy for a second or more) fails them, scheduling noise does not. The time the
 * test's own round trip takes (typing through the DevTools Protocol, whose one connection also
 * carries the flood's events to the test) is printed, not bounded: it measures the test, not the panel.
 */
const INPUT_TO_PAINT_MEDIAN_BOUND_MS = 200;
const INPUT_TO_PAINT_MAX_BOUND_MS = 1_000;
const UI_CHECK_EVERY_MS = 5_000;
/**
 * The panel's JS heap (CDP `Runtime.getHeapUsage` on the panel's frame). The panel keeps the same
 * bounded log as the worker (2,000 calls, 4,000 observations) and renders one card per session;
 * measured on a 2-core machine: at most 51.7 MiB with 1,005 session cards (at most 29 MiB with a tenth
 * of the calls). 150 MiB is about three times that, and far
 * below what a panel that kept every forged message, every call or every oversized payload would hold
 * (the page sends hundreds of megabytes of them).
 */
const PANEL_HEAP_BOUND_BYTES = 150 * 1024 * 1024;
/**
 * `storage.session` for the whole extension (`getBytesInUse`), the worker's copy of this tab's
 * bounded log: at most 2,000 calls, with this page's long hostile values; measured at most 2.36 million
 * bytes. Its quota is 10 MB; a write that fails is caught and reported (`health`), so the bound is the
 * quota itself, minus a margin: a log that kept every call or every forged session would cross it.
 */
const STORAGE_SESSION_BOUND_BYTES = 9 * 1024 * 1024;

type Poll = ReturnType<Frame['locator']>;
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const sessionCard = (panel: Frame, customerId: string) => panel.locator(`[data-testid="session"][data-customer-id="${customerId}"]`);

/** Anything the page's strings could have made in an extension page: elements, handlers run, prototypes polluted. */
async function injected(frame: Frame | Page) {
  return frame.evaluate(() => {
    const w = window as unknown as { __pwned?: unknown };
    return {
      pwned: w.__pwned ?? null,
      markers: document.querySelectorAll('[data-hostile-marker], img[src="x"], svg[onload], iframe[srcdoc]').length,
      handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
      polluted: (({}) as { polluted?: unknown }).polluted ?? null,
      scripts: [...document.scripts].map((s) => s.src).filter((src) => !src.startsWith(location.origin)),
    };
  });
}

describe('a hostile page', () => {
  it('floods, forges and overloads, and the panel stays responsive, renders text only, stays bounded and still polls a real session', async () => {
    const merchant = new URL(suite.servers.merchant.url);
    const merchantUrl = merchant.href.replace(/\/$/, '');
    // The real checkout runs in a frame on the other loopback name: a different origin from the hostile page.
    const realCheckout = `http://localhost:${merchant.port}/?pollMs=600000`;
    const server = await startPageServer({
      '/': hostilePage(realCheckout),
      '/api/session': (_req, res) => {
        void fetch(`${merchantUrl}/api/session`, { method: 'POST' })
          .then(async (answer) => res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text()))
          .catch(() => res.writeHead(502).end());
      },
    });
    const page = await suite.browser.context.newPage();
    const watch = await watchWorkerErrors(suite.browser.context, suite.browser.extensionId);
    const testStarted = performance.now();
    try {
      await page.goto(`${server.url}/`);
      await page.locator('body[data-status="ready"]').waitFor({ state: 'attached' });
      const frame = page.frameLocator('#real');
      await frame.locator('#checkout[data-status="ready"]').waitFor();
      // The simulator holds two sessions: the hostile page's own, and the real checkout's.
      const own = await page.evaluate(() => (window as unknown as { session: Promise<{ customerId: string }> }).session.then((s) => s.customerId));
      const sessions = suite.servers.simulator.control.listSessions();
      expect(sessions).toHaveLength(2);
      const realCustomerId = sessions.find((s) => s.customerId !== own)!.customerId;

      // Sessions created before DevTools opened: the hook remembers them for the next collect.
      const created = await page.evaluate((n) => (window as unknown as { createSessions(n: number): number }).createSessions(n), SESSIONS_CREATED);
      expect(created).toBe(SESSIONS_CREATED);

      const { devtools, panel } = await openConnectPanel(suite.browser.context, page, suite.browser.extensionId);
      await panel.locator('[data-testid="panel"][data-synced="true"]').waitFor();
      await sessionCard(panel, realCustomerId).waitFor();

      const marker = `hostile-page watch check ${realCustomerId}`;
      await (await suite.browser.serviceWorker()).evaluate((text) => console.error(text), marker);
      await waitFor(() => watch.problems.some((p) => p.text.includes(marker)), { what: "the worker's console error in the watch" });

      // The flood: 10,000 Client API calls at 200 a second, and rounds of forged messages among them.
      await page.bringToFront();
      const load = page.evaluate(
        ([total, perSecond, rounds, perRound]) =>
          (window as unknown as { startLoad(a: number, b: number, c: number, d: number): Promise<void> }).startLoad(total, perSecond, rounds, perRound),
        [CLIENT_API_CALLS, CALLS_PER_SECOND, FORGED_ROUNDS, FORGED_PER_ROUND] as const,
      );
      const loadStarted = performance.now();
      let loadDone = false;
      void load.finally(() => (loadDone = true)).catch(() => undefined);

      const bytes: number[] = [];
      const heap: number[] = [];
      const sample = async () => {
        bytes.push(await (await suite.browser.serviceWorker()).evaluate(() => chrome.storage.session.getBytesInUse(null)));
        heap.push(await panelHeapBytes(suite.browser.context, panel));
      };
      const latencies: number[] = [];
      const roundTrips: number[] = [];
      const measure = async (length: number) => {
        const result = await inputToPaint(panel, length);
        latencies.push(result.inputToPaint);
        roundTrips.push(result.roundTrip);
      };
      await observeInputTiming(panel);
      for (let check = 1; ; check += 1) {
        await measure(20 + check);
        await sample();
        if (loadDone || latencies.at(-1)! > INPUT_TO_PAINT_MAX_BOUND_MS) break;
        const next = loadStarted + check * UI_CHECK_EVERY_MS;
        while (!loadDone && performance.now() < next) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const timings = () =>
        `input-to-paint over ${latencies.length} checks: median ${Math.round(median(latencies))} ms, max ${Math.round(Math.max(...latencies))} ms ` +
        `(${latencies.map(Math.round).join(', ')}); round trips ${roundTrips.map(Math.round).join(', ')} ms; panel heap: max ${(Math.max(...heap) / 2 ** 20).toFixed(1)} MiB; storage.session bytes: max ${Math.max(...bytes)}`;
      // Responsive through the flood: the stated bounds, checked as soon as they are known.
      expect(Math.max(...latencies), timings()).toBeLessThan(INPUT_TO_PAINT_MAX_BOUND_MS);
      await load;
      const loadMs = performance.now() - loadStarted;
      await waitFor(async () => (await page.evaluate(() => (window as unknown as { stats(): HostileStats }).stats())).open === 0, {
        what: "the page's last calls to end",
        timeout: 60_000,
      });
      const stats = await page.evaluate(() => (window as unknown as { stats(): HostileStats }).stats());
      // The last calls reach the panel; then once more with the panel holding all it will hold.
      const sessionCount = async () => Number(/^(\d+) client sessions?$/.exec((await panel.locator('#sessions-title').textContent()) ?? '')?.[1] ?? 0);
      await waitFor(async () => (await sessionCount()) > FORGED_NETWORK_SESSIONS / 2, {
        what: "the page's forged network sessions in the panel",
        timeout: 30_000,
      });
      await measure(20 + latencies.length + 1);
      await sample();
      const cards = await panel.getByTestId('session').count();
      const sessionsListed = await sessionCount();
      // Cards are drawn for the most recently active sessions only; the others are one filter away.
      expect(cards).toBeLessThanOrEqual(MAX_SHOWN_SESSIONS);
      expect(Number(await panel.getByTestId('sessions-shown').getAttribute('data-hidden'))).toBe(sessionsListed - cards);
      await panel.getByTestId('session-filter').fill(realCustomerId);
      await sessionCard(panel, realCustomerId).waitFor();

      // The real checkout in the frame is still detected, and its payment is polled to COMPLETED.
      await frame.locator('#checkout button[data-product-id="3012"]').click();
      await frame.locator('#checkout[data-status="polling"]').waitFor();
      const paymentId = (await frame.locator('#checkout').getAttribute('data-payment-id')) ?? '';
      const poll: Poll = await startPolling(panel, realCustomerId, paymentId);
      await waitForState(poll, 'WAITING', 30_000);
      for (const [step, status] of [['scan', 'INITIALIZED'], ['authenticate', 'AUTHORIZED'], ['confirm', 'COMPLETED']] as const) {
        await pressDemoStep(poll, step);
        await waitForState(poll, status, 30_000);
      }
      expect(await stateRows(poll)).toEqual(['WAITING', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED']);

      // The page's own sessions (from the hook, with markup in their values), found by filter; one of them in the
      // details pane, where its asset URL (markup) is shown.
      await panel.getByTestId('session-filter').fill('hostile-');
      const hostileCard = panel.locator('[data-testid="session"][data-customer-id^="hostile-"]').first();
      await hostileCard.waitFor();
      await showSessionDetails(panel, hostileCard);
      const text = (await panel.locator('body').textContent()) ?? '';
      const worker = await suite.browser.serviceWorker();
      const inWorker = await worker.evaluate(() => ({
        pwned: (self as unknown as { __pwned?: unknown }).__pwned ?? null,
        polluted: (({}) as { polluted?: unknown }).polluted ?? null,
      }));
      console.log(
        `hostile page: ${JSON.stringify(stats)}; calls took ${Math.round(loadMs)} ms; ${sessionsListed} sessions listed, ${cards} cards drawn; ` +
          `input-to-paint over ${latencies.length} checks: median ${Math.round(median(latencies))} ms, max ${Math.round(Math.max(...latencies))} ms ` +
          `(${latencies.map(Math.round).join(', ')}); the test's round trips: ${roundTrips.map(Math.round).join(', ')} ms; panel heap: max ${(Math.max(...heap) / 2 ** 20).toFixed(1)} MiB, last ${(heap.at(-1)! / 2 ** 20).toFixed(1)} MiB; ` +
          `storage.session bytes: max ${Math.max(...bytes)}, last ${bytes.at(-1)}, ${bytes.length} samples; ` +
          `worker targets watched: ${watch.attached}; whole test so far ${Math.round(performance.now() - testStarted)} ms`,
      );

      // The page did what it says.
      expect(stats).toMatchObject({ sessions: SESSIONS_CREATED, sent: CLIENT_API_CALLS, failed: 0, forged: FORGED_ROUNDS * FORGED_PER_ROUND });
      // Only the hook's 50 of the page's 1,000 constructed sessions, plus the network's, are ever shown.
      const hookSessions = await panel.locator('[data-testid="session"][data-customer-id^="hostile-"]').count();
      expect(hookSessions).toBeGreaterThan(0);
      expect(hookSessions).toBeLessThanOrEqual(HOOK_SESSIONS_PER_FRAME);
      // Responsive: the stated bounds.
      expect(latencies.length).toBeGreaterThanOrEqual(5);
      expect(median(latencies)).toBeLessThan(INPUT_TO_PAINT_MEDIAN_BOUND_MS);
      expect(Math.max(...latencies)).toBeLessThan(INPUT_TO_PAINT_MAX_BOUND_MS);
      // Bounded.
      expect(Math.max(...heap)).toBeLessThan(PANEL_HEAP_BOUND_BYTES);
      expect(Math.max(...bytes)).toBeLessThan(STORAGE_SESSION_BOUND_BYTES);
      const shownCalls = await panel.locator('[data-testid="session"]').evaluateAll((cards) =>
        cards.reduce((sum, card) => sum + Number(/(\d+) calls?/.exec(card.querySelector('[data-testid="session-toggle"]')?.textContent ?? '')?.[1] ?? 0), 0),
      );
      expect(shownCalls).toBeLessThanOrEqual(MAX_CALLS_PER_TAB);
      // Text only: the markup reached the panel, as text, and made nothing anywhere in the extension.
      expect(text).toContain(HOSTILE_MARKUP.img);
      expect(text).not.toContain('FORGED');
      expect(await injected(panel)).toEqual({ pwned: null, markers: 0, handlers: 0, polluted: null, scripts: [] });
      expect((await injected(devtools)).pwned).toBeNull();
      expect(inWorker).toEqual({ pwned: null, polluted: null });
      // Nothing uncaught in the service worker, and the panel still connected.
      expect(watch.problems.filter((p) => !p.text.includes(marker))).toEqual([]);
      expect(await panel.getByTestId('connection').textContent()).toBe('Connected');
    } finally {
      await watch.stop();
      await page.close();
      await server.close();
    }
  }, 480_000);
});

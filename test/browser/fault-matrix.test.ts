import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { FAULT_KINDS, type FaultKind } from '../../src/simulator/index.ts';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../scripts/browser/extension-browser.ts';
import { openConnectPanel, type OpenPanel } from '../../scripts/browser/devtools-panel.ts';
import { startDemoServers, type DemoServers } from './harness/demo-servers.ts';
import { startPolling, stateRows, waitForState } from '../../scripts/browser/panel-polling.ts';
import { waitFor } from '../../scripts/browser/wait-for.ts';
import { announcedWaits, watchPollStates, type PollStateWatch } from './harness/poll-watch.ts';
import { closeAndReopenDevtools } from './harness/devtools-reopen.ts';
import { stopServiceWorkers } from './harness/service-worker.ts';

// Issue 10, "faults over time": every fault kind once, as a burst of five and lasting 30 s, plus a
// service-worker stop, a page reload, DevTools closed and reopened and the simulator offline, each
// in the middle of a poll. Independent cases run at once, each on its own payment and poll card
// (docs/testing.md, "The fault matrix"): the whole file takes about as long as its slowest case.

type Poll = ReturnType<Frame['locator']>;
type Way = 'once' | 'burst' | 'lasting';
type Reaction = 'backoff' | 'retry-after' | 'continues' | 'stops';

const WAYS: Record<Way, { times?: number; forMs?: number }> = { once: { times: 1 }, burst: { times: 5 }, lasting: { forMs: 30_000 } };
const INTERVAL_MS = 1000;

/** How the panel must show each kind, and how the poller must react to it. */
type Kind = {
  kind: Exclude<FaultKind, 'expire-session'>;
  spec?: Record<string, unknown>;
  reaction: Exclude<Reaction, 'stops'>;
  /** The error row's outcome and a text it must contain; absent when the fault is no error. */
  error?: { outcome: string; text: string };
};

const KINDS: Kind[] = [
  // A slow answer is not an error: the polls go on at the interval, and their raw records show the time taken.
  { kind: 'latency', spec: { ms: 1500 }, reaction: 'continues' },
  { kind: 'http-500', reaction: 'backoff', error: { outcome: 'server-error', text: 'Server error 500' } },
  { kind: 'http-502', reaction: 'backoff', error: { outcome: 'server-error', text: 'Server error 502' } },
  { kind: 'http-503', reaction: 'backoff', error: { outcome: 'server-error', text: 'Server error 503' } },
  { kind: 'http-429', spec: { retryAfterSeconds: 2 }, reaction: 'retry-after', error: { outcome: 'rate-limited', text: 'retry after 2 s' } },
  { kind: 'malformed-json', reaction: 'backoff', error: { outcome: 'malformed', text: '' } },
  { kind: 'html-error', reaction: 'backoff', error: { outcome: 'server-error', text: 'HTML page' } },
  { kind: 'drop-connection', reaction: 'backoff', error: { outcome: 'network-error', text: '' } },
  { kind: 'hang', reaction: 'backoff', error: { outcome: 'timeout', text: '' } },
  { kind: 'unknown-status', spec: { value: 'PENDING_PHONE' }, reaction: 'continues' },
];

type Seen = { kind: string; way: Way; reaction: string; final: string; shown: string };
const results: Seen[] = [];

let browser: ExtensionBrowser;
const allServers: DemoServers[] = [];
let servers: DemoServers;
let page: Page;
let panel: Frame;
let customerId: string;
let watch: PollStateWatch;
/** Starting a poll is a few clicks on the shared panel: one case at a time. */
let starting: Promise<unknown> = Promise.resolve();
/** Opening a DevTools window is heavy on a 2-core machine: one window at a time. */
let opening: Promise<unknown> = Promise.resolve();

/** Runs `step` after every step queued before it on `queue` has ended (failed or not). */
function queued<T>(queue: 'starting' | 'opening', step: () => Promise<T>): Promise<T> {
  const run = (queue === 'starting' ? starting : opening).then(step);
  if (queue === 'starting') starting = run.catch(() => undefined);
  else opening = run.catch(() => undefined);
  return run;
}

async function newServers(): Promise<DemoServers> {
  const started = await startDemoServers();
  allServers.push(started);
  return started;
}

/** A checkout tab on its own servers, with DevTools on the Connect panel; its checkout polls no more than once. */
async function checkoutTab(own: DemoServers): Promise<{ page: Page; open: OpenPanel; customerId: string }> {
  const tab = await browser.context.newPage();
  await tab.goto(`${own.merchant.url}/?pollMs=600000`);
  await tab.locator('#checkout[data-status="ready"]').waitFor();
  const id = own.simulator.control.listSessions()[0]!.customerId;
  return { page: tab, open: await queued('opening', () => openConnectPanel(browser.context, tab, browser.extensionId)), customerId: id };
}

/** A payment made through the merchant's own endpoint: the panel learns it from the create-payment answer. */
async function createPayment(on: Page): Promise<string> {
  return on.evaluate(async () => {
    const response = await fetch('/api/payments', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ productId: 3012 }) });
    return ((await response.json()) as { payment: { id: string } }).payment.id;
  });
}

/**
 * Polls a new payment until WAITING. Starts are queued, and the next start waits until this poll
 * shows WAITING, so that concurrent cases neither click over each other nor all begin at once.
 */
async function pollNewPayment(on: Page, onPanel: Frame, customer: string): Promise<{ paymentId: string; poll: Poll }> {
  const paymentId = await createPayment(on);
  const poll = await queued('starting', async () => {
    const started = await startPolling(onPanel, customer, paymentId);
    await waitForState(started, 'WAITING', 60_000);
    return started;
  });
  return { paymentId, poll };
}

type Row = { kind: string; status: string; outcome: string; text: string; last: string };
const rows = (poll: Poll): Promise<Row[]> =>
  poll.locator('[data-testid="timeline-row"]').evaluateAll((els) =>
    els.map((el) => ({
      kind: el.getAttribute('data-kind') ?? '',
      status: el.getAttribute('data-status') ?? '',
      outcome: el.getAttribute('data-outcome') ?? '',
      text: el.textContent ?? '',
      last: el.children[3]?.textContent ?? '',
    })),
  );
const summaryPolls = async (poll: Poll) => Number(/^(\d+) poll/.exec((await poll.getByTestId('timeline-summary').textContent()) ?? '')?.[1] ?? 0);
/** The answers a row counts ("5 answers", "3 polls"). */
const rowCount = (row: Row) => Number(/^(\d+) (?:answers?|polls?)$/.exec(row.last.trim())?.[1] ?? 0);

/** Waits between a faulted request's end and the next request, as the simulator saw them. */
function waitsAfterFaults(s: DemoServers, paymentId: string, kind: string): number[] {
  const log = s.simulator.control.requests({ paymentId, api: 'client' }).filter((r) => r.method === 'GET');
  return log.flatMap((r, i) => ((r.faults as readonly string[]).includes(kind) && log[i + 1] && r.endedAt !== null ? [log[i + 1]!.startedAt - r.endedAt] : []));
}
/** Every faulted GET has ended and was followed by another request, so its wait can be measured. */
function faultsFollowed(s: DemoServers, paymentId: string, kind: string): boolean {
  const log = s.simulator.control.requests({ paymentId, api: 'client' }).filter((r) => r.method === 'GET');
  return log.every((r, i) => !(r.faults as readonly string[]).includes(kind) || (r.endedAt !== null && log[i + 1] !== undefined));
}
const faultedCount = (s: DemoServers, paymentId: string, kind: string) =>
  s.simulator.control.requests({ paymentId, api: 'client' }).filter((r) => (r.faults as readonly string[]).includes(kind)).length;

async function customerCompletes(s: DemoServers, paymentId: string, poll: Poll): Promise<void> {
  for (const step of ['scan', 'authenticate', 'confirm'] as const) expect(s.simulator.control.step(paymentId, step).ok).toBe(true);
  // A backoff wait can be up to 30 s long.
  await waitForState(poll, 'COMPLETED', 90_000);
  await waitFor(async () => (await poll.getAttribute('data-stop-reason')) === 'completed', { what: 'the stop at COMPLETED' });
}

/** Everything the user saw before the fault is still the start of the timeline. */
async function expectKept(poll: Poll, before: Row[]): Promise<Row[]> {
  const after = await rows(poll);
  expect(after.slice(0, before.length).map((r) => [r.kind, r.status, r.outcome])).toEqual(before.map((r) => [r.kind, r.status, r.outcome]));
  return after;
}

/**
 * Chromium resends an idempotent GET by itself when a reused keep-alive connection closes before any
 * answer, so a single dropped connection never reaches the panel: the poll gets the resent request's
 * answer and goes on. Only a burst or a lasting drop gets past the browser's resends.
 */
function expected(c: Kind, way: Way): Pick<Kind, 'reaction' | 'error'> {
  return c.kind === 'drop-connection' && way === 'once' ? { reaction: 'continues', error: undefined } : c;
}

/**
 * Not in the matrix: a burst of five drops. The browser resends each dropped poll up to twice on
 * another kept-alive connection, so five drops reach the panel as no failure at all or as one,
 * depending on how the resends fall; neither reaction can be required. Once (always resent) and
 * lasting (always seen, with backoff) are.
 */
const inMatrix = (c: Kind, way: Way) => !(c.kind === 'drop-connection' && way === 'burst');

async function runMatrixCase(kindCase: Kind, way: Way): Promise<void> {
  const c = { ...kindCase, ...expected(kindCase, way) };
  const { paymentId, poll } = await pollNewPayment(page, panel, customerId);
  const before = await rows(poll);
  const pollsBefore = await summaryPolls(poll);
  const since = Date.now();
  expect(servers.simulator.control.addFault({ kind: c.kind, paymentId, ...WAYS[way], ...c.spec }).ok).toBe(true);
  await waitFor(() => servers.simulator.control.listFaults().every((f) => f.paymentId !== paymentId), {
    what: `${c.kind} ${way} to be spent`,
    timeout: 120_000,
    interval: 250,
  });
  const faulted = faultedCount(servers, paymentId, c.kind);
  expect(faulted, 'requests the fault hit').toBeGreaterThanOrEqual(way === 'once' ? 1 : way === 'burst' ? 5 : 2);

  // The reaction, as the poll's state line announced it while the fault lasted.
  const announced = watch.seen(paymentId, since);
  let shown = '';
  if (c.reaction === 'backoff' || c.reaction === 'retry-after') {
    await waitFor(() => announcedWaits(watch.seen(paymentId, since), c.reaction as 'backoff').length > 0, { what: `${c.kind} ${way}: (${c.reaction}) announced`, timeout: 60_000 });
    // A backoff wait can be up to 30 s: measure every faulted request's wait once the next request came.
    await waitFor(() => faultsFollowed(servers, paymentId, c.kind), { what: `${c.kind} ${way}: a request after every faulted one`, timeout: 60_000, interval: 250 });
    const simulatorWaits = waitsAfterFaults(servers, paymentId, c.kind);
    expect(simulatorWaits.length, 'waits measured, one per faulted GET').toBe(faulted);
    // The browser resends a dropped connection at once by itself: there only the waits the panel announced count.
    const waits = c.kind === 'drop-connection' ? announcedWaits(watch.seen(paymentId, since), 'backoff') : simulatorWaits;
    expect(waits.length).toBeGreaterThan(0);
    if (c.reaction === 'retry-after') {
      // Every 429 is obeyed: no request before the 2 s it asked for.
      expect(Math.min(...waits)).toBeGreaterThanOrEqual(1990);
      expect(announcedWaits(watch.seen(paymentId, since), 'retry-after')).toContain(2000);
      shown = `retry-after 2 s (${waits.length} waits)`;
    } else {
      // Never sooner than the interval, and a run of failures waits longer and longer. A burst of drops
      // reaches the panel as fewer failures (the browser absorbs some), too few to show the growth.
      expect(Math.min(...waits)).toBeGreaterThanOrEqual(INTERVAL_MS - 10);
      if (way === 'lasting' || (way === 'burst' && c.kind !== 'drop-connection')) expect(Math.max(...waits)).toBeGreaterThanOrEqual(1.5 * INTERVAL_MS);
      shown = `backoff up to ${(Math.max(...waits) / 1000).toFixed(1)} s`;
    }
  } else {
    // Goes on at its interval: no backoff, no Retry-After, and every faulted request was a poll the panel counted.
    expect(announced.filter((s) => /\((backoff|retry-after)\)/.test(s.text))).toEqual([]);
    await waitFor(async () => (await summaryPolls(poll)) >= pollsBefore + faulted, { what: `${c.kind} ${way}: the polls counted` });
    shown = 'continues';
  }

  await customerCompletes(servers, paymentId, poll);
  const after = await expectKept(poll, before);
  expect(after.at(-1)).toMatchObject({ kind: 'stop' });
  expect((await stateRows(poll)).at(-1)).toBe('COMPLETED');
  const firstState = after.findIndex((r) => r.kind === 'state');
  const completed = after.findIndex((r) => r.status === 'COMPLETED');

  // The timeline tells what happened, between the first WAITING and COMPLETED.
  if (c.error) {
    const errorRows = after.filter((r) => r.kind === 'error');
    expect(errorRows.length).toBeGreaterThan(0);
    for (const r of errorRows) expect(r).toMatchObject({ outcome: c.error.outcome });
    expect(errorRows.map((r) => r.text).join(' ')).toContain(c.error.text);
    const shownErrors = errorRows.reduce((sum, r) => sum + rowCount(r), 0);
    // The browser may retry a dropped connection by itself, so a drop can hit more requests than polls failed.
    if (c.kind === 'drop-connection') expect(shownErrors).toBeLessThanOrEqual(faulted);
    else expect(shownErrors).toBe(faulted);
    if (way === 'burst' && c.kind !== 'drop-connection') expect(errorRows.map((r) => r.text).join(' ')).toContain('× 5');
    const at = after.indexOf(errorRows[0]!);
    expect(at).toBeGreaterThan(firstState);
    expect(at).toBeLessThan(completed);
    shown = `${shown}; ${shownErrors} error${shownErrors === 1 ? '' : 's'}${shownErrors > 1 ? ` (× ${shownErrors})` : ''}`;
  } else if (c.kind === 'unknown-status') {
    const unknown = after.filter((r) => r.status === 'PENDING_PHONE');
    expect(unknown.length).toBe(1);
    expect(rowCount(unknown[0]!)).toBe(faulted);
    expect(await poll.locator('[data-testid="timeline-row"][data-unexpected="unknown-value"][data-status="PENDING_PHONE"]').count()).toBe(1);
    shown = `${shown}; PENDING_PHONE row, ${faulted} poll${faulted === 1 ? '' : 's'}`;
  } else if (c.kind === 'drop-connection') {
    // The dropped GET was resent by the browser and answered: no error row, the poll counted.
    expect(faulted).toBe(1);
    expect(after.filter((r) => r.kind === 'error')).toEqual([]);
    expect(after.map((r) => (r.kind === 'state' ? r.status : r.kind))).toEqual(['WAITING', 'COMPLETED', 'stop']);
    shown = `${shown}; the browser resent the dropped GET, no error row`;
  } else {
    // latency: no error row, and the raw records of the WAITING row show the slow answers (1 s or more each).
    expect(after.filter((r) => r.kind === 'error')).toEqual([]);
    const waiting = poll.locator('[data-testid="timeline-row"][data-status="WAITING"]');
    expect(await waiting.count()).toBe(1);
    await waiting.getByRole('button', { name: 'Raw' }).dispatchEvent('click');
    // The records render after the click: read them once they are there (one per poll of the row).
    const heads = await waitFor(
      async () => {
        const found = await poll.locator('[data-testid="raw-record"]').evaluateAll((els) => els.map((el) => el.firstElementChild?.textContent ?? ''));
        return found.length >= Math.max(1, rowCount((await rows(poll)).find((r) => r.status === 'WAITING')!)) ? found : undefined;
      },
      { what: `${c.kind} ${way}: the WAITING row's raw records` },
    );
    const slow = heads.filter((h) => /· \d+ (s|min)/.test(h)).length;
    // Each faulted request took 1.5 s: at least as many slow answers as the fault hit.
    expect(slow, 'slow answers in the raw records').toBeGreaterThanOrEqual(faulted);
    shown = `${shown}; ${slow} slow answer${slow === 1 ? '' : 's'} in the raw records`;
  }
  results.push({ kind: c.kind, way, reaction: c.reaction, final: 'COMPLETED', shown });
}

/** expire-session: each way on its own servers, session and tab (a 9008 refuses the session everywhere). */
async function runExpireSession(way: Way): Promise<void> {
  const own = await newServers();
  const tab = await checkoutTab(own);
  {
    const customer = tab.customerId;
    const { paymentId, poll } = await pollNewPayment(tab.page, tab.open.panel, customer);
    const before = await rows(poll);
    expect(own.simulator.control.addFault({ kind: 'expire-session', paymentId, ...WAYS[way] }).ok).toBe(true);
    await waitFor(async () => (await poll.getAttribute('data-stop-reason')) === 'session-expired', { what: `expire-session ${way}: the stop`, timeout: 30_000 });
    expect(await poll.getAttribute('data-phase')).toBe('stopped');
    expect(await poll.getByTestId('stop-row').textContent()).toContain('expired');
    // A 9008 is final on the real platform, so the session is refused everywhere and offers no more polls.
    const session = tab.open.panel.locator(`[data-testid="session"][data-customer-id="${customer}"]`);
    await waitFor(async () => (await session.getAttribute('data-refused')) === 'true', { what: 'the session marked refused' });
    await poll.getByTestId('poll-refused').waitFor();
    expect(await poll.getByTestId('poll-restart').count()).toBe(0);
    expect(await session.getByTestId('poll-button').count()).toBe(0);
    const after = await expectKept(poll, before);
    expect(after.map((r) => r.kind)).toEqual(['state', 'error', 'stop']);
    // Stopped at the first refusal, although a burst or a lasting fault would have refused more.
    expect(faultedCount(own, paymentId, 'expire-session')).toBe(1);
    results.push({ kind: 'expire-session', way, reaction: 'stops', final: 'stopped (session expired)', shown: 'stops at the first 9008; session refused, no Poll offered' });
  }
  await tab.page.close();
}

const cases = new Map<string, Promise<void>>();
/** Starts a case now; its test awaits it. Marked handled here so a failure is reported by its test, not as unhandled. */
function launch(name: string, run: () => Promise<void>): void {
  const running = run();
  running.catch(() => undefined);
  cases.set(name, running);
}
const matrixName = (kind: string, way: Way) => `${kind} ${way}`;

beforeAll(async () => {
  browser = await launchExtensionBrowser();
  servers = await newServers();
  page = await browser.context.newPage();
  await page.goto(`${servers.merchant.url}/?pollMs=600000`);
  await page.locator('#checkout[data-status="ready"]').waitFor();
  customerId = servers.simulator.control.listSessions()[0]!.customerId;
  ({ panel } = await openConnectPanel(browser.context, page, browser.extensionId));
  watch = watchPollStates(panel);
  for (const c of KINDS) for (const way of Object.keys(WAYS) as Way[]) if (inMatrix(c, way)) launch(matrixName(c.kind, way), () => runMatrixCase(c, way));
  for (const way of Object.keys(WAYS) as Way[]) launch(matrixName('expire-session', way), () => runExpireSession(way));
  launch('service-worker stop', serviceWorkerStop);
  launch('page reload', pageReload);
  launch('devtools reopen', devtoolsReopen);
  launch('offline', offline);
}, 180_000);

afterAll(async () => {
  await watch?.stop();
  // Every case has ended (each test awaited its own) before the browser goes.
  await Promise.allSettled(cases.values());
  if (results.length > 0) console.log(`fault matrix:\n${results.map((r) => `| ${r.kind} | ${r.way} | ${r.reaction}: ${r.shown} | ${r.final} |`).join('\n')}`);
  await browser?.close();
  for (const s of allServers) await s.close();
});

/** A service-worker stop in the middle of a poll: the poll (it lives in the panel) goes on, unbroken, and the panel reconnects. */
async function serviceWorkerStop(): Promise<void> {
  const { paymentId, poll } = await pollNewPayment(page, panel, customerId);
  const before = await rows(poll);
  const polls = await summaryPolls(poll);
  const { running } = await stopServiceWorkers(browser.context, page);
  await running;
  await waitFor(async () => (await summaryPolls(poll)) >= polls + 3, { what: 'polls after the service-worker stop', timeout: 30_000 });
  await waitFor(async () => (await panel.getByTestId('connection').textContent()) === 'Connected', { what: 'the panel connected again' });
  expect(await poll.getAttribute('data-phase')).toBe('running');
  await customerCompletes(servers, paymentId, poll);
  const after = await expectKept(poll, before);
  // Unbroken: one WAITING row, no error, no stop before COMPLETED.
  expect(after.map((r) => r.kind === 'state' ? r.status : r.kind)).toEqual(['WAITING', 'COMPLETED', 'stop']);
  expect(await panel.getByTestId('connection').textContent()).toBe('Connected');
  results.push({ kind: 'service-worker stop', way: 'once', reaction: 'continues', final: 'COMPLETED', shown: 'polls on; panel reconnected; one WAITING row' });
}

/** A page reload in the middle of a poll: the poll goes on, and its timeline marks the navigation. */
async function pageReload(): Promise<void> {
  const own = await newServers();
  const tab = await checkoutTab(own);
  const { paymentId, poll } = await pollNewPayment(tab.page, tab.open.panel, tab.customerId);
  const before = await rows(poll);
  await tab.page.reload();
  await tab.page.locator('#checkout[data-status="ready"]').waitFor();
  await poll.locator('[data-testid="timeline-row"][data-kind="navigation"]').waitFor({ timeout: 30_000 });
  const polls = await summaryPolls(poll);
  await waitFor(async () => (await summaryPolls(poll)) >= polls + 2, { what: 'polls after the reload', timeout: 30_000 });
  expect(await poll.getAttribute('data-phase')).toBe('running');
  await customerCompletes(own, paymentId, poll);
  const after = await expectKept(poll, before);
  const kinds = after.map((r) => (r.kind === 'state' ? r.status : r.kind));
  expect(kinds.filter((k) => k === 'navigation')).toHaveLength(1);
  expect(kinds.indexOf('navigation')).toBeGreaterThan(kinds.indexOf('WAITING'));
  expect(kinds.indexOf('navigation')).toBeLessThan(kinds.indexOf('COMPLETED'));
  expect(after.find((r) => r.kind === 'navigation')?.text).toContain('Page navigated');
  results.push({ kind: 'page reload', way: 'once', reaction: 'continues', final: 'COMPLETED', shown: 'polls on; navigation marker between WAITING and COMPLETED' });
  await tab.page.close();
}

/** DevTools closed and reopened in the middle of a poll: back stopped "DevTools closed", and Resume goes on to COMPLETED. */
async function devtoolsReopen(): Promise<void> {
  const own = await newServers();
  const tab = await checkoutTab(own);
  const { paymentId, poll } = await pollNewPayment(tab.page, tab.open.panel, tab.customerId);
  const before = await rows(poll);
  const reopened = await queued('opening', () => closeAndReopenDevtools(browser.context, tab.page, browser.extensionId, tab.open, paymentId));
  const again = reopened.poll;
  expect(await again.getAttribute('data-stop-reason')).toBe('closed');
  expect(await again.getByTestId('poll-state').textContent()).toContain('DevTools closed');
  const stopped = await expectKept(again, before);
  expect(stopped.at(-1)?.kind).toBe('stop');
  expect(stopped.at(-1)?.text).toContain('DevTools closed');
  await again.getByTestId('poll-resume').dispatchEvent('click');
  await waitFor(async () => (await again.getAttribute('data-phase')) === 'running', { what: 'the poll resumed' });
  await customerCompletes(own, paymentId, again);
  const after = await expectKept(again, before);
  const kinds = after.map((r) => (r.kind === 'state' ? r.status : r.kind));
  expect(kinds[0]).toBe('WAITING');
  expect(kinds.at(-1)).toBe('stop');
  expect(after.at(-1)?.text).not.toContain('DevTools closed');
  results.push({ kind: 'DevTools closed, reopened', way: 'once', reaction: 'stops, Resume', final: 'COMPLETED', shown: 'back stopped "DevTools closed"; Resume goes on with the same history' });
  await tab.page.close();
}

/** The simulator down for 20 s and back: network errors with growing waits, then the poll recovers. */
async function offline(): Promise<void> {
  const own = await newServers();
  const tab = await checkoutTab(own);
  const { paymentId, poll } = await pollNewPayment(tab.page, tab.open.panel, tab.customerId);
  const local = watchPollStates(tab.open.panel);
  const before = await rows(poll);
  const since = Date.now();
  await own.simulator.setOffline(true);
  const errorRows = poll.locator('[data-testid="timeline-row"][data-kind="error"][data-outcome="network-error"]');
  // 20 s of it, and at least two failed polls seen.
  await waitFor(async () => Date.now() - since >= 20_000 && (await errorRows.count()) > 0 && rowCount((await rows(poll)).find((r) => r.kind === 'error')!) >= 2, {
    what: 'network errors for 20 s',
    timeout: 60_000,
    interval: 500,
  });
  const waits = announcedWaits(local.seen(paymentId, since), 'backoff');
  await local.stop();
  await own.simulator.setOffline(false);
  expect(waits.length).toBeGreaterThanOrEqual(2);
  expect(Math.max(...waits)).toBeGreaterThan(Math.min(...waits));
  await customerCompletes(own, paymentId, poll);
  const after = await expectKept(poll, before);
  const errors = after.filter((r) => r.kind === 'error');
  expect(errors.map((r) => r.outcome)).toEqual(['network-error']);
  const failed = rowCount(errors[0]!);
  expect(failed).toBeGreaterThanOrEqual(2);
  expect(errors[0]!.text).toContain(`× ${failed}`);
  results.push({ kind: 'simulator offline 20 s', way: 'lasting', reaction: 'backoff', final: 'COMPLETED', shown: `backoff up to ${Math.max(...waits) / 1000} s; ${failed} network errors (× ${failed})` });
  await tab.page.close();
}

describe('every simulator fault, once, as a burst of five and lasting 30 s, seen through the panel', () => {
  it('covers every fault kind the simulator offers', () => {
    expect([...KINDS.map((c) => c.kind), 'expire-session'].sort()).toEqual([...FAULT_KINDS].sort());
  });

  for (const c of KINDS) {
    for (const way of (Object.keys(WAYS) as Way[]).filter((w) => inMatrix(c, w))) {
      it(`${c.kind} ${way}: the poller reacts (${expected(c, way).reaction}), the timeline shows it, nothing is lost, COMPLETED once it clears`, () => cases.get(matrixName(c.kind, way)), 240_000);
    }
  }

  for (const way of Object.keys(WAYS) as Way[]) {
    it(`expire-session ${way}, on its own session: stops at the first refusal, the session is refused everywhere`, () => cases.get(matrixName('expire-session', way)), 240_000);
  }
});

describe('in the middle of a poll', () => {
  it('a service-worker stop: polling goes on, the panel stays connected, the timeline is unbroken', () => cases.get('service-worker stop'), 240_000);
  it('a page reload: the poll goes on, and the navigation shows as a marker in its timeline', () => cases.get('page reload'), 240_000);
  it('DevTools closed and reopened: the timeline comes back stopped "DevTools closed", Resume continues to COMPLETED', () => cases.get('devtools reopen'), 240_000);
  it('the simulator down for 20 s and back: network errors with backoff, then COMPLETED', () => cases.get('offline'), 240_000);
});

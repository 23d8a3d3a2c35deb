import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { FAULT_KINDS, type FaultKind, type LoggedRequest } from '../../src/simulator/index.ts';
import { pollsIn, type PollOutcome, type PollRecord } from '../../src/core/timeline/poll-record.ts';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../scripts/browser/extension-browser.ts';
import { openConnectPanel, type OpenPanel } from '../../scripts/browser/devtools-panel.ts';
import { startDemoServers, type DemoServers } from './harness/demo-servers.ts';
import { startPolling, stateRows } from '../../scripts/browser/panel-polling.ts';
import { waitFor } from '../../scripts/browser/wait-for.ts';
import { leastWaitMs, readStateLines, stretchesOf, watchPolls, type Decision, type KeptPoll, type PollWatch } from './harness/poll-watch.ts';
import { closeAndReopenDevtools } from './harness/devtools-reopen.ts';
import { stopServiceWorkers } from './harness/service-worker.ts';

// Issue 10, "faults over time": every fault kind once, as a burst of five and lasting 30 s, plus a
// service-worker stop, a page reload, DevTools closed and reopened and the simulator offline, each
// in the middle of a poll. Independent cases run at once, each on its own payment and poll card
// (docs/testing.md, "The fault matrix"): the whole file takes about as long as its slowest case.
//
// What a poll did is read from the panel, never sampled: its records (when each request started and
// its answer ended, on the panel's clock) and every value its state line took, logged inside the
// panel as it changed (harness/poll-watch.ts). Each wait is checked against the decision the panel
// announced for it; no assertion depends on how fast this machine is.

type Poll = ReturnType<Frame['locator']>;
type Way = 'once' | 'burst' | 'lasting';
type Reaction = 'backoff' | 'retry-after' | 'continues' | 'stops';

const WAYS: Record<Way, { times?: number; forMs?: number }> = { once: { times: 1 }, burst: { times: 5 }, lasting: { forMs: 30_000 } };
const INTERVAL_MS = 1000;
/**
 * Longer than any first backoff wait (at most three intervals), so a poller that ignored the
 * header could not pass by chance.
 */
const RETRY_AFTER_S = 4;
const LATENCY_MS = 1500;
/**
 * A wait recorded on the panel's clock is never shorter than the timer behind it; the slack (2 ms and
 * 0.1 %) covers whole-millisecond rounding and the wall clock being slewed against the timers' clock.
 */
const atLeast = (ms: number) => ms - 2 - ms / 1000;

/** How the panel must show each kind, and how the poller must react to it. */
type Kind = {
  kind: Exclude<FaultKind, 'expire-session'>;
  spec?: Record<string, unknown>;
  reaction: Exclude<Reaction, 'stops'>;
  /** The outcome each faulted answer is recorded with, and a text its error row shows; absent when the fault is no error. */
  error?: { outcome: PollOutcome['kind']; text: string };
};

const KINDS: Kind[] = [
  // A slow answer is not an error: the polls go on at the interval, counted from each answer.
  { kind: 'latency', spec: { ms: LATENCY_MS }, reaction: 'continues' },
  { kind: 'http-500', reaction: 'backoff', error: { outcome: 'server-error', text: 'Server error 500' } },
  { kind: 'http-502', reaction: 'backoff', error: { outcome: 'server-error', text: 'Server error 502' } },
  { kind: 'http-503', reaction: 'backoff', error: { outcome: 'server-error', text: 'Server error 503' } },
  { kind: 'http-429', spec: { retryAfterSeconds: RETRY_AFTER_S }, reaction: 'retry-after', error: { outcome: 'rate-limited', text: `retry after ${RETRY_AFTER_S} s` } },
  { kind: 'malformed-json', reaction: 'backoff', error: { outcome: 'malformed', text: 'Not a status answer' } },
  { kind: 'html-error', reaction: 'backoff', error: { outcome: 'server-error', text: 'HTML page' } },
  { kind: 'drop-connection', reaction: 'backoff', error: { outcome: 'network-error', text: 'Network error' } },
  { kind: 'hang', reaction: 'backoff', error: { outcome: 'timeout', text: 'No answer within 10 s' } },
  { kind: 'unknown-status', spec: { value: 'PENDING_PHONE' }, reaction: 'continues' },
];

type Seen = { kind: string; way: Way; reaction: string; final: string; shown: string };
const results: Seen[] = [];

let browser: ExtensionBrowser;
const allServers: DemoServers[] = [];
let servers: DemoServers;
let page: Page;
let panel: Frame;
let watch: PollWatch;
let customerId: string;
/** Starting a poll is a few clicks on the shared panel: one at a time. */
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

type Tab = { page: Page; open: OpenPanel; watch: PollWatch; customerId: string };

/** A checkout tab on its own servers, with DevTools on the Connect panel; its checkout polls no more than once. */
async function checkoutTab(own: DemoServers): Promise<Tab> {
  const tab = await browser.context.newPage();
  await tab.goto(`${own.merchant.url}/?pollMs=600000`);
  await tab.locator('#checkout[data-status="ready"]').waitFor();
  const id = own.simulator.control.listSessions()[0]!.customerId;
  const open = await queued('opening', () => openConnectPanel(browser.context, tab, browser.extensionId));
  return { page: tab, open, watch: await watchPolls(open.panel), customerId: id };
}

/** A payment made through the merchant's own endpoint: the panel learns it from the create-payment answer. */
async function createPayment(on: Page): Promise<string> {
  return on.evaluate(async () => {
    const response = await fetch('/api/payments', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ productId: 3012 }) });
    return ((await response.json()) as { payment: { id: string } }).payment.id;
  });
}

/**
 * Polls a new payment until WAITING. On the shared panel the clicks that start a poll are queued, so
 * that concurrent cases never click over each other; a tab of its own starts at once.
 */
async function pollNewPayment(on: Page, onPanel: Frame, customer: string): Promise<{ paymentId: string; poll: Poll }> {
  const paymentId = await createPayment(on);
  const start = () => startPolling(onPanel, customer, paymentId);
  const poll = await (onPanel === panel ? queued('starting', start) : start());
  // Many cases wait at once: each looks twice a second.
  const waiting = poll.locator('[data-testid="timeline-row"][data-kind="state"][data-status="WAITING"]');
  await waitFor(async () => (await waiting.count()) > 0, { what: `WAITING for ${paymentId}`, timeout: 60_000, interval: 500 }).catch(async (error: Error) => {
    // Say what the poll card showed instead: a stop and its reason, or its last rows.
    const shown = await poll.evaluate((card) => `phase ${card.getAttribute('data-phase')}, stop ${card.getAttribute('data-stop-reason')}: ${card.textContent?.slice(0, 400)}`).catch(() => 'no poll card');
    throw new Error(`${error.message} (${shown})`);
  });
  return { paymentId, poll };
}

type Row = { kind: string; status: string; outcome: string; text: string };
const rows = (poll: Poll): Promise<Row[]> =>
  poll.locator('[data-testid="timeline-row"]').evaluateAll((els) =>
    els.map((el) => ({
      kind: el.getAttribute('data-kind') ?? '',
      status: el.getAttribute('data-status') ?? '',
      outcome: el.getAttribute('data-outcome') ?? '',
      text: el.textContent ?? '',
    })),
  );

/** The poll's requests as the platform saw them (the panel's GETs; the checkout never polls these payments). */
const platformGets = (s: DemoServers, paymentId: string): LoggedRequest[] =>
  s.simulator.control.requests({ paymentId, api: 'client' }).filter((r) => r.method === 'GET');
const hit = (r: LoggedRequest, kind: FaultKind) => (r.faults as readonly string[]).includes(kind);
const polls = (records: readonly PollRecord[]) => records.reduce((n, r) => n + pollsIn(r), 0);

/** The poll as the panel keeps it, once `ready` holds for it. */
async function keptWhen(w: PollWatch, paymentId: string, ready: (kept: KeptPoll) => boolean, what: string): Promise<KeptPoll> {
  return waitFor(
    async () => {
      const kept = await w.kept(paymentId);
      return kept && ready(kept) ? kept : undefined;
    },
    { what, timeout: 30_000, interval: 500 },
  );
}

async function customerCompletes(s: DemoServers, paymentId: string, poll: Poll): Promise<void> {
  for (const step of ['scan', 'authenticate', 'confirm'] as const) expect(s.simulator.control.step(paymentId, step).ok).toBe(true);
  // A backoff wait can be up to 30 s long; many cases wait at once, so each looks twice a second.
  await waitFor(async () => (await poll.getAttribute('data-stop-reason')) === 'completed', { what: 'the stop at COMPLETED', timeout: 90_000, interval: 500 });
}

/** Everything the user saw before the fault is still the start of the timeline. */
async function expectRowsKept(poll: Poll, before: Row[]): Promise<Row[]> {
  const after = await rows(poll);
  expect(after.slice(0, before.length).map((r) => [r.kind, r.status, r.outcome])).toEqual(before.map((r) => [r.kind, r.status, r.outcome]));
  return after;
}

/** The records kept before the fault are kept unchanged; a kept record only ever gains polls folded into it. */
function expectRecordsKept(after: readonly PollRecord[], before: readonly PollRecord[]): void {
  const bySeq = new Map(after.map((r) => [r.seq, r]));
  for (const record of before) {
    const now = bySeq.get(record.seq);
    if (!now) {
      // Folded into a later record of the same kind (repeated errors keep their first and latest).
      expect(record.outcome.kind, `record #${record.seq} folded away`).not.toBe('status');
      continue;
    }
    expect([now.startedAt, now.endedAt, now.outcome]).toEqual([record.startedAt, record.endedAt, record.outcome]);
  }
}

/**
 * Every wait the poll made is at least what its decision allowed: read from the panel's records
 * (exact where two kept records follow each other; a stretch of folded errors lasts at least the
 * sum of its waits). Returns the stretches, for the case's own checks.
 */
function expectWaitsKept(records: readonly PollRecord[], decisions: readonly Decision[], firstSeq = 0) {
  const stretches = stretchesOf(records, decisions, firstSeq);
  for (const s of stretches) {
    expect(s.waits.length, `decisions between #${s.from.seq} and #${s.to.seq}`).toBe(s.to.seq - s.from.seq);
    const least = s.waits.reduce((sum, d) => sum + leastWaitMs(d, INTERVAL_MS), 0);
    expect(s.spanMs, `from answer #${s.from.seq} to request #${s.to.seq} (${s.waits.map((d) => d.text).join(' | ')})`).toBeGreaterThanOrEqual(atLeast(least));
  }
  return stretches;
}

/** Every request and every decision of the poll, from its state line; the final answer decides nothing. */
async function decisionsOf(w: PollWatch, paymentId: string, total: number): Promise<Decision[]> {
  const { sent, decisions } = readStateLines(await w.stateLines(paymentId));
  expect(sent, 'requests announced').toBe(total);
  expect(decisions.length, 'decisions announced').toBe(total - 1);
  return decisions;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
/** The waits a list of decisions announced, as the state line showed them: "2 s", "1–9 s". */
const announcedRange = (decisions: readonly Decision[]) => {
  const shown = decisions.map((d) => (d.shownMs ?? 0) / 1000);
  const [low, high] = [Math.min(...shown), Math.max(...shown)];
  return low === high ? `${low} s` : `${low}–${high} s`;
};

/**
 * Chromium resends an idempotent GET by itself when a reused keep-alive connection closes before any
 * answer: a single dropped connection then never reaches the panel, and the poll gets the resent
 * request's answer and goes on. On a connection opened for that request it does not resend (a busy
 * machine lets the kept-alive one time out between polls), and the panel sees one network error and
 * backs off. Which one happens is the browser's choice, so the expectation follows what the platform
 * saw: both requests (resent), or one. A lasting drop always gets past the browser's resends.
 */
function expected(c: Kind, way: Way, resent: boolean): Pick<Kind, 'reaction' | 'error'> {
  return c.kind === 'drop-connection' && way === 'once' && resent ? { reaction: 'continues', error: undefined } : c;
}

/**
 * Not in the matrix: a burst of five drops. The browser resends each dropped poll up to twice on
 * another kept-alive connection, so five drops reach the panel as no failure at all or as one,
 * depending on how the resends fall; neither reaction can be required. Once (always resent) and
 * lasting (always seen, with backoff) are.
 */
const inMatrix = (c: Kind, way: Way) => !(c.kind === 'drop-connection' && way === 'burst');

async function runMatrixCase(kindCase: Kind, way: Way): Promise<void> {
  let c: Kind = kindCase;
  const { paymentId, poll } = await pollNewPayment(page, panel, customerId);
  const beforeRows = await rows(poll);
  const before = (await keptWhen(watch, paymentId, (k) => k.records.length > 0, `${c.kind} ${way}: the first record`)).records;
  expect(servers.simulator.control.addFault({ kind: c.kind, paymentId, ...WAYS[way], ...c.spec }).ok).toBe(true);
  await waitFor(() => servers.simulator.control.listFaults().every((f) => f.paymentId !== paymentId), {
    what: `${c.kind} ${way} to be spent`,
    timeout: 180_000,
    interval: 250,
  });
  const faulted = platformGets(servers, paymentId).filter((r) => hit(r, c.kind)).length;
  if (way === 'lasting') expect(faulted, 'requests the fault hit').toBeGreaterThanOrEqual(2);
  else expect(faulted, 'requests the fault hit').toBe(WAYS[way].times);

  // Once it clears: two more requests, so the answer after the last faulted one has decided its wait.
  await waitFor(
    () => {
      const gets = platformGets(servers, paymentId);
      const last = gets.findLastIndex((r) => r.faults.length > 0);
      return last >= 0 && gets.length - last > 2;
    },
    { what: `${c.kind} ${way}: two polls after the fault`, timeout: 90_000, interval: 250 },
  );
  await customerCompletes(servers, paymentId, poll);
  const kept = await keptWhen(watch, paymentId, (k) => k.stop?.reason === 'completed', `${c.kind} ${way}: the completed poll kept`);
  const records = kept.records;
  const gets = platformGets(servers, paymentId);
  const total = polls(records);
  c = { ...kindCase, ...expected(kindCase, way, gets.length > total) };

  // Nothing the user saw is lost, and the final status is right.
  expectRecordsKept(records, before);
  const after = await expectRowsKept(poll, beforeRows);
  expect(after.at(-1)).toMatchObject({ kind: 'stop' });
  expect((await stateRows(poll)).at(-1)).toBe('COMPLETED');
  expect(records.at(-1)?.outcome).toEqual({ kind: 'status', status: 'COMPLETED' });

  // Every request the platform saw is one poll of the timeline: none lost, none made twice. A dropped
  // connection is the exception: the browser may resend it, and the platform then sees both.
  if (c.kind === 'drop-connection') expect(gets.length).toBeGreaterThanOrEqual(total);
  else expect(gets.length).toBe(total);
  const decisions = await decisionsOf(watch, paymentId, total);
  const stretches = expectWaitsKept(records, decisions);
  const firstFaulted = c.kind === 'drop-connection' ? records.find((r) => r.outcome.kind === 'network-error')?.seq : gets.findIndex((r) => hit(r, c.kind));
  // The fault came after what the user saw before it.
  if (firstFaulted !== undefined) expect(firstFaulted).toBeGreaterThanOrEqual(before.length);
  /** The answers the fault made, by seq (a resent drop is no answer of the panel's). */
  const faultedSeqs = c.kind === 'drop-connection' ? records.filter((r) => r.outcome.kind === 'network-error').flatMap((r) => range(r.seq - pollsIn(r) + 1, r.seq)) : gets.flatMap((r, seq) => (hit(r, c.kind) ? [seq] : []));
  const lastFaulted = Math.max(...faultedSeqs, firstFaulted ?? 0);

  let shown = '';
  if (c.reaction === 'backoff' || c.reaction === 'retry-after') {
    expect(faultedSeqs.length).toBeGreaterThan(0);
    // Each failed answer announced its reaction; the first answer after them went back to the interval.
    for (const seq of faultedSeqs) expect(decisions[seq], `decision after answer #${seq}`).toMatchObject({ why: c.reaction });
    expect(decisions[lastFaulted + 1], 'decision after the first answer once the fault cleared').toMatchObject({ why: 'interval' });
    const waits = faultedSeqs.map((seq) => decisions[seq]!);
    if (c.reaction === 'retry-after') {
      for (const d of waits) expect(d.shownMs).toBe(RETRY_AFTER_S * 1000);
      // The wait after the last 429, exactly as recorded: no request before the time it asked for.
      const afterLast = stretches.find((s) => s.from.seq === lastFaulted)!;
      expect(afterLast.to.seq).toBe(lastFaulted + 1);
      expect(afterLast.spanMs).toBeGreaterThanOrEqual(atLeast(RETRY_AFTER_S * 1000));
      shown = `next in ${RETRY_AFTER_S} s after ${waits.length === 1 ? 'it' : `each of ${waits.length}`}, ${seconds(afterLast.spanMs)} recorded after the last`;
    } else {
      shown = `backoff, next in ${announcedRange(waits)}`;
    }
  } else {
    // Goes on at its interval: every answer from the fault on decided the plain interval, and each
    // next request came at least an interval after the answer before it (checked on every stretch above).
    for (let seq = firstFaulted ?? before.length; seq < total - 1; seq++) expect(decisions[seq], `decision after answer #${seq}`).toMatchObject({ why: 'interval' });
    shown = 'continues at the interval';
  }

  // The timeline tells what happened, between the first WAITING and COMPLETED.
  const firstState = after.findIndex((r) => r.kind === 'state');
  const completed = after.findIndex((r) => r.status === 'COMPLETED');
  if (c.error) {
    const errorRecords = records.filter((r) => r.outcome.kind !== 'status' && r.outcome.kind !== 'unknown-status');
    for (const r of errorRecords) expect(r.outcome.kind).toBe(c.error.outcome);
    const errors = polls(errorRecords);
    if (c.kind === 'drop-connection') expect(errors).toBeLessThanOrEqual(faulted);
    else expect(errors).toBe(faulted);
    const errorRows = after.filter((r) => r.kind === 'error');
    expect(errorRows).toHaveLength(1);
    expect(errorRows[0]).toMatchObject({ outcome: c.error.outcome });
    expect(errorRows[0]!.text).toContain(c.error.text);
    if (errors > 1) expect(errorRows[0]!.text).toContain(`× ${errors}`);
    const at = after.indexOf(errorRows[0]!);
    expect(at).toBeGreaterThan(firstState);
    expect(at).toBeLessThan(completed);
    shown = `${shown}; ${errors === 1 ? '1 error' : `× ${errors}`}`;
  } else {
    expect(after.filter((r) => r.kind === 'error')).toEqual([]);
    if (c.kind === 'unknown-status') {
      const unknown = records.filter((r) => r.outcome.kind === 'unknown-status');
      expect(unknown.map((r) => r.seq)).toEqual(faultedSeqs);
      for (const r of unknown) expect(r.outcome).toEqual({ kind: 'unknown-status', value: 'PENDING_PHONE' });
      expect(await poll.locator('[data-testid="timeline-row"][data-unexpected="unknown-value"][data-status="PENDING_PHONE"]').count()).toBe(1);
      shown = `${shown}; ⚠ PENDING_PHONE row, ${faulted} poll${faulted === 1 ? '' : 's'}`;
    } else if (c.kind === 'latency') {
      // Each slow answer took the added time, and the next request still waited a whole interval after it.
      for (const seq of faultedSeqs) {
        const slow = records.find((r) => r.seq === seq)!;
        expect(slow.endedAt - slow.startedAt, `answer #${seq}`).toBeGreaterThanOrEqual(atLeast(LATENCY_MS));
        const next = stretches.find((s) => s.from.seq === seq)!;
        expect(next.spanMs).toBeGreaterThanOrEqual(atLeast(INTERVAL_MS));
        expect(next.to.startedAt - slow.startedAt).toBeGreaterThanOrEqual(atLeast(LATENCY_MS + INTERVAL_MS));
      }
      shown = `${shown}; ${faulted} slow answer${faulted === 1 ? '' : 's'}, the next poll a full interval after ${faulted === 1 ? 'it' : 'each'}`;
    } else {
      // drop-connection once: the browser resent the dropped GET and the panel got its answer.
      expect(gets.length).toBe(total + 1);
      expect(after.map((r) => (r.kind === 'state' ? r.status : r.kind))).toEqual(['WAITING', 'COMPLETED', 'stop']);
      shown = `${shown}; the browser resent the dropped GET, no error row`;
    }
  }
  results.push({ kind: c.kind, way, reaction: c.reaction, final: 'COMPLETED', shown });
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** expire-session: each way on its own servers, session and tab (a 9008 refuses the session everywhere). */
async function runExpireSession(way: Way): Promise<void> {
  const own = await newServers();
  const tab = await checkoutTab(own);
  const customer = tab.customerId;
  const { paymentId, poll } = await pollNewPayment(tab.page, tab.open.panel, customer);
  const beforeRows = await rows(poll);
  const before = (await keptWhen(tab.watch, paymentId, (k) => k.records.length > 0, `expire-session ${way}: the first record`)).records;
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
  const after = await expectRowsKept(poll, beforeRows);
  expect(after.map((r) => r.kind)).toEqual(['state', 'error', 'stop']);

  // Stopped at the first refusal, although a burst or a lasting fault would have refused more: the
  // refused answer is the last record, and the platform saw no request after it.
  const kept = await keptWhen(tab.watch, paymentId, (k) => k.stop?.reason === 'session-expired', `expire-session ${way}: the stopped poll kept`);
  expectRecordsKept(kept.records, before);
  expect(kept.records.at(-1)?.outcome.kind).toBe('session-expired');
  const gets = platformGets(own, paymentId);
  expect(gets.filter((r) => hit(r, 'expire-session'))).toHaveLength(1);
  expect(hit(gets.at(-1)!, 'expire-session')).toBe(true);
  expect(gets.length).toBe(polls(kept.records));
  const decisions = await decisionsOf(tab.watch, paymentId, gets.length);
  expectWaitsKept(kept.records, decisions);
  results.push({ kind: 'expire-session', way, reaction: 'stops', final: 'stopped (session expired)', shown: 'stops at the first 9008, nothing sent after it; session refused, no Poll offered' });
  await tab.page.close();
}

const cases = new Map<string, Promise<void>>();
let launchedAt = 0;
/** When each case ended, in seconds after the first was launched (printed with the results). */
const endedAt = new Map<string, number>();
/** Starts a case now; its test awaits it. Marked handled here so a failure is reported by its test, not as unhandled. */
function launch(name: string, run: () => Promise<void>): void {
  launchedAt ||= Date.now();
  const running = run().finally(() => endedAt.set(name, Math.round((Date.now() - launchedAt) / 1000)));
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
  ({ panel } = await queued('opening', () => openConnectPanel(browser.context, page, browser.extensionId)));
  watch = await watchPolls(panel);
  // The longest first, so that they run while the rest start: the offline case (its own DevTools
  // window opens first), five hangs of 10 s each, then the faults lasting 30 s, the bursts, the rest.
  launch('offline', offline);
  const matrix = KINDS.flatMap((c) => (Object.keys(WAYS) as Way[]).filter((way) => inMatrix(c, way)).map((way) => ({ c, way })));
  const first = ({ c, way }: { c: Kind; way: Way }) => (c.kind === 'hang' && way !== 'once' ? { burst: 0, lasting: 1 }[way] : { lasting: 2, burst: 3, once: 4 }[way]);
  for (const { c, way } of matrix.sort((a, b) => first(a) - first(b))) launch(matrixName(c.kind, way), () => runMatrixCase(c, way));
  launch('devtools reopen', devtoolsReopen);
  launch('page reload', pageReload);
  for (const way of Object.keys(WAYS) as Way[]) launch(matrixName('expire-session', way), () => runExpireSession(way));
  launch('service-worker stop', serviceWorkerStop);
}, 180_000);

afterAll(async () => {
  // Every case has ended (each test awaited its own) before the browser goes.
  await Promise.allSettled(cases.values());
  if (results.length > 0) console.log(`fault matrix:\n${results.map((r) => `| ${r.kind} | ${r.way} | ${r.reaction}: ${r.shown} | ${r.final} |`).join('\n')}`);
  console.log(`cases ended (s after launch): ${[...endedAt].sort((a, b) => a[1] - b[1]).map(([name, s]) => `${name} ${s}`).join(', ')}`);
  await browser?.close();
  for (const s of allServers) await s.close();
});

/** The panel's clock now: records and state lines are on it. */
const panelNow = (on: Frame) => on.evaluate(() => Date.now());

/** Polls go on, all at the interval, without an error, and the poll ends COMPLETED with one WAITING row before it. */
async function expectUnbroken(w: PollWatch, s: DemoServers, paymentId: string, firstSeq = 0): Promise<PollRecord[]> {
  const kept = await keptWhen(w, paymentId, (k) => k.stop?.reason === 'completed', 'the completed poll kept');
  const records = kept.records;
  expect(records.filter((r) => r.outcome.kind !== 'status')).toEqual([]);
  const total = polls(records);
  expect(platformGets(s, paymentId).length).toBe(total);
  const decisions = firstSeq === 0 ? await decisionsOf(w, paymentId, total) : readStateLines(await w.stateLines(paymentId)).decisions;
  for (const d of decisions) expect(d.why).toBe('interval');
  expectWaitsKept(records, decisions, firstSeq);
  return records;
}

/** A service-worker stop in the middle of a poll: the poll (it lives in the panel) goes on, unbroken, and the panel reconnects. */
async function serviceWorkerStop(): Promise<void> {
  const { paymentId, poll } = await pollNewPayment(page, panel, customerId);
  const beforeRows = await rows(poll);
  const before = (await keptWhen(watch, paymentId, (k) => k.records.length > 0, 'the first record')).records;
  const { running } = await stopServiceWorkers(browser.context, page);
  await running;
  const restarted = await panelNow(panel);
  await keptWhen(watch, paymentId, (k) => k.records.filter((r) => r.startedAt > restarted).length >= 3, 'three polls after the service worker ran again');
  await waitFor(async () => (await panel.getByTestId('connection').textContent()) === 'Connected', { what: 'the panel connected again' });
  expect(await poll.getAttribute('data-phase')).toBe('running');
  await customerCompletes(servers, paymentId, poll);
  const after = await expectRowsKept(poll, beforeRows);
  // Unbroken: one WAITING row, no error, no stop before COMPLETED, every wait at the interval.
  expect(after.map((r) => (r.kind === 'state' ? r.status : r.kind))).toEqual(['WAITING', 'COMPLETED', 'stop']);
  const records = await expectUnbroken(watch, servers, paymentId);
  expectRecordsKept(records, before);
  expect(await panel.getByTestId('connection').textContent()).toBe('Connected');
  results.push({ kind: 'service-worker stop', way: 'once', reaction: 'continues', final: 'COMPLETED', shown: `polls on at the interval (${polls(records)} polls, no error); panel reconnected; one WAITING row` });
}

/** A page reload in the middle of a poll: the poll goes on, and its timeline marks the navigation. */
async function pageReload(): Promise<void> {
  const own = await newServers();
  const tab = await checkoutTab(own);
  const { paymentId, poll } = await pollNewPayment(tab.page, tab.open.panel, tab.customerId);
  const beforeRows = await rows(poll);
  const before = (await keptWhen(tab.watch, paymentId, (k) => k.records.length > 0, 'the first record')).records;
  await tab.page.reload();
  await tab.page.locator('#checkout[data-status="ready"]').waitFor();
  const reloaded = await panelNow(tab.open.panel);
  await poll.locator('[data-testid="timeline-row"][data-kind="navigation"]').waitFor({ timeout: 30_000 });
  await keptWhen(tab.watch, paymentId, (k) => k.records.filter((r) => r.startedAt > reloaded).length >= 2, 'two polls after the reload');
  expect(await poll.getAttribute('data-phase')).toBe('running');
  await customerCompletes(own, paymentId, poll);
  const after = await expectRowsKept(poll, beforeRows);
  const kinds = after.map((r) => (r.kind === 'state' ? r.status : r.kind));
  expect(kinds).toEqual(['WAITING', 'navigation', 'COMPLETED', 'stop']);
  expect(after.find((r) => r.kind === 'navigation')?.text).toContain('Page navigated');
  const records = await expectUnbroken(tab.watch, own, paymentId);
  expectRecordsKept(records, before);
  results.push({ kind: 'page reload', way: 'once', reaction: 'continues', final: 'COMPLETED', shown: 'polls on at the interval, no error; navigation row between WAITING and COMPLETED' });
  await tab.page.close();
}

/** DevTools closed and reopened in the middle of a poll: back stopped "DevTools closed", and Resume goes on to COMPLETED. */
async function devtoolsReopen(): Promise<void> {
  const own = await newServers();
  const tab = await checkoutTab(own);
  const { paymentId, poll } = await pollNewPayment(tab.page, tab.open.panel, tab.customerId);
  const beforeRows = await rows(poll);
  const before = (await keptWhen(tab.watch, paymentId, (k) => k.records.length >= 2, 'two records')).records;
  let sentWhenClosed = 0;
  const reopened = await queued('opening', () =>
    closeAndReopenDevtools(browser.context, tab.page, browser.extensionId, tab.open, paymentId, async () => {
      sentWhenClosed = platformGets(own, paymentId).length;
    }),
  );
  const again = reopened.poll;
  // Nothing was sent while DevTools was closed, and no request was left to arrive later but the one in flight at the close.
  const sentWhileClosed = platformGets(own, paymentId).length - sentWhenClosed;
  expect(sentWhileClosed).toBeLessThanOrEqual(1);
  expect(await again.getAttribute('data-stop-reason')).toBe('closed');
  expect(await again.getByTestId('poll-state').textContent()).toContain('DevTools closed');
  const stopped = await expectRowsKept(again, beforeRows);
  expect(stopped.at(-1)?.kind).toBe('stop');
  expect(stopped.at(-1)?.text).toContain('DevTools closed');
  const watchAgain = await watchPolls(reopened.panel);
  const closed = await keptWhen(watchAgain, paymentId, (k) => k.records.length > 0, 'the records kept when DevTools closed');
  expectRecordsKept(closed.records, before);
  expect(closed.records.length).toBeGreaterThanOrEqual(before.length);
  const resumedFrom = polls(closed.records);

  await again.getByTestId('poll-resume').dispatchEvent('click');
  await waitFor(async () => (await again.getAttribute('data-phase')) === 'running', { what: 'the poll resumed' });
  await customerCompletes(own, paymentId, again);
  const after = await expectRowsKept(again, beforeRows);
  const kinds = after.map((r) => (r.kind === 'state' ? r.status : r.kind));
  expect(kinds[0]).toBe('WAITING');
  expect(kinds.at(-1)).toBe('stop');
  expect(after.at(-1)?.text).not.toContain('DevTools closed');
  // The same history goes on: the records from before the close, then the resumed ones, numbered on.
  const kept = await keptWhen(watchAgain, paymentId, (k) => k.stop?.reason === 'completed', 'the completed poll kept');
  expectRecordsKept(kept.records, closed.records);
  expect(kept.records.filter((r) => r.seq >= resumedFrom).map((r) => r.seq)[0]).toBe(resumedFrom);
  expect(kept.records.filter((r) => r.outcome.kind !== 'status')).toEqual([]);
  const { sent, decisions } = readStateLines(await watchAgain.stateLines(paymentId));
  expect(sent).toBe(polls(kept.records) - resumedFrom);
  for (const d of decisions) expect(d.why).toBe('interval');
  expectWaitsKept(kept.records, decisions, resumedFrom);
  results.push({
    kind: 'DevTools closed, reopened',
    way: 'once',
    reaction: 'stops, Resume',
    final: 'COMPLETED',
    shown: `nothing sent while closed; back stopped "DevTools closed" with its ${resumedFrom} polls; Resume numbers on from #${resumedFrom + 1}`,
  });
  await tab.page.close();
}

/** The simulator down for 20 s and back: network errors with backoff, then the poll recovers. */
async function offline(): Promise<void> {
  const own = await newServers();
  const tab = await checkoutTab(own);
  const { paymentId, poll } = await pollNewPayment(tab.page, tab.open.panel, tab.customerId);
  const beforeRows = await rows(poll);
  const before = (await keptWhen(tab.watch, paymentId, (k) => k.records.length > 0, 'the first record')).records;
  const since = Date.now();
  await own.simulator.setOffline(true);
  const failed = (k: KeptPoll) => polls(k.records.filter((r) => r.outcome.kind === 'network-error'));
  // 20 s of it, and at least two failed polls seen.
  await waitFor(async () => Date.now() - since >= 20_000 && failed((await tab.watch.kept(paymentId)) ?? { records: [], intervalMs: 0 }) >= 2, {
    what: 'network errors for 20 s',
    timeout: 60_000,
    interval: 500,
  });
  await own.simulator.setOffline(false);
  await customerCompletes(own, paymentId, poll);
  const after = await expectRowsKept(poll, beforeRows);
  const kept = await keptWhen(tab.watch, paymentId, (k) => k.stop?.reason === 'completed', 'the completed poll kept');
  expectRecordsKept(kept.records, before);
  const errorRecords = kept.records.filter((r) => r.outcome.kind !== 'status');
  for (const r of errorRecords) expect(r.outcome.kind).toBe('network-error');
  const errors = polls(errorRecords);
  expect(errors).toBeGreaterThanOrEqual(2);
  const total = polls(kept.records);
  // The platform saw every poll but the failed ones (and perhaps the one in flight when it went down).
  expect(platformGets(own, paymentId).length - (total - errors)).toBeOneOf([0, 1]);
  const decisions = await decisionsOf(tab.watch, paymentId, total);
  expectWaitsKept(kept.records, decisions);
  const firstError = errorRecords[0]!.seq;
  const failedSeqs = range(firstError, firstError + errors - 1);
  for (const seq of failedSeqs) expect(decisions[seq], `decision after failed poll #${seq}`).toMatchObject({ why: 'backoff' });
  const lastError = failedSeqs.at(-1)!;
  if (lastError + 1 < total - 1) expect(decisions[lastError + 1]).toMatchObject({ why: 'interval' });
  const errorRows = after.filter((r) => r.kind === 'error');
  expect(errorRows.map((r) => r.outcome)).toEqual(['network-error']);
  expect(errorRows[0]!.text).toContain(`× ${errors}`);
  results.push({
    kind: 'simulator offline 20 s',
    way: 'lasting',
    reaction: 'backoff',
    final: 'COMPLETED',
    shown: `backoff, next in ${announcedRange(failedSeqs.map((seq) => decisions[seq]!))}; × ${errors} network errors, then the interval again`,
  });
  await tab.page.close();
}

describe('every simulator fault, once, as a burst of five and lasting 30 s, seen through the panel', () => {
  it('covers every fault kind the simulator offers', () => {
    expect([...KINDS.map((c) => c.kind), 'expire-session'].sort()).toEqual([...FAULT_KINDS].sort());
  });

  for (const c of KINDS) {
    for (const way of (Object.keys(WAYS) as Way[]).filter((w) => inMatrix(c, w))) {
      const reaction = c.kind === 'drop-connection' && way === 'once' ? 'continues if the browser resends, else backoff' : c.reaction;
      it(`${c.kind} ${way}: the poller reacts (${reaction}), the timeline shows it, nothing is lost, COMPLETED once it clears`, () => cases.get(matrixName(c.kind, way)), 300_000);
    }
  }

  for (const way of Object.keys(WAYS) as Way[]) {
    it(`expire-session ${way}, on its own session: stops at the first refusal, the session is refused everywhere`, () => cases.get(matrixName('expire-session', way)), 300_000);
  }
});

describe('in the middle of a poll', () => {
  it('a service-worker stop: polling goes on, the panel stays connected, the timeline is unbroken', () => cases.get('service-worker stop'), 300_000);
  it('a page reload: the poll goes on, and the navigation shows as a marker in its timeline', () => cases.get('page reload'), 300_000);
  it('DevTools closed and reopened: the timeline comes back stopped "DevTools closed", Resume continues to COMPLETED', () => cases.get('devtools reopen'), 300_000);
  it('the simulator down for 20 s and back: network errors with backoff, then COMPLETED', () => cases.get('offline'), 300_000);
});

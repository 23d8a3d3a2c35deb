/**
 * Polling economy (issue 11): the panel's real poll path against a fixed one-second poller, in the
 * same run, against the real simulator on loopback, with the real clock and the real fetch: what
 * is measured here are real delays. Both poll the same payments, each with its own client session
 * so that the simulator's request log tells their requests apart, while the bench takes each
 * payment through WAITING → INITIALIZED → AUTHORIZED → COMPLETED at scripted, irregular moments.
 */
import { loadavg } from 'node:os';
import { init } from 'connect-sdk-nodejs';
import { buildTimeline } from '../../src/core/timeline/build-timeline.ts';
import type { PollTarget } from '../../src/core/timeline/poll-record.ts';
import { originOf } from '../../src/core/url-origin.ts';
import { createPanelPollFetch } from '../../src/extension/platform/poll-fetch.ts';
import { systemClock } from '../../src/extension/platform/system-clock.ts';
import { PollManager } from '../../src/panel/state/poll-manager.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import {
  FIXED_INTERVAL_MS,
  MAX_GAP_MS,
  planStatusChanges,
  pollerFigures,
  pollingVerdict,
  type PollerFigures,
  type PollingVerdict,
  type StatusEvent,
} from './polling-economy-plan.ts';
import { formatMs, textTable } from './text-table.ts';

export type PollingEconomyResult = {
  payments: number;
  /** Status changes scripted, over all payments. */
  changes: number;
  intervalMs: number;
  /** The panel's path: PollManager (createPoller, foldPolls) with the panel's fetch; seen = its timeline has the row. */
  panel: PollerFigures;
  /** `setInterval(poll, 1000)` with a plain fetch; seen = it read the answer. */
  fixed: PollerFigures;
  verdict: PollingVerdict;
  /** Wall time of the section, simulator start to close. */
  wallMs: number;
  loadAverage: { before: number; after: number };
};

/** The simulator's clock, and this one: both `performance`, in the same process, so delays need no clock sync. */
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Session = { clientSessionId: string; customerId: string; clientApiUrl: string };

function merchantClient(simulator: Simulator) {
  const url = new URL(simulator.url);
  return init({
    host: url.hostname,
    scheme: 'http',
    port: Number(url.port),
    apiKeyId: simulator.credentials.apiKeyId,
    secretApiKey: simulator.credentials.secretApiKey,
    integrator: 'Connect DevTools benchmark',
  });
}

async function createSession(client: ReturnType<typeof init>, merchantId: string): Promise<Session> {
  const response = await client.v1.sessions.create(merchantId, {}, null);
  if (!response.isSuccess) throw new Error(`the simulator refused Create Session (${response.status})`);
  return response.body as Session;
}

async function createPayment(client: ReturnType<typeof init>, merchantId: string): Promise<string> {
  const order = { amountOfMoney: { amount: 1000, currencyCode: 'EUR' }, references: { merchantReference: 'bench' } };
  const response = await client.v1.payments.create(merchantId, { order, cardPaymentMethodSpecificInput: { paymentProductId: 3012 } }, null);
  const id = response.isSuccess ? response.body.payment?.id : undefined;
  if (!id) throw new Error(`the simulator refused Create Payment (${response.status})`);
  return id;
}

const target = (session: Session, paymentId: string): PollTarget => ({
  clientApiUrl: session.clientApiUrl,
  customerId: session.customerId,
  clientSessionId: session.clientSessionId,
  paymentId,
});

/**
 * The panel: one PollManager for every payment, as the panel has, and a subscriber that does what
 * the panel's rendering does with each change: build the timeline. A status is seen when its row is there.
 */
function startPanel(sessions: Session, seen: StatusEvent[]) {
  const manager = new PollManager({
    fetch: createPanelPollFetch({ has: () => Promise.resolve(true) }),
    clock: systemClock,
    meta: { toolVersion: '0.1.0', platformIdentifier: `Node.js ${process.version}` },
  });
  const origin = originOf(sessions.clientApiUrl);
  if (origin) manager.approve(origin);
  const known = new Map<string, { records: unknown; statuses: Set<string> }>();
  manager.subscribe(() => {
    const at = now();
    for (const poll of manager.list()) {
      const mine = known.get(poll.key) ?? { records: undefined, statuses: new Set<string>() };
      known.set(poll.key, mine);
      if (mine.records === poll.records) continue;
      mine.records = poll.records;
      for (const row of buildTimeline({ records: poll.records }).rows) {
        if (row.kind !== 'state' || mine.statuses.has(row.status)) continue;
        mine.statuses.add(row.status);
        seen.push({ paymentId: poll.target.paymentId, status: row.status, at });
      }
    }
  });
  return {
    start(paymentId: string) {
      const started = manager.start(target(sessions, paymentId), 3012);
      if (!started.ok) throw new Error(started.reason);
    },
    done: (paymentIds: readonly string[]) => paymentIds.every((id) => manager.list().some((p) => p.target.paymentId === id && p.stop?.reason === 'completed')),
    close: () => manager.closeAll(),
  };
}

/** The poller the panel is measured against: every second, whatever happened, until COMPLETED. */
function startFixed(session: Session, paymentId: string, seen: StatusEvent[]) {
  const url = `${session.clientApiUrl}/v1/${session.customerId}/payments/${paymentId}/thirdpartystatus`;
  const headers = { Accept: 'application/json', Authorization: `GCS v1Client:${session.clientSessionId}` };
  let last: string | undefined;
  let completed = false;
  const poll = async () => {
    try {
      const response = await fetch(url, { headers });
      const body = (await response.json()) as { thirdPartyStatus?: unknown };
      if (typeof body.thirdPartyStatus !== 'string' || body.thirdPartyStatus === last) return;
      last = body.thirdPartyStatus;
      seen.push({ paymentId, status: last, at: now() });
      if (last === 'COMPLETED') {
        completed = true;
        clearInterval(timer);
      }
    } catch {
      // A failed poll is a poll the next tick repeats, as a fixed poller does.
    }
  };
  const timer = setInterval(() => void poll(), FIXED_INTERVAL_MS);
  void poll();
  return { done: () => completed, close: () => clearInterval(timer) };
}

function changesAtTheSimulator(simulator: Simulator, paymentIds: readonly string[]): StatusEvent[] {
  return paymentIds.flatMap((paymentId) =>
    (simulator.control.getPayment(paymentId)?.history ?? [])
      .filter((entry) => entry.step !== 'create')
      .map((entry) => ({ paymentId, status: entry.thirdPartyStatus, at: Date.parse(entry.at) })),
  );
}

function statusRequests(simulator: Simulator, clientSessionId: string): number {
  return simulator.control.requests({ api: 'client', clientSessionId }).filter((r) => r.path.endsWith('/thirdpartystatus')).length;
}

export async function benchPollingEconomy(options: { payments: number; seed?: number }): Promise<PollingEconomyResult> {
  const before = loadavg()[0] ?? Number.NaN;
  const began = now();
  const simulator = await startSimulator({ port: 0, host: '127.0.0.1' });
  const closers: (() => void)[] = [];
  const timers: ReturnType<typeof setTimeout>[] = [];
  try {
    const client = merchantClient(simulator);
    const merchantId = simulator.credentials.merchantId;
    const [panelSession, fixedSession] = [await createSession(client, merchantId), await createSession(client, merchantId)];
    const paymentIds: string[] = [];
    for (let i = 0; i < options.payments; i++) paymentIds.push(await createPayment(client, merchantId));
    const plan = planStatusChanges(options.payments, options.seed);

    const panelSeen: StatusEvent[] = [];
    const fixedSeen: StatusEvent[] = [];
    const panel = startPanel(panelSession, panelSeen);
    closers.push(panel.close);
    const fixed: ReturnType<typeof startFixed>[] = [];
    const t0 = now();
    plan.forEach((planned, i) => {
      const paymentId = paymentIds[i] ?? '';
      timers.push(
        setTimeout(() => {
          panel.start(paymentId);
          const poller = startFixed(fixedSession, paymentId, fixedSeen);
          fixed.push(poller);
          closers.push(poller.close);
        }, planned.startMs),
      );
      for (const change of planned.changes) {
        timers.push(
          setTimeout(() => {
            const moved = simulator.control.step(paymentId, change.step);
            if (!moved.ok) throw new Error(`step ${change.step}: ${moved.reason}`);
          }, planned.startMs + change.afterMs),
        );
      }
    });

    // Until both have seen every payment complete, or well after the last change.
    const lastChangeMs = Math.max(...plan.map((p) => p.startMs + (p.changes.at(-1)?.afterMs ?? 0)));
    const deadline = t0 + lastChangeMs + 5 * MAX_GAP_MS;
    while (now() < deadline && !(panel.done(paymentIds) && fixed.length === paymentIds.length && fixed.every((f) => f.done()))) await sleep(50);
    for (const close of closers) close();
    await sleep(50);

    const changes = changesAtTheSimulator(simulator, paymentIds);
    const panelFigures = pollerFigures(statusRequests(simulator, panelSession.clientSessionId), changes, panelSeen);
    const fixedFigures = pollerFigures(statusRequests(simulator, fixedSession.clientSessionId), changes, fixedSeen);
    return {
      payments: options.payments,
      changes: changes.length,
      intervalMs: FIXED_INTERVAL_MS,
      panel: panelFigures,
      fixed: fixedFigures,
      verdict: pollingVerdict(panelFigures, fixedFigures),
      wallMs: now() - began,
      loadAverage: { before, after: loadavg()[0] ?? Number.NaN },
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    for (const close of closers) close();
    await simulator.close();
  }
}

const passFail = (pass: boolean) => (pass ? 'pass' : 'FAIL');

export function formatPollingEconomy(result: PollingEconomyResult): string {
  const { panel, fixed, verdict } = result;
  const row = (name: string, figures: PollerFigures) => [
    name,
    String(figures.requests),
    `${figures.transitions}${figures.missed ? ` (${figures.missed} missed)` : ''}`,
    figures.requestsPerTransition.toFixed(2),
    formatMs(figures.delayMs.median),
    formatMs(figures.delayMs.p95),
    formatMs(figures.delayMs.max),
  ];
  return [
    `Polling economy: the panel's poll path against a fixed ${result.intervalMs / 1000} s poller, same run, real simulator on loopback, ${result.payments} payments, ${result.changes} scripted status changes (${(result.wallMs / 1000).toFixed(1)} s)`,
    textTable(['poller', 'requests', 'transitions seen', 'requests/transition', 'delay median', 'p95', 'max'], [row('panel (PollManager)', panel), row('fixed 1 s setInterval', fixed)]),
    `requests per transition: panel ${verdict.requests.panel.toFixed(2)} against fixed ${verdict.requests.fixed.toFixed(2)}, budget no more than fixed: ${passFail(verdict.requests.pass)}`,
    `p95 delay, change at the simulator to the row in the panel: ${formatMs(verdict.delay.p95Ms)}, budget ≤ ${formatMs(verdict.delay.budgetMs)} (interval + 150 ms): ${passFail(verdict.delay.pass)}`,
    `every change seen by both: ${verdict.complete ? 'yes' : 'NO'}. Load average ${result.loadAverage.before.toFixed(2)} before, ${result.loadAverage.after.toFixed(2)} after.`,
  ].join('\n');
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { FAULT_KINDS, type FaultKind } from '../../src/simulator/index.ts';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../scripts/browser/extension-browser.ts';
import { openConnectPanel } from '../../scripts/browser/devtools-panel.ts';
import { startDemoServers, type DemoServers } from './harness/demo-servers.ts';
import { startPolling, stateRows, waitForState } from '../../scripts/browser/panel-polling.ts';
import { waitFor } from '../../scripts/browser/wait-for.ts';

type Poll = ReturnType<Frame['locator']>;

/** What each fault must look like in the panel, and how the poller must react. */
type Case = {
  kind: FaultKind;
  spec?: Record<string, unknown>;
  times: number;
  /** The row the fault leaves in the timeline. */
  shows: (poll: Poll) => Promise<boolean>;
  /** What the poller does next: waits longer, obeys Retry-After, goes on at its interval, or stops. */
  reaction: 'backoff' | 'retry-after' | 'continues' | 'stops';
};

const errorRow = (outcome: string) => async (poll: Poll) =>
  (await poll.locator(`[data-testid="timeline-row"][data-kind="error"][data-outcome="${outcome}"]`).count()) > 0;
const errorText = (outcome: string, text: string) => async (poll: Poll) =>
  ((await poll.locator(`[data-testid="timeline-row"][data-outcome="${outcome}"]`).allTextContents()).join(' ')).includes(text);

const CASES: Case[] = [
  // A slow answer is not an error: the polls that saw WAITING simply took longer.
  { kind: 'latency', spec: { ms: 1500 }, times: 2, reaction: 'continues', shows: async (poll) => (await stateRows(poll))[0] === 'WAITING' },
  { kind: 'http-500', times: 2, reaction: 'backoff', shows: errorText('server-error', 'Server error 500') },
  { kind: 'http-502', times: 2, reaction: 'backoff', shows: errorText('server-error', 'Server error 502') },
  { kind: 'http-503', times: 2, reaction: 'backoff', shows: errorText('server-error', 'Server error 503') },
  { kind: 'http-429', spec: { retryAfterSeconds: 2 }, times: 1, reaction: 'retry-after', shows: errorText('rate-limited', 'retry after 2 s') },
  { kind: 'malformed-json', times: 2, reaction: 'backoff', shows: errorRow('malformed') },
  { kind: 'html-error', times: 2, reaction: 'backoff', shows: errorText('server-error', 'HTML page') },
  { kind: 'drop-connection', times: 2, reaction: 'backoff', shows: errorRow('network-error') },
  { kind: 'hang', times: 1, reaction: 'backoff', shows: errorRow('timeout') },
  {
    kind: 'unknown-status',
    spec: { value: 'PENDING_PHONE' },
    times: 2,
    reaction: 'continues',
    shows: async (poll) => (await poll.locator('[data-testid="timeline-row"][data-unexpected="unknown-value"][data-status="PENDING_PHONE"]').count()) > 0,
  },
  { kind: 'expire-session', times: 1, reaction: 'stops', shows: async (poll) => (await poll.getAttribute('data-stop-reason')) === 'session-expired' },
];

let browser: ExtensionBrowser;
let servers: DemoServers;
let page: Page;
let panel: Frame;
let customerId: string;

beforeAll(async () => {
  servers = await startDemoServers();
  browser = await launchExtensionBrowser();
  page = await browser.context.newPage();
  await page.goto(`${servers.merchant.url}/`);
  await page.locator('#checkout[data-status="ready"]').waitFor();
  customerId = servers.simulator.control.listSessions()[0]!.customerId;
  ({ panel } = await openConnectPanel(browser.context, page, browser.extensionId));
});

afterAll(async () => {
  await browser?.close();
  await servers?.close();
});

/** A payment made through the merchant's own endpoint: the panel learns it from the create-payment answer. */
async function createPayment(): Promise<string> {
  return page.evaluate(async () => {
    const response = await fetch('/api/payments', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ productId: 3012 }) });
    return ((await response.json()) as { payment: { id: string } }).payment.id;
  });
}

describe('every simulator fault, seen through the panel', () => {
  it('covers every fault kind the simulator offers', () => {
    expect(CASES.map((c) => c.kind).sort()).toEqual([...FAULT_KINDS].sort());
  });

  it.each(CASES)('$kind: shown in the timeline, the poller reacts ($reaction), and the final status is right once it clears', async (c) => {
    const paymentId = await createPayment();
    const poll = await startPolling(panel, customerId, paymentId);
    await waitForState(poll, 'WAITING');

    const added = servers.simulator.control.addFault({ kind: c.kind, paymentId, times: c.times, ...c.spec });
    expect(added.ok).toBe(true);
    await waitFor(() => c.shows(poll), { what: `${c.kind} in the timeline`, timeout: 30_000 });

    const pollState = poll.getByTestId('poll-state');
    if (c.reaction === 'backoff' || c.reaction === 'retry-after') {
      await waitFor(async () => (await pollState.textContent())?.includes(`(${c.reaction})`), { what: `the poller's ${c.reaction}`, timeout: 15_000 });
    } else if (c.reaction === 'stops') {
      expect(await poll.getAttribute('data-phase')).toBe('stopped');
      expect(await poll.getByTestId('stop-row').textContent()).toContain('expired');
      // A 9008 is final on the real platform, so the session is refused everywhere and offers no more polls.
      const session = panel.locator(`[data-testid="session"][data-customer-id="${customerId}"]`);
      await waitFor(async () => (await session.getAttribute('data-refused')) === 'true', { what: 'the session marked refused' });
      await poll.getByTestId('poll-refused').waitFor();
      expect(await poll.getByTestId('poll-restart').count()).toBe(0);
      expect(await session.getByTestId('poll-button').count()).toBe(0);
      return;
    }

    // Once the fault is spent, the customer completes the payment and the panel ends on the right status.
    await waitFor(() => servers.simulator.control.listFaults().every((f) => f.paymentId !== paymentId || f.remaining === 0), {
      what: 'the fault to be spent',
      timeout: 30_000,
    });
    for (const step of ['scan', 'authenticate', 'confirm'] as const) expect(servers.simulator.control.step(paymentId, step).ok).toBe(true);
    await waitForState(poll, 'COMPLETED', 30_000);
    await waitFor(async () => (await poll.getAttribute('data-stop-reason')) === 'completed', { what: 'the stop at COMPLETED' });
    const faulted = servers.simulator.control.requests({ paymentId, api: 'client' }).filter((r) => r.faults.length > 0);
    expect(faulted.length).toBeGreaterThanOrEqual(1);
  });
});

// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Observation } from '../../../src/core/detect/observation.ts';
import type { PollFetch } from '../../../src/core/poll/poller.ts';
import { App } from '../../../src/panel/components/App.tsx';
import { FakeTransport } from './fake-transport.ts';
import { fakeServices, untilSaved } from './fake-services.ts';

const ORIGIN = 'https://ams1.sandbox.api-ingenico.com';
const SESSION = '51d29012e6ce4b81afa6cc7551ef4e36';
const PAYMENT = '000000123410000595980000100001';
const AT = Date.UTC(2026, 10, 25, 11, 59);
const observations: Observation[] = [
  {
    kind: 'client-api-call',
    at: AT,
    source: 'network',
    url: `${ORIGIN}/client/v1/1234-abc/payments/${PAYMENT}/thirdpartystatus`,
    method: 'GET',
    status: 200,
    durationMs: 20,
    clientSessionId: SESSION,
    customerId: '1234-abc',
    clientApiUrl: `${ORIGIN}/client`,
    path: `payments/${PAYMENT}/thirdpartystatus`,
    paymentId: PAYMENT,
    thirdPartyStatus: 'WAITING',
  },
  { kind: 'payment', at: AT, paymentId: PAYMENT, source: 'thirdpartystatus-call', clientSessionId: SESSION },
];

let root: HTMLElement;
let copied: string[];

beforeEach(() => {
  copied = [];
  // What the panel's copy puts on the clipboard (its first route; the fallback is for DevTools frames).
  vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(async (text: string) => void copied.push(text));
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => root.querySelector<T>(`[data-testid="${id}"]`)!;

/** A completed poll of an approved origin, its card on screen. */
async function polledPayment() {
  const fetch: PollFetch = async () => ({ status: 200, headers: { 'content-type': 'application/json' }, bodyText: '{"thirdPartyStatus":"COMPLETED"}' });
  const { services, clock, saved } = fakeServices(fetch);
  const transport = new FakeTransport(3);
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(<App transport={transport} services={services} />, root));
  act(() => transport.snapshot(observations, { preserveLog: false, approvedOrigins: [ORIGIN] }));
  act(() => byTestId('session-toggle').click());
  await act(async () => byTestId('poll-button').click());
  await act(() => clock.advance(10));
  return { saved };
}

const tick = (box: HTMLInputElement) =>
  act(() => {
    box.checked = true;
    box.dispatchEvent(new Event('change', { bubbles: true }));
  });

describe('session ids in clear are given for one action, then redacted again', () => {
  it('exports in clear only the one export the box was ticked for', async () => {
    const { saved } = await polledPayment();
    const box = byTestId<HTMLInputElement>('export-unredacted');

    tick(box);
    act(() => byTestId('poll-export').click());
    await untilSaved(saved, 1);
    expect(saved[0]!.text).toContain(SESSION);
    expect(JSON.parse(saved[0]!.text).redacted).toBe(false);
    expect(box.checked).toBe(false);

    act(() => byTestId('export-all').click());
    await untilSaved(saved, 2);
    expect(saved[1]!.text).not.toContain(SESSION);
    expect(JSON.parse(saved[1]!.text).redacted).toBe(true);
  });

  it('copies a raw request in clear only once, then masked, and masks the raw view again', async () => {
    await polledPayment();
    const raw = [...root.querySelectorAll<HTMLButtonElement>('[data-testid="timeline-row"] button')].find((b) => b.textContent === 'Raw')!;
    act(() => raw.click());
    const box = byTestId<HTMLInputElement>('reveal-session-id');

    await act(async () => byTestId('copy-curl').click());
    expect(copied[0]).not.toContain(SESSION);

    tick(box);
    expect(byTestId('raw-request').textContent).toContain(SESSION);
    await act(async () => byTestId('copy-curl').click());
    expect(copied[1]).toContain(`GCS v1Client:${SESSION}`);
    expect(box.checked).toBe(false);
    expect(byTestId('raw-request').textContent).not.toContain(SESSION);

    await act(async () => byTestId('copy-fetch').click());
    expect(copied[2]).not.toContain(SESSION);

    tick(box);
    await act(async () => byTestId('copy-fetch').click());
    expect(copied[3]).toContain(SESSION);
    expect(box.checked).toBe(false);
  });
});

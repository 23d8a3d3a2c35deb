// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Observation } from '../../../src/core/detect/observation.ts';
import type { PollFetch } from '../../../src/core/poll/poller.ts';
import { App } from '../../../src/panel/components/App.tsx';
import { FakeHostAccess } from './fake-host-access.ts';
import { FakeTransport } from './fake-transport.ts';
import { ManualClock, fakeServices, nextBatch } from './fake-services.ts';

const channel = 'connect-devtools' as const;
const ORIGIN = 'http://127.0.0.1:4010';
const SESSION = '51d29012e6ce4b81afa6cc7551ef4e36';
const PAYMENT = '000000123410000595980000100001';
const observations: Observation[] = [
  {
    kind: 'client-api-call',
    at: Date.UTC(2026, 10, 25, 11, 59),
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
  { kind: 'payment', at: Date.UTC(2026, 10, 25, 11, 59), paymentId: PAYMENT, source: 'thirdpartystatus-call', clientSessionId: SESSION },
];

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

function mount(hostAccess: FakeHostAccess, approvedOrigins: string[] = []) {
  const urls: string[] = [];
  const fetch: PollFetch = async (request) => {
    urls.push(request.url);
    return { status: 200, headers: { 'content-type': 'application/json' }, bodyText: '{"thirdPartyStatus":"WAITING"}' };
  };
  const { services, clock } = fakeServices(fetch, new ManualClock(), hostAccess);
  const transport = new FakeTransport(3);
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(<App transport={transport} services={services} />, root));
  act(() => transport.snapshot(observations, { preserveLog: false, approvedOrigins }));
  act(() => root.querySelector<HTMLButtonElement>('[data-testid="session-toggle"]')!.click());
  return { urls, transport, clock };
}

/** Lets the browser's answers (promises) reach the components. */
const settle = () => act(async () => new Promise<void>((resolve) => setTimeout(resolve, 0)));
const settingsChanges = (transport: FakeTransport) => transport.sent.filter((m) => m.type === 'settings-change');
const pressPoll = () => act(() => root.querySelector<HTMLButtonElement>('[data-testid="poll-button"]')!.click());
const pressAllow = () => act(async () => root.querySelector<HTMLButtonElement>('[data-testid="approve"]')!.click());
/** The approved origins are in the settings dialog, loaded when first opened. */
async function openSettings() {
  await act(async () => root.querySelector<HTMLButtonElement>('[data-testid="settings-button"]')!.click());
  // The first import of the dialog's module is transformed for the test: give it real time.
  for (let i = 0; i < 500 && !root.querySelector('[data-testid="settings-dialog"]'); i++) {
    await act(async () => new Promise<void>((resolve) => setTimeout(resolve, 10)));
  }
  // Each origin's access is asked of the browser when the list is shown.
  await settle();
}

describe('approving a Client API origin asks the browser for access to that origin', () => {
  it('waits for the browser prompt, sending nothing, and polls once access is granted', async () => {
    const hostAccess = new FakeHostAccess();
    hostAccess.answer = 'pending';
    const { urls, transport, clock } = mount(hostAccess);
    pressPoll();
    await pressAllow();
    expect(hostAccess.requested).toEqual([ORIGIN]);
    expect(root.querySelector('[data-testid="approval"]')?.getAttribute('data-asking')).toBe('true');
    expect(root.querySelector('[data-testid="approval-asking"]')?.textContent).toContain("Chrome's prompt");
    expect(root.querySelector('[data-testid="approve"]')).toBeNull();
    await act(() => clock.advance(3000));
    expect(urls).toEqual([]);
    expect(settingsChanges(transport)).toEqual([]);

    await act(async () => hostAccess.answerWaiting('granted'));
    expect(root.querySelector('[data-testid="approval"]')).toBeNull();
    expect(settingsChanges(transport)).toEqual([{ channel, type: 'settings-change', change: { key: 'approveOrigin', origin: ORIGIN } }]);
    await act(() => clock.advance(10));
    expect(urls).toHaveLength(1);
    expect(root.querySelector('[data-testid="poll"]')).not.toBeNull();
  });

  it('sends nothing and approves nothing when the browser prompt is declined', async () => {
    const hostAccess = new FakeHostAccess();
    hostAccess.answer = 'declined';
    const { urls, transport, clock } = mount(hostAccess);
    pressPoll();
    await pressAllow();
    await act(() => clock.advance(3000));
    expect(urls).toEqual([]);
    expect(settingsChanges(transport)).toEqual([]);
    expect(root.querySelector('[data-testid="notice"]')?.textContent).toBe(
      `Access to ${ORIGIN} was not granted in Chrome's prompt: nothing was sent. Poll again to be asked again.`,
    );
  });

  it('still approves and polls where the browser cannot ask (Firefox), relying on CORS', async () => {
    const hostAccess = new FakeHostAccess();
    hostAccess.answer = 'unavailable';
    const { urls, transport, clock } = mount(hostAccess);
    pressPoll();
    await pressAllow();
    await act(() => clock.advance(10));
    expect(settingsChanges(transport)).toHaveLength(1);
    expect(urls).toHaveLength(1);
  });
});

describe('the approved origins list', () => {
  it('shows whether Chrome granted access, and Revoke withdraws the approval and the access, stopping the poll', async () => {
    const hostAccess = new FakeHostAccess();
    hostAccess.granted.add(ORIGIN);
    const { urls, transport, clock } = mount(hostAccess, [ORIGIN]);
    pressPoll();
    await act(() => clock.advance(10));
    await settle();
    expect(urls).toHaveLength(1);
    await openSettings();
    const item = root.querySelector(`[data-testid="approved-origin"][data-origin="${ORIGIN}"]`);
    expect(item?.getAttribute('data-access')).toBe('granted');
    expect(item?.textContent).toContain('Chrome access granted');

    await act(async () => root.querySelector<HTMLButtonElement>('[data-testid="revoke-origin"]')!.click());
    await settle();
    expect(settingsChanges(transport).at(-1)).toEqual({ channel, type: 'settings-change', change: { key: 'revokeOrigin', origin: ORIGIN } });
    expect(hostAccess.removed).toEqual([ORIGIN]);
    expect(hostAccess.granted.has(ORIGIN)).toBe(false);

    // The worker answers with the new settings; the poll of that origin stops there.
    act(() => transport.deliver({ channel, type: 'settings', tabId: 3, settings: { preserveLog: false, approvedOrigins: [], pollIntervalSeconds: 1 } }));
    await nextBatch(clock);
    expect(root.querySelector('[data-testid="poll"]')?.getAttribute('data-stop-reason')).toBe('origin-revoked');
    expect(root.querySelector('[data-testid="approved-origin"]')).toBeNull();
    const sent = urls.length;
    await act(() => clock.advance(5000));
    expect(urls).toHaveLength(sent);
  });

  it('offers Grant access for an origin approved without it', async () => {
    const hostAccess = new FakeHostAccess();
    mount(hostAccess, [ORIGIN]);
    await settle();
    await openSettings();
    const item = () => root.querySelector(`[data-testid="approved-origin"][data-origin="${ORIGIN}"]`);
    expect(item()?.getAttribute('data-access')).toBe('cors-only');
    await act(async () => root.querySelector<HTMLButtonElement>('[data-testid="grant-origin"]')!.click());
    await settle();
    expect(hostAccess.requested).toEqual([ORIGIN]);
    expect(item()?.getAttribute('data-access')).toBe('granted');
    expect(root.querySelector('[data-testid="grant-origin"]')).toBeNull();
  });
});

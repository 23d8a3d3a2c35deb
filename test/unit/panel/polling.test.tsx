// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Observation } from '../../../src/core/detect/observation.ts';
import type { PollFetch } from '../../../src/core/poll/poller.ts';
import { App } from '../../../src/panel/components/App.tsx';
import { DEFAULT_SETTINGS } from '../../../src/extension/messaging/envelope.ts';
import { FakeTransport } from './fake-transport.ts';
import { fakeServices, untilSaved } from './fake-services.ts';

const channel = 'connect-devtools' as const;
const SESSION = '51d29012e6ce4b81afa6cc7551ef4e36';
const PAYMENT = '000000123410000595980000100001';
const observations: Observation[] = [
  {
    kind: 'client-api-call',
    at: Date.UTC(2026, 10, 25, 11, 59),
    source: 'network',
    url: `https://ams1.sandbox.api-ingenico.com/client/v1/1234-abc/payments/${PAYMENT}/thirdpartystatus`,
    method: 'GET',
    status: 200,
    durationMs: 20,
    clientSessionId: SESSION,
    customerId: '1234-abc',
    clientApiUrl: 'https://ams1.sandbox.api-ingenico.com/client',
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

describe('polling from the panel', () => {
  it('asks before sending the session id to a new origin, then polls and shows each transition once', async () => {
    const statuses = ['WAITING', 'WAITING', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED'];
    const urls: string[] = [];
    const fetch: PollFetch = async (request) => {
      urls.push(request.url);
      return { status: 200, headers: { 'content-type': 'application/json' }, bodyText: JSON.stringify({ thirdPartyStatus: statuses[urls.length - 1] }) };
    };
    const { services, clock } = fakeServices(fetch);
    const transport = new FakeTransport(3);
    root = document.createElement('div');
    document.body.append(root);
    act(() => render(<App transport={transport} services={services} />, root));
    act(() => transport.snapshot(observations));

    act(() => root.querySelector<HTMLButtonElement>('[data-testid="session-toggle"]')!.click());
    act(() => root.querySelector<HTMLButtonElement>('[data-testid="poll-button"]')!.click());
    expect(root.querySelector('[data-testid="approval"]')?.textContent).toContain('https://ams1.sandbox.api-ingenico.com');
    expect(urls).toEqual([]);

    await act(async () => root.querySelector<HTMLButtonElement>('[data-testid="approve"]')!.click());
    expect(transport.sent.at(-1)).toEqual({ channel, type: 'settings-change', change: { key: 'approveOrigin', origin: 'https://ams1.sandbox.api-ingenico.com' } });
    for (let i = 0; i < 6; i++) await act(() => clock.advance(1000));

    expect(urls[0]).toBe(`https://ams1.sandbox.api-ingenico.com/client/v1/1234-abc/payments/${PAYMENT}/thirdpartystatus`);
    const rows = [...root.querySelectorAll('[data-testid="timeline-row"][data-kind="state"]')].map((r) => r.getAttribute('data-status'));
    expect(rows).toEqual(['WAITING', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED']);
    expect(root.querySelector('[data-testid="poll"]')?.getAttribute('data-stop-reason')).toBe('completed');
    expect(urls).toHaveLength(5);
    expect(root.textContent).not.toContain(SESSION);
  });

  it('keeps an approval through settings sent before the worker took it, sends it again to a new worker, and stops once it is revoked', async () => {
    const urls: string[] = [];
    const fetch: PollFetch = async (request) => {
      urls.push(request.url);
      return { status: 200, headers: { 'content-type': 'application/json' }, bodyText: '{"thirdPartyStatus":"WAITING"}' };
    };
    const { services, clock } = fakeServices(fetch);
    const transport = new FakeTransport(3);
    const origin = 'https://ams1.sandbox.api-ingenico.com';
    const other = 'https://payment.preprod.direct.worldline-solutions.com';
    const settings = (approvedOrigins: string[]) => act(() => transport.deliver({ channel, type: 'settings', tabId: 3, settings: { ...DEFAULT_SETTINGS, approvedOrigins } }));
    const approvals = () => transport.sent.filter((m) => m.type === 'settings-change');
    const poll = () => root.querySelector('[data-testid="poll"]')!;
    root = document.createElement('div');
    document.body.append(root);
    act(() => render(<App transport={transport} services={services} />, root));
    act(() => transport.snapshot(observations));
    act(() => root.querySelector<HTMLButtonElement>('[data-testid="poll-button"]')!.click());
    await act(async () => root.querySelector<HTMLButtonElement>('[data-testid="approve"]')!.click());
    expect(approvals()).toHaveLength(1);
    await act(() => clock.advance(10));
    expect(urls).toHaveLength(1);

    // Another DevTools window approved another origin: the worker's settings for that change do not list ours yet.
    settings([other]);
    await act(() => clock.advance(1000));
    expect(poll().getAttribute('data-phase')).not.toBe('stopped');
    expect(urls).toHaveLength(2);

    // The worker stopped before it took our approval: the new worker's snapshot lacks it, and is told once.
    transport.epoch = 'epoch-2';
    act(() => transport.snapshot(observations, { approvedOrigins: [other] }));
    expect(approvals()).toHaveLength(2);
    expect(approvals().at(-1)).toEqual({ channel, type: 'settings-change', change: { key: 'approveOrigin', origin } });
    act(() => transport.snapshot(observations, { approvedOrigins: [other] }));
    expect(approvals()).toHaveLength(2);
    await act(() => clock.advance(1000));
    expect(urls).toHaveLength(3);

    // Listed, then revoked (in another window): the poll stops at once and sends nothing more.
    settings([other, origin]);
    await act(() => clock.advance(1000));
    expect(urls).toHaveLength(4);
    settings([other]);
    expect(poll().getAttribute('data-stop-reason')).toBe('origin-revoked');
    await act(() => clock.advance(5000));
    expect(urls).toHaveLength(4);
    expect(approvals()).toHaveLength(2);
  });

  it('polls an approved origin at once, and exports with the session id redacted by default', async () => {
    const fetch: PollFetch = async () => ({ status: 200, headers: { 'content-type': 'application/json' }, bodyText: '{"thirdPartyStatus":"COMPLETED"}' });
    const { services, clock, saved } = fakeServices(fetch);
    const transport = new FakeTransport(3);
    root = document.createElement('div');
    document.body.append(root);
    act(() => render(<App transport={transport} services={services} />, root));
    act(() =>
      transport.snapshot(observations, { preserveLog: false, approvedOrigins: ['https://ams1.sandbox.api-ingenico.com'] }),
    );
    act(() => root.querySelector<HTMLButtonElement>('[data-testid="session-toggle"]')!.click());
    await act(async () => root.querySelector<HTMLButtonElement>('[data-testid="poll-button"]')!.click());
    expect(root.querySelector('[data-testid="approval"]')).toBeNull();
    await act(() => clock.advance(10));
    act(() => root.querySelector<HTMLButtonElement>('[data-testid="poll-export"]')!.click());
    await untilSaved(saved, 1);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe(`connect-timeline-${PAYMENT}.json`);
    expect(saved[0]!.text).not.toContain(SESSION);
    expect(JSON.parse(saved[0]!.text).redacted).toBe(true);
  });

  it('brings a poll it starts into view, and the running poll again when demo mode turns on', async () => {
    const fetch: PollFetch = async () => ({ status: 200, headers: { 'content-type': 'application/json' }, bodyText: '{"thirdPartyStatus":"WAITING"}' });
    const { services, clock } = fakeServices(fetch);
    const transport = new FakeTransport(3);
    const scrolled: string[] = [];
    const scroll = vi.spyOn(HTMLElement.prototype, 'scrollIntoView').mockImplementation(function (this: HTMLElement) {
      scrolled.push(this.getAttribute('data-testid') ?? '');
    });
    try {
      root = document.createElement('div');
      document.body.append(root);
      act(() => render(<App transport={transport} services={services} />, root));
      act(() => transport.snapshot(observations, { preserveLog: false, approvedOrigins: ['https://ams1.sandbox.api-ingenico.com'] }));
      // The session's details open first (the click selects it), and stand above the polls.
      await act(async () => root.querySelector<HTMLButtonElement>('[data-testid="poll-button"]')!.click());
      await act(() => clock.advance(10));
      expect(root.querySelector('[data-testid="session-details"]')).not.toBeNull();
      expect(scrolled).toEqual(['poll']);
      act(() => root.querySelector<HTMLButtonElement>('[data-testid="demo-mode"]')!.click());
      await act(() => clock.advance(10));
      expect(scrolled).toEqual(['poll', 'poll']);
    } finally {
      scroll.mockRestore();
    }
  });
});

// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientApiCall, Observation, PaymentSeen } from '../../../src/core/detect/observation.ts';
import type { PollFetch } from '../../../src/core/poll/poller.ts';
import { App } from '../../../src/panel/components/App.tsx';
import { readImportedFile } from '../../../src/panel/state/import-file.ts';
import { FakeTransport } from './fake-transport.ts';
import { fakeServices, ManualClock, nextBatch } from './fake-services.ts';

const ORIGIN = 'https://ams1.sandbox.api-ingenico.com';
const SESSION_A = '51d29012e6ce4b81afa6cc7551ef4e36';
const SESSION_B = '8f1c0a7d2e3b4c5d6e7f8a9b0c1d2e3f';
const PAYMENT = '000000123410000595980000100001';
const T0 = Date.UTC(2026, 10, 25, 11, 50);

const call = (at: number, session: string, extra: Partial<ClientApiCall> = {}): ClientApiCall => ({
  kind: 'client-api-call',
  at,
  source: 'network',
  url: `${ORIGIN}/client/v1/1234-abc/products`,
  method: 'GET',
  status: 200,
  durationMs: 20,
  clientSessionId: session,
  customerId: '1234-abc',
  clientApiUrl: `${ORIGIN}/client`,
  path: 'products',
  ...extra,
});
const typed = (session: string): PaymentSeen => ({ kind: 'payment', at: T0 + 1000, paymentId: PAYMENT, source: 'typed', productId: 3012, clientSessionId: session });
const json = (body: unknown, status = 200) => ({ status, headers: { 'content-type': 'application/json' }, bodyText: JSON.stringify(body) });

let root: HTMLElement;
function mount(fetch: PollFetch, clock = new ManualClock()) {
  const { services } = fakeServices(fetch, clock);
  const transport = new FakeTransport(3);
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(<App transport={transport} services={services} />, root));
  return { services, transport, clock };
}
const byTestId = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const click = (element: Element | null) => act(() => (element as HTMLElement).click());
const approved = { preserveLog: false, approvedOrigins: [ORIGIN] };

/** One session on an approved origin with a typed payment, and Poll pressed on it. */
async function pollTypedPayment(transport: FakeTransport) {
  act(() => transport.snapshot([call(T0, SESSION_A), typed(SESSION_A)], approved));
  click(byTestId('session-toggle'));
  await act(async () => byTestId('poll-button')!.click());
}

afterEach(() => {
  render(null, root);
  root.remove();
});

describe('a refused session is refused everywhere', () => {
  it('a page call answered 403 9008 marks the session refused, says both meanings, offers no Poll and stops running polls', async () => {
    const { transport, clock } = mount(async () => json({ thirdPartyStatus: 'WAITING' }));
    await pollTypedPayment(transport);
    await act(() => clock.advance(2000));
    expect(byTestId('poll')!.getAttribute('data-phase')).toBe('running');

    act(() => transport.append([call(T0 + 5000, SESSION_A, { status: 403, errorCodes: ['9008'] })]));
    await act(() => clock.advance(10));
    expect(byTestId('session')!.getAttribute('data-refused')).toBe('true');
    expect(byTestId('session-lifetime')!.textContent).toMatch(/Refused by the platform at .*9008.*expired, or it is not valid for customer 1234-abc/);
    expect(byTestId('poll-button')).toBeNull();
    expect(byTestId('poll-reason')!.textContent).toContain('it has expired, or it is not valid for customer 1234-abc');
    expect(byTestId('poll')!.getAttribute('data-stop-reason')).toBe('session-refused');
    expect(byTestId('poll-state')!.textContent).toContain('9008');
  });

  it("the panel's own poll answered 403 9008 tells the worker, once, as a fact about the session", async () => {
    const error = { errorId: 'x', errors: [{ code: '9008', id: 'ACCESS_TO_CONSUMER_ID_NOT_ALLOWED' }] };
    const { transport, clock, services } = mount(async () => json(error, 403));
    await pollTypedPayment(transport);
    await act(() => clock.advance(10));
    const refusals = transport.sent.flatMap((m) => (m.type === 'observed' ? m.observations.filter((o) => o.kind === 'session-refused') : []));
    expect(refusals).toEqual([{ kind: 'session-refused', at: expect.any(Number), clientSessionId: SESSION_A, customerId: '1234-abc', source: 'panel-poll' }]);
    expect(refusals[0]!.at).toBe(services.polls.list()[0]!.stop!.at);
    expect(byTestId('poll-state')!.textContent).toContain('it has expired, or it is not valid for this customer');
  });
});

describe('a created payment belongs to one session', () => {
  it('asks which session polls a payment created while two were live, and polls with the one chosen', async () => {
    const authorizations: string[] = [];
    const { transport, clock } = mount(async (request) => {
      authorizations.push(request.headers['Authorization'] ?? '');
      return json({ thirdPartyStatus: 'WAITING' });
    });
    const created: Observation = { kind: 'payment', at: T0 + 60_000, paymentId: PAYMENT, source: 'create-payment-response', productId: 3012 };
    act(() => transport.snapshot([call(T0, SESSION_A), call(T0 + 1000, SESSION_B, { customerId: '5678-def' }), created], approved));
    expect(byTestId('unattached')!.textContent).toContain('Several sessions were live');
    click(byTestId('choose-session-button'));
    const choices = [...root.querySelectorAll('[data-testid="choose-session"]')];
    expect(choices).toHaveLength(2);
    await act(async () => (choices.find((c) => c.getAttribute('data-customer-id') === '5678-def') as HTMLElement).click());
    await act(() => clock.advance(10));
    expect(authorizations).toEqual([`GCS v1Client:${SESSION_B}`]);
    expect(byTestId('session-chooser')).toBeNull();
  });

  it('polls the same payment id under two sessions as two polls', async () => {
    const { transport, clock } = mount(async () => json({ thirdPartyStatus: 'WAITING' }));
    act(() => transport.snapshot([call(T0, SESSION_A), call(T0, SESSION_B), typed(SESSION_A), typed(SESSION_B)], approved));
    for (const toggle of root.querySelectorAll('[data-testid="session-toggle"]')) click(toggle);
    for (const button of root.querySelectorAll('[data-testid="poll-button"]')) await act(async () => (button as HTMLElement).click());
    await act(() => clock.advance(10));
    expect(root.querySelectorAll('[data-testid="poll"]')).toHaveLength(2);
  });
});

describe('polling rules below the UI', () => {
  it('keeps the last valid interval for an empty or invalid one, and says so; never below 0.5 s', async () => {
    const { transport, services } = mount(async () => json({ thirdPartyStatus: 'WAITING' }));
    await pollTypedPayment(transport);
    const field = byTestId('poll-interval') as HTMLInputElement;
    const change = (value: string) =>
      act(() => {
        field.value = value;
        field.dispatchEvent(new Event('input', { bubbles: true }));
        field.dispatchEvent(new Event('change', { bubbles: true }));
      });
    change('3');
    expect(services.polls.list()[0]!.state.intervalMs).toBe(3000);
    change('');
    expect(services.polls.list()[0]!.state.intervalMs).toBe(3000);
    expect(byTestId('poll-interval-note')!.textContent).toContain('polling stays every 3 s');
    change('0.01');
    expect(services.polls.list()[0]!.state.intervalMs).toBe(500);
    expect(byTestId('poll-interval-note')!.textContent).toContain('0.5 s is the shortest interval');
  });

  it('changes settings by key, so another window’s approvals are never sent back over', () => {
    const { transport } = mount(async () => json({}));
    act(() => transport.snapshot([], approved));
    click(root.querySelector('[data-testid="preserve-log"]'));
    expect(transport.sent).toEqual([{ channel: 'connect-devtools', type: 'settings-change', change: { key: 'preserveLog', value: true } }]);
  });
});

describe('one truth between the worker and the panel', () => {
  it('asks for a snapshot when an update skips a revision, and takes the snapshot', async () => {
    const { transport, clock } = mount(async () => json({}));
    act(() => transport.snapshot([]));
    transport.revision += 3;
    act(() => transport.append([call(T0, SESSION_A)]));
    await nextBatch(clock);
    expect(byTestId('session')).toBeNull();
    expect(transport.sent).toEqual([{ channel: 'connect-devtools', type: 'hello' }]);
    act(() => transport.snapshot([call(T0, SESSION_A)]));
    await nextBatch(clock);
    expect(root.querySelectorAll('[data-testid="session"]')).toHaveLength(1);
  });

  it('shows a storage failure once, and keeps showing what was detected', async () => {
    const { transport, clock } = mount(async () => json({}));
    act(() => transport.snapshot([call(T0, SESSION_A)]));
    act(() => transport.deliver({ channel: 'connect-devtools', type: 'health', tabId: 3, health: { storageError: 'The browser refused to save this tab’s data (quota).', droppedPageReports: 2 } }));
    await nextBatch(clock);
    expect(root.querySelectorAll('[data-testid="storage-error"]')).toHaveLength(1);
    expect(byTestId('dropped-page-reports')!.textContent).toContain('2 session reports from the page ignored');
    expect(root.querySelectorAll('[data-testid="session"]')).toHaveLength(1);
  });

  it('says when a port gave up, for the panel or for network capture, and offers Reconnect', () => {
    const { transport } = mount(async () => json({}));
    act(() => {
      transport.setStatus('connected');
      transport.snapshot([]);
    });
    expect(byTestId('reconnect')).toBeNull();
    act(() => transport.setCaptureStatus('closed'));
    expect(byTestId('connection')!.textContent).toBe('Connected, but network capture is disconnected');
    click(byTestId('reconnect'));
    expect(transport.reconnects).toBe(1);
    act(() => {
      transport.setCaptureStatus('connected');
      transport.setStatus('closed');
    });
    expect(byTestId('connection')!.textContent).toBe('Disconnected from the extension');
    expect(byTestId('reconnect')).not.toBeNull();
  });

  it('shows the polls of an earlier DevTools window stopped, with Resume, and resumes them', async () => {
    const clock = new ManualClock();
    const { services, transport } = mount(async () => json({ thirdPartyStatus: 'INITIALIZED' }), clock);
    act(() => transport.snapshot([call(T0, SESSION_A)], approved));
    const target = { clientApiUrl: `${ORIGIN}/client`, customerId: '1234-abc', paymentId: PAYMENT, clientSessionId: SESSION_A };
    const record = {
      seq: 0,
      source: 'poll' as const,
      startedAt: T0,
      endedAt: T0 + 40,
      request: { method: 'GET' as const, url: `${ORIGIN}/client/v1/1234-abc/payments/${PAYMENT}/thirdpartystatus`, headers: {} },
      response: { status: 200, headers: {}, bodyText: '{"thirdPartyStatus":"WAITING"}' },
      outcome: { kind: 'status' as const, status: 'WAITING' as const },
    };
    act(() => services.polls.restore([{ target, records: [record], intervalMs: 1000 }]));
    expect(byTestId('poll')!.getAttribute('data-stop-reason')).toBe('closed');
    expect(byTestId('poll-state')!.textContent).toContain('DevTools closed');
    await act(async () => byTestId('poll-resume')!.click());
    await act(() => clock.advance(10));
    const rows = [...root.querySelectorAll('[data-testid="timeline-row"][data-kind="state"]')].map((r) => r.getAttribute('data-status'));
    expect(rows).toEqual(['WAITING', 'INITIALIZED']);
    expect(byTestId('poll')!.getAttribute('data-phase')).toBe('running');
  });
});

describe('an imported file is judged at its own time', () => {
  it('shows a HAR recorded long ago as it was then, with when it was recorded', () => {
    const startedDateTime = new Date(Date.UTC(2024, 0, 15, 10, 0)).toISOString();
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'test', version: '1' },
        pages: [],
        entries: [
          {
            startedDateTime,
            time: 30,
            request: {
              method: 'GET',
              url: `${ORIGIN}/client/v1/1234-abc/payments/${PAYMENT}/thirdpartystatus`,
              headers: [{ name: 'Authorization', value: `GCS v1Client:${SESSION_A}` }],
            },
            response: { status: 200, headers: [], content: { mimeType: 'application/json', text: '{"thirdPartyStatus":"WAITING"}' } },
          },
        ],
      },
    };
    const file = readImportedFile('old.har', JSON.stringify(har));
    expect(file.ok && file.value.recordedAt).toBe(Date.UTC(2024, 0, 15, 10, 0) + 30);
    const { transport } = mount(async () => json({}));
    act(() => transport.snapshot([]));
    const input = byTestId('import-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File([JSON.stringify(har)], 'old.har')] });
    return act(async () => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }).then(() => {
      expect(byTestId('imported-recorded-at')!.textContent).toContain('Recorded at');
      const session = root.querySelector('[data-testid="imported"] [data-testid="session"]')!;
      expect(session.getAttribute('data-expired')).toBe('false');
      expect(session.querySelector('[data-testid="session-lifetime"]')!.textContent).toContain('At most 1 h 59 min left');
    });
  });
});

// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientApiCall } from '../../../src/core/detect/observation.ts';
import { App } from '../../../src/panel/components/App.tsx';
import { FakeTransport } from './fake-transport.ts';
import { fakeServices, nextBatch, ManualClock } from './fake-services.ts';

const channel = 'connect-devtools' as const;
const SESSION = '51d29012e6ce4b81afa6cc7551ef4e36';
const call: ClientApiCall = {
  kind: 'client-api-call',
  at: Date.UTC(2026, 10, 25, 12),
  source: 'network',
  url: 'https://h/client/v1/1234-abc/products',
  method: 'GET',
  status: 200,
  durationMs: 12,
  clientSessionId: SESSION,
  customerId: '1234-abc',
  clientApiUrl: 'https://h/client',
  path: 'products',
};

let root: HTMLElement;
function mount(transport: FakeTransport, clock = new ManualClock()) {
  const { services } = fakeServices(async () => ({ status: 200, headers: {}, bodyText: '{}' }), clock);
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(<App transport={transport} services={services} />, root));
  return clock;
}
const byTestId = (id: string) => root.querySelector(`[data-testid="${id}"]`);

afterEach(() => {
  render(null, root);
  root.remove();
});

describe('the panel against a fake transport', () => {
  it('says it is connecting until the first snapshot, then what it watches', () => {
    const transport = new FakeTransport(9);
    mount(transport);
    expect(byTestId('watching')?.textContent).toContain('Connecting');
    act(() => {
      transport.setStatus('connected');
      transport.snapshot([]);
    });
    expect(byTestId('watching')?.textContent).toContain('Nothing detected yet');
    expect(byTestId('connection')?.textContent).toBe('Connected');
  });

  it("shows this tab's sessions with the session id masked, and ignores another tab's", async () => {
    const transport = new FakeTransport(9);
    const clock = mount(transport);
    act(() => transport.snapshot([]));
    act(() => transport.append([call], 10));
    await nextBatch(clock);
    expect(byTestId('session')).toBeNull();
    act(() => transport.append([call]));
    await nextBatch(clock);
    const sessions = root.querySelectorAll('[data-testid="session"]');
    expect(sessions).toHaveLength(1);
    expect(byTestId('session-customer')?.textContent).toBe('1234-abc');
    expect(root.textContent).not.toContain(SESSION);
    // Nothing selected yet: no details. A click on the session shows its overview in the details pane.
    expect(byTestId('session-details')).toBeNull();
    act(() => (byTestId('session-customer') as HTMLElement).click());
    expect(byTestId('session')?.getAttribute('data-selected')).toBe('true');
    expect(byTestId('session-details')?.getAttribute('data-tab')).toBe('overview');
    expect(byTestId('session-id')?.textContent).toBe('51d2…4e36');
    expect(root.querySelectorAll('[data-testid="call-row"]')).toHaveLength(0);
    // Its calls are a tab of the details, opened from the card's "1 call" too.
    act(() => (byTestId('session-toggle') as HTMLButtonElement).click());
    expect(byTestId('session-details')?.getAttribute('data-tab')).toBe('calls');
    expect(byTestId('session-tab-calls')?.getAttribute('aria-selected')).toBe('true');
    const rows = root.querySelectorAll('[data-testid="call-row"]');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain('products');
    expect(rows[0]!.textContent).not.toContain(SESSION);
  });

  it('reveals the session id only when asked', async () => {
    const transport = new FakeTransport(9);
    const clock = mount(transport);
    act(() => transport.snapshot([]));
    act(() => transport.append([call]));
    await nextBatch(clock);
    act(() => (byTestId('session-customer') as HTMLElement).click());
    const reveal = root.querySelector<HTMLButtonElement>('button[aria-label="Reveal client session id"]')!;
    act(() => reveal.click());
    expect(byTestId('session-id')?.textContent).toBe(SESSION);
    act(() => root.querySelector<HTMLButtonElement>('button[aria-label="Hide client session id"]')!.click());
    expect(byTestId('session-id')?.textContent).toBe('51d2…4e36');
  });

  it('renders page-supplied text as text, never as markup', async () => {
    const transport = new FakeTransport(9);
    const clock = mount(transport);
    const hostile = { ...call, customerId: '<img src=x onerror=alert(1)>', path: '<b>bold</b>' };
    act(() => transport.snapshot([]));
    act(() => transport.append([hostile]));
    await nextBatch(clock);
    act(() => (byTestId('session-toggle') as HTMLButtonElement).click());
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
    expect(byTestId('session-customer')?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(byTestId('call-customer')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('sends the user\'s choices through the transport', () => {
    const transport = new FakeTransport(9);
    mount(transport);
    act(() => transport.snapshot([]));
    const checkbox = root.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    act(() => checkbox.click());
    const clear = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Clear')!;
    act(() => clear.click());
    expect(transport.sent).toEqual([
      { channel, type: 'settings-change', change: { key: 'preserveLog', value: true } },
      { channel, type: 'clear' },
    ]);
  });

  it('refuses a malformed payment id or a product without third-party status, with a clear message', () => {
    const transport = new FakeTransport(9);
    mount(transport);
    const form = byTestId('typed-payment-form') as HTMLFormElement;
    const type = (name: string, value: string) => {
      const input = form.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    };
    const submit = () => act(() => void form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));

    act(() => type('paymentId', '12 34; rm -rf'));
    submit();
    expect(byTestId('typed-payment-message')?.textContent).toMatch(/payment id/i);
    act(() => {
      type('paymentId', '000000123410000595980000100001');
      type('productId', '1');
    });
    submit();
    expect(byTestId('typed-payment-message')?.textContent).toBe('Product 1 has no third-party status: only Bancontact (3012) and WeChat Pay (863) do.');
    expect(transport.sent).toEqual([]);

    act(() => type('productId', '3012'));
    submit();
    expect(transport.sent).toHaveLength(1);
    expect(transport.sent[0]).toMatchObject({
      type: 'observed',
      observations: [{ kind: 'payment', source: 'typed', paymentId: '000000123410000595980000100001', productId: 3012 }],
    });
    expect(byTestId('typed-payment-message')?.textContent).toBe('');
  });
});

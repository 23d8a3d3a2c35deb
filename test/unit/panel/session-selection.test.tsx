// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientApiCall } from '../../../src/core/detect/observation.ts';
import { App } from '../../../src/panel/components/App.tsx';
import { selectSession } from '../../../src/panel/state/session-selection.ts';
import { FakeTransport } from './fake-transport.ts';
import { fakeServices, nextBatch, ManualClock } from './fake-services.ts';

const callOf = (customerId: string, clientSessionId: string, path = 'products'): ClientApiCall => ({
  kind: 'client-api-call',
  at: Date.UTC(2026, 10, 25, 12),
  source: 'network',
  url: `https://h/client/v1/${customerId}/${path}`,
  method: 'GET',
  status: 200,
  durationMs: 12,
  clientSessionId,
  customerId,
  clientApiUrl: 'https://h/client',
  path,
});
const A = callOf('1234-a', 'a'.repeat(32));
const B = callOf('1234-b', 'b'.repeat(32));

describe('selectSession', () => {
  it('opens a newly selected session on its overview, keeps the tab of the one already shown, and goes where it is told', () => {
    expect(selectSession(null, 'x')).toEqual({ clientSessionId: 'x', tab: 'overview' });
    const onCalls = { clientSessionId: 'x', tab: 'calls' } as const;
    expect(selectSession(onCalls, 'x')).toBe(onCalls);
    expect(selectSession(onCalls, 'y')).toEqual({ clientSessionId: 'y', tab: 'overview' });
    expect(selectSession(onCalls, 'x', 'overview')).toEqual({ clientSessionId: 'x', tab: 'overview' });
  });
});

let root: HTMLElement | undefined;
async function mountWith(transport: FakeTransport, observations: ClientApiCall[]) {
  const clock = new ManualClock();
  const { services } = fakeServices(async () => ({ status: 200, headers: {}, bodyText: '{}' }), clock);
  const container = document.createElement('div');
  root = container;
  document.body.append(container);
  act(() => render(<App transport={transport} services={services} />, container));
  act(() => transport.snapshot([]));
  act(() => transport.append(observations));
  await nextBatch(clock);
  return clock;
}
const card = (customerId: string) => root!.querySelector<HTMLElement>(`[data-testid="session"][data-customer-id="${customerId}"]`)!;
const details = () => root!.querySelector<HTMLElement>('[data-testid="session-details"]');
const key = (target: Element, k: string) => act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })));

afterEach(() => {
  if (!root) return;
  render(null, root);
  root.remove();
  root = undefined;
});

describe('the details pane shows the selected session', () => {
  it('follows the focus through the list, as arrow keys move it, and keeps one session selected', async () => {
    await mountWith(new FakeTransport(9), [A, B, callOf('1234-b', 'b'.repeat(32), 'publickey')]);
    act(() => card('1234-a').focus());
    expect(details()?.getAttribute('data-customer-id')).toBe('1234-a');
    key(card('1234-a'), 'ArrowDown');
    expect(details()?.getAttribute('data-customer-id')).toBe('1234-b');
    expect(root!.querySelectorAll('[data-testid="session"][data-selected="true"]')).toHaveLength(1);
    expect(card('1234-b').getAttribute('aria-current')).toBe('true');
    expect(card('1234-a').hasAttribute('aria-current')).toBe(false);
  });

  it('moves between its tabs with the arrow keys, each tab naming its count; the calls are those of the selected session only', async () => {
    await mountWith(new FakeTransport(9), [A, B, callOf('1234-b', 'b'.repeat(32), 'publickey')]);
    act(() => card('1234-b').click());
    const tabs = details()!.querySelector('[role="tablist"]')!;
    expect([...tabs.querySelectorAll('[role="tab"]')].map((t) => t.textContent)).toEqual(['Overview', 'Calls (2)']);
    key(tabs.querySelector('[aria-selected="true"]')!, 'ArrowRight');
    expect(details()?.getAttribute('data-tab')).toBe('calls');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('session-tab-calls');
    expect([...root!.querySelectorAll('[data-testid="call-row"]')].map((r) => r.querySelector('.mono')?.textContent)).toEqual(['publickey', 'products']);
    key(tabs, 'Home');
    expect(details()?.getAttribute('data-tab')).toBe('overview');
    key(tabs, 'ArrowLeft');
    expect(details()?.getAttribute('data-tab')).toBe('calls');
  });

  it('closes, and shows nothing once its session is gone (cleared by the worker)', async () => {
    const transport = new FakeTransport(9);
    const clock = await mountWith(transport, [A]);
    act(() => card('1234-a').click());
    act(() => root!.querySelector<HTMLButtonElement>('[data-testid="session-details-close"]')!.click());
    expect(details()).toBeNull();
    act(() => card('1234-a').click());
    expect(details()).not.toBeNull();
    act(() => transport.snapshot([]));
    await nextBatch(clock);
    expect(card('1234-a')).toBeNull();
    expect(details()).toBeNull();
  });
});

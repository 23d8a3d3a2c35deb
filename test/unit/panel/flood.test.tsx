// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientApiCall } from '../../../src/core/detect/observation.ts';
import { App } from '../../../src/panel/components/App.tsx';
import { MAX_SHOWN_SESSIONS } from '../../../src/panel/state/shown-sessions.ts';
import { MESSAGE_BATCH_MS } from '../../../src/panel/state/use-panel-state.ts';
import { FakeTransport } from './fake-transport.ts';
import { ManualClock, fakeServices, nextBatch } from './fake-services.ts';

// A page that floods the panel: hundreds of updates a second, hundreds of sessions.

const T0 = Date.UTC(2026, 10, 25, 12);
const sessionId = (i: number) => i.toString(16).padStart(32, '0');
const call = (i: number, at = T0 + i * 10): ClientApiCall => ({
  kind: 'client-api-call',
  at,
  source: 'network',
  url: `https://h/client/v1/cust-${i}/products`,
  method: 'GET',
  status: 200,
  durationMs: 5,
  clientSessionId: sessionId(i),
  customerId: `cust-${i}`,
  clientApiUrl: 'https://h/client',
  path: 'products',
});

let root: HTMLElement;
function mount() {
  const clock = new ManualClock();
  const { services } = fakeServices(async () => ({ status: 200, headers: {}, bodyText: '{}' }), clock);
  const transport = new FakeTransport(4);
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(<App transport={transport} services={services} />, root));
  return { transport, clock };
}
const cards = () => [...root.querySelectorAll('[data-testid="session"]')].map((c) => c.getAttribute('data-customer-id'));
const heading = () => root.querySelector('#sessions-title')?.textContent;

afterEach(() => {
  render(null, root);
  root.remove();
});

describe('a flood of updates', () => {
  it('shows the first update at once and gathers the ones right behind it, losing none', async () => {
    const { transport, clock } = mount();
    act(() => transport.snapshot([]));
    await nextBatch(clock);
    act(() => transport.append([call(1)]));
    expect(cards()).toEqual(['cust-1']);
    for (let i = 2; i <= 40; i += 1) act(() => transport.append([call(i)]));
    // Within the batch time nothing more is drawn…
    await act(() => clock.advance(MESSAGE_BATCH_MS - 1));
    expect(cards()).toEqual(['cust-1']);
    // …then all of it at once, in order, and the revision rule saw no gap.
    await act(() => clock.advance(1));
    expect(cards()).toEqual(Array.from({ length: 40 }, (_, i) => `cust-${i + 1}`));
    expect(transport.sent.filter((m) => m.type === 'hello')).toEqual([]);
    // After a quiet spell, the next one is drawn at once again.
    await act(() => clock.advance(10 * MESSAGE_BATCH_MS));
    act(() => transport.append([call(41)]));
    expect(cards()).toHaveLength(41);
  });

  it(`draws at most ${MAX_SHOWN_SESSIONS} session cards, the most recently active, and finds the others by filter`, async () => {
    const { transport, clock } = mount();
    const many = Array.from({ length: 300 }, (_, i) => call(i));
    // The oldest session is active again, last of all.
    act(() => transport.snapshot([...many, { ...call(0), at: T0 + 20_000 }]));
    await nextBatch(clock);
    expect(heading()).toBe('300 client sessions');
    const shown = cards();
    expect(shown).toHaveLength(MAX_SHOWN_SESSIONS);
    // In first-seen order: the one active again first, then the 99 newest.
    expect(shown).toEqual(['cust-0', ...Array.from({ length: 99 }, (_, i) => `cust-${201 + i}`)]);
    const status = root.querySelector('[data-testid="sessions-shown"]')!;
    expect(status.textContent).toBe('Showing the 100 most recently active of 300; 200 more.');

    const filter = root.querySelector<HTMLInputElement>('[data-testid="session-filter"]')!;
    act(() => {
      filter.value = 'CUST-12';
      filter.dispatchEvent(new Event('input', { bubbles: true }));
    });
    // cust-12 and cust-120…129: every match, since they are fewer than the limit.
    expect(cards()).toEqual(['cust-12', ...Array.from({ length: 10 }, (_, i) => `cust-${120 + i}`)]);
    expect(status.textContent).toBe('11 matching.');
    act(() => {
      filter.value = '<img src=x onerror=alert(1)>';
      filter.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(cards()).toEqual([]);
    expect(root.querySelector('img')).toBeNull();
  });

  it('says nothing of hidden sessions while every session fits and no filter is typed', async () => {
    const { transport, clock } = mount();
    act(() => transport.snapshot(Array.from({ length: MAX_SHOWN_SESSIONS }, (_, i) => call(i))));
    await nextBatch(clock);
    expect(cards()).toHaveLength(MAX_SHOWN_SESSIONS);
    expect(root.querySelector('[data-testid="sessions-shown"]')).toBeNull();
    // The filter is the toolbar's, always there.
    expect(root.querySelector('[role="toolbar"] [data-testid="session-filter"]')).not.toBeNull();
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { HOOK_READY_EVENT, RELAY_OFFER_EVENT } from '../../../src/extension/page/handshake.ts';

const SID = '51d29012e6ce4b81afa6cc7551ef4e36';
const details = {
  clientSessionId: SID,
  customerId: '9991-66bb4ae9335c4d11a350d39ddd9a3139',
  clientApiUrl: 'https://ams1.sandbox.api-ingenico.com/client',
  assetUrl: 'https://assets.example/',
};
const scope = globalThis as unknown as Record<string, unknown>;
const installed = ['window', 'addEventListener', 'removeEventListener', 'dispatchEvent', 'connectsdk'];

/** Runs the hook in a fresh page made of Node's own EventTarget and MessageChannel, then pairs it like the relay does. */
async function pagedHook() {
  const page = new EventTarget();
  Object.assign(scope, {
    window: scope,
    addEventListener: page.addEventListener.bind(page),
    removeEventListener: page.removeEventListener.bind(page),
    dispatchEvent: page.dispatchEvent.bind(page),
  });
  let ready = false;
  page.addEventListener(HOOK_READY_EVENT, () => (ready = true));
  vi.resetModules();
  await import('../../../src/extension/page/hook.ts');
  expect(ready).toBe(true);
  const channel = new MessageChannel();
  page.dispatchEvent(new MessageEvent(RELAY_OFFER_EVENT, { ports: [channel.port2], cancelable: true }));
  const received: unknown[] = [];
  channel.port1.onmessage = (event: MessageEvent) => received.push(event.data);
  return { received, collect: () => channel.port1.postMessage({ type: 'collect' }), close: () => channel.port1.close() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

afterEach(() => {
  for (const name of installed) delete scope[name];
});

describe('the page hook', () => {
  it('reports the sessions the page made, with no time of its own', async () => {
    const hook = await pagedHook();
    scope.connectsdk = { Session: class {} };
    const { Session } = scope.connectsdk as { Session: new (d: unknown) => object };
    new Session(details);
    hook.collect();
    await settle();
    new Session({ ...details, clientSessionID: 'x'.repeat(32), clientSessionId: undefined });
    await settle();
    hook.close();
    expect(hook.received).toEqual([
      { type: 'sessions', sessions: [{ global: 'connectsdk', ...details }] },
      { type: 'sessions', sessions: [{ global: 'connectsdk', ...details, clientSessionId: 'x'.repeat(32) }] },
    ]);
  });

  it('never throws into the page when the details have a hostile getter', async () => {
    const hook = await pagedHook();
    scope.connectsdk = { Session: class {} };
    const { Session } = scope.connectsdk as { Session: new (d: unknown) => object };
    const hostile = Object.defineProperty({}, 'clientSessionId', {
      get() {
        throw new Error('no');
      },
    });
    expect(() => new Session(hostile)).not.toThrow();
    hook.close();
  });
});

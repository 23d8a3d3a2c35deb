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
const installed = ['window', 'addEventListener', 'removeEventListener', 'dispatchEvent', 'connectsdk', 'GCsdk', 'document'];

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

  it('reads the URLs the Session resolved (v3 region mode), then the arguments, and watches GCsdk', async () => {
    const hook = await pagedHook();
    // As connect-sdk-client-js 3.5.0 session.js: the resolved URLs are kept on the instance.
    const regionSession = class {
      apiBaseUrl = 'https://ams1.sandbox.api-ingenico.com/client/v1';
      assetsBaseUrl = 'https://assets.pay1.sandbox.secured-by-ingenico.com';
    };
    scope.GCsdk = { Session: class extends regionSession {} };
    scope.connectsdk = { Session: regionSession };
    const v3 = { clientSessionID: SID, customerId: details.customerId, region: 'EU', environment: 'SANDBOX' };
    new (scope.GCsdk as { Session: new (d: unknown) => object }).Session(v3);
    new (scope.connectsdk as { Session: new (d: unknown) => object }).Session(v3);
    // 3.8+ keeps clientApiUrl; the instance outranks the arguments, which the SDK normalised.
    scope.connectsdk = {
      Session: class {
        clientApiUrl = 'https://eu.api-ingenico.com/client/v1';
        assetUrl = 'https://assets.example/';
      },
    };
    new (scope.connectsdk as { Session: new (d: unknown) => object }).Session({ ...details, clientApiUrl: 'https://eu.api-ingenico.com' });
    hook.collect();
    await settle();
    hook.close();
    const resolved = { clientApiUrl: 'https://ams1.sandbox.api-ingenico.com/client/v1', assetUrl: 'https://assets.pay1.sandbox.secured-by-ingenico.com' };
    expect(hook.received).toEqual([
      {
        type: 'sessions',
        sessions: [
          { global: 'GCsdk', clientSessionId: SID, customerId: details.customerId, ...resolved },
          { global: 'connectsdk', clientSessionId: SID, customerId: details.customerId, ...resolved },
          { global: 'connectsdk', ...details, clientApiUrl: 'https://eu.api-ingenico.com/client/v1' },
        ],
      },
    ]);
  });

  it('marks a session made on a page with document.GC.rppEnabledPage, and survives a hostile document.GC', async () => {
    const hook = await pagedHook();
    scope.document = { GC: { rppEnabledPage: true } };
    scope.connectsdk = { Session: class {} };
    const { Session } = scope.connectsdk as { Session: new (d: unknown) => object };
    new Session(details);
    scope.document = Object.defineProperty({}, 'GC', {
      get() {
        throw new Error('no');
      },
    });
    expect(() => new Session({ ...details, customerId: 'second' })).not.toThrow();
    hook.collect();
    await settle();
    hook.close();
    expect(hook.received).toEqual([
      { type: 'sessions', sessions: [{ global: 'connectsdk', ...details, hostedCheckout: true }, { global: 'connectsdk', ...details, customerId: 'second' }] },
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

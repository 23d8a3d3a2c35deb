import { afterEach, describe, expect, it, vi } from 'vitest';
import { HOOK_READER } from '../../../src/extension/page/hook-reader.ts';

const SID = '51d29012e6ce4b81afa6cc7551ef4e36';
const details = {
  clientSessionId: SID,
  customerId: '9991-66bb4ae9335c4d11a350d39ddd9a3139',
  clientApiUrl: 'https://ams1.sandbox.api-ingenico.com/client',
  assetUrl: 'https://assets.example/',
};
const scope = globalThis as unknown as Record<string, unknown>;
const installed = ['window', 'document'];

/** Runs the hook in a fresh frame: `window` is an object of its own, as each frame's is. */
async function pagedHook() {
  const page: Record<string, unknown> = {};
  scope.window = page;
  vi.resetModules();
  await import('../../../src/extension/page/hook.ts');
  return { page, read: () => (page[HOOK_READER] as () => unknown[])() };
}

afterEach(() => {
  for (const name of installed) delete scope[name];
});

describe('the page hook', () => {
  it('remembers the sessions the page made, with no time of its own, for whoever reads them', async () => {
    const hook = await pagedHook();
    expect(hook.read()).toEqual([]);
    hook.page.connectsdk = { Session: class {} };
    const { Session } = hook.page.connectsdk as { Session: new (d: unknown) => object };
    new Session(details);
    expect(hook.read()).toEqual([{ global: 'connectsdk', ...details }]);
    new Session({ ...details, clientSessionID: 'x'.repeat(32), clientSessionId: undefined });
    expect(hook.read()).toEqual([
      { global: 'connectsdk', ...details },
      { global: 'connectsdk', ...details, clientSessionId: 'x'.repeat(32) },
    ]);
  });

  it('answers with copies, from a reader the page can neither replace nor remove, and keeps at most 50', async () => {
    const hook = await pagedHook();
    hook.page.connectsdk = { Session: class {} };
    const { Session } = hook.page.connectsdk as { Session: new (d: unknown) => object };
    new Session(details);
    const first = hook.read() as Record<string, unknown>[];
    first[0]!['clientSessionId'] = 'changed by the page';
    first.push({ forged: true });
    expect(hook.read()).toEqual([{ global: 'connectsdk', ...details }]);
    const reader = hook.page[HOOK_READER];
    expect(() => {
      'use strict';
      hook.page[HOOK_READER] = () => [{ forged: true }];
    }).toThrow(TypeError);
    expect(() => delete hook.page[HOOK_READER]).toThrow(TypeError);
    expect(Object.keys(hook.page)).not.toContain(HOOK_READER);
    expect(hook.page[HOOK_READER]).toBe(reader);
    for (let i = 0; i < 60; i += 1) new Session({ ...details, customerId: `c${i}` });
    expect(hook.read()).toHaveLength(50);
  });

  it('remembers and answers past a page that has rewritten Array.prototype', async () => {
    const hook = await pagedHook();
    hook.page.connectsdk = { Session: class {} };
    const { Session } = hook.page.connectsdk as { Session: new (d: unknown) => object };
    const seen: unknown[] = [];
    const proto = Array.prototype as unknown as Record<string, unknown>;
    const { push, map } = Array.prototype;
    let answer: unknown;
    try {
      for (const index of ['0', '1']) Object.defineProperty(proto, index, {
          set(value: unknown) {
            push.call(seen, value);
          },
          configurable: true,
        });
      proto['push'] = (...values: unknown[]) => push.apply(seen, values);
      proto['map'] = () => [{ forged: true }];
      new Session(details);
      new Session({ ...details, customerId: 'second' });
      answer = hook.read();
    } finally {
      for (const index of ['0', '1']) delete proto[index];
      Object.assign(proto, { push, map });
    }
    expect(seen).toEqual([]);
    expect(answer).toEqual([{ global: 'connectsdk', ...details }, { global: 'connectsdk', ...details, customerId: 'second' }]);
  });

  it('leaves a reader already defined in the frame in place, and still runs', async () => {
    const page: Record<string, unknown> = {};
    const earlier = () => ['earlier'];
    Object.defineProperty(page, HOOK_READER, { value: earlier });
    scope.window = page;
    vi.resetModules();
    await expect(import('../../../src/extension/page/hook.ts')).resolves.toBeDefined();
    expect(page[HOOK_READER]).toBe(earlier);
    page.connectsdk = { Session: class {} };
    expect(() => new (page.connectsdk as { Session: new (d: unknown) => object }).Session(details)).not.toThrow();
  });

  it('reads the URLs the Session resolved (v3 region mode), then the arguments, and watches GCsdk', async () => {
    const hook = await pagedHook();
    // As connect-sdk-client-js 3.5.0 session.js: the resolved URLs are kept on the instance.
    const regionSession = class {
      apiBaseUrl = 'https://ams1.sandbox.api-ingenico.com/client/v1';
      assetsBaseUrl = 'https://assets.pay1.sandbox.secured-by-ingenico.com';
    };
    hook.page.GCsdk = { Session: class extends regionSession {} };
    hook.page.connectsdk = { Session: regionSession };
    const v3 = { clientSessionID: SID, customerId: details.customerId, region: 'EU', environment: 'SANDBOX' };
    new (hook.page.GCsdk as { Session: new (d: unknown) => object }).Session(v3);
    new (hook.page.connectsdk as { Session: new (d: unknown) => object }).Session(v3);
    // 3.8+ keeps clientApiUrl; the instance outranks the arguments, which the SDK normalised.
    hook.page.connectsdk = {
      Session: class {
        clientApiUrl = 'https://eu.api-ingenico.com/client/v1';
        assetUrl = 'https://assets.example/';
      },
    };
    new (hook.page.connectsdk as { Session: new (d: unknown) => object }).Session({ ...details, clientApiUrl: 'https://eu.api-ingenico.com' });
    const resolved = { clientApiUrl: 'https://ams1.sandbox.api-ingenico.com/client/v1', assetUrl: 'https://assets.pay1.sandbox.secured-by-ingenico.com' };
    expect(hook.read()).toEqual([
      { global: 'GCsdk', clientSessionId: SID, customerId: details.customerId, ...resolved },
      { global: 'connectsdk', clientSessionId: SID, customerId: details.customerId, ...resolved },
      { global: 'connectsdk', ...details, clientApiUrl: 'https://eu.api-ingenico.com/client/v1' },
    ]);
  });

  it('marks a session made on a page with document.GC.rppEnabledPage, and survives a hostile document.GC', async () => {
    const hook = await pagedHook();
    scope.document = { GC: { rppEnabledPage: true } };
    hook.page.connectsdk = { Session: class {} };
    const { Session } = hook.page.connectsdk as { Session: new (d: unknown) => object };
    new Session(details);
    scope.document = Object.defineProperty({}, 'GC', {
      get() {
        throw new Error('no');
      },
    });
    expect(() => new Session({ ...details, customerId: 'second' })).not.toThrow();
    expect(hook.read()).toEqual([{ global: 'connectsdk', ...details, hostedCheckout: true }, { global: 'connectsdk', ...details, customerId: 'second' }]);
  });

  it('never throws into the page when the details have a hostile getter', async () => {
    const hook = await pagedHook();
    hook.page.connectsdk = { Session: class {} };
    const { Session } = hook.page.connectsdk as { Session: new (d: unknown) => object };
    const hostile = Object.defineProperty({}, 'clientSessionId', {
      get() {
        throw new Error('no');
      },
    });
    expect(() => new Session(hostile)).not.toThrow();
    // Remembered empty: the service worker drops it and counts it.
    expect(hook.read()).toEqual([{ global: 'connectsdk', clientSessionId: '', customerId: '', clientApiUrl: '', assetUrl: '' }]);
  });
});

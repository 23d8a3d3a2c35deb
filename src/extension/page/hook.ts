import { HOOK_READER, MAX_HOOK_SESSIONS } from './hook-reader.ts';

/**
 * Runs in the page's own world in every frame at document_start. It notices the SDK globals
 * (`connectsdk` v3–v6, `GCsdk` v1–v2, `onlinepaymentssdk`) whenever they are set, and remembers each
 * Session the page creates, in this page's memory only. Nothing is sent anywhere: DevTools for the tab
 * reads them (`HOOK_READER`) while it is open, so a page nobody inspects keeps them to itself.
 *
 * Rules: never throw into the page, never change what the SDK does or returns, stay tiny.
 */
(() => {
  type Details = Record<string, unknown>;
  // No time: the extension stamps a session when it arrives, never trusting the page's clock.
  type Recorded = {
    global: string;
    clientSessionId: string;
    customerId: string;
    clientApiUrl: string;
    assetUrl: string;
    hostedCheckout?: true;
  };

  const win = window as unknown as Record<string, unknown>;
  // Captured now, before any page script can replace them.
  const defineProperty = Object.defineProperty;
  const describe = Object.getOwnPropertyDescriptor;
  const wrapped = new WeakMap<object, unknown>();
  const sessions: Recorded[] = [];
  /** Adds an element as its own property: a page's setter or method on Array.prototype never sees it. */
  const put = <T>(list: T[], value: T) => defineProperty(list, list.length, { value, enumerable: true, writable: true, configurable: true });

  const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 4096) : '');

  /** The first of `names` that holds text on `from`; a throwing getter counts as none. */
  const pick = (from: unknown, names: string[]) => {
    if (!from || typeof from !== 'object') return '';
    for (const name of names) {
      try {
        const value = text((from as Details)[name]);
        if (value) return value;
      } catch {
        // Next name.
      }
    }
    return '';
  };

  /** Worldline's hosted pages set `document.GC.rppEnabledPage`; the SDK then prefixes its identifier with `rpp-`. */
  const rppEnabledPage = () => {
    try {
      return typeof document !== 'undefined' && Boolean((document as unknown as { GC?: { rppEnabledPage?: unknown } }).GC?.rppEnabledPage);
    } catch {
      return false;
    }
  };

  const record = (global: string, details: unknown, instance: unknown) => {
    try {
      if (!details || typeof details !== 'object' || sessions.length >= MAX_HOOK_SESSIONS) return;
      // The URLs as the constructed Session resolved them (region mode has none in the arguments):
      // `clientApiUrl`/`assetUrl` from 3.8, `apiBaseUrl`/`assetsBaseUrl` before. Then the arguments,
      // with the pre-3.8 names (and v1–v2's) as aliases.
      const urls = ['clientApiUrl', 'apiBaseUrl'];
      const assets = ['assetUrl', 'assetsBaseUrl'];
      const entry: Recorded = {
        global,
        clientSessionId: pick(details, ['clientSessionId', 'clientSessionID']),
        customerId: pick(details, ['customerId']),
        clientApiUrl: pick(instance, urls) || pick(details, urls),
        assetUrl: pick(instance, assets) || pick(details, assets),
        ...(rppEnabledPage() ? { hostedCheckout: true as const } : {}),
      };
      put(sessions, entry);
    } catch {
      // A hostile getter on the details object: ignore it, the SDK call itself is unaffected.
    }
  };

  /** A transparent Proxy: same prototype, same statics, same result; it only records the first argument. */
  const wrap = (global: string, fn: unknown): unknown => {
    if (typeof fn !== 'function') return fn;
    const known = wrapped.get(fn);
    if (known) return known;
    const proxy = new Proxy(fn, {
      construct(target, args, newTarget) {
        const instance = Reflect.construct(target, args, newTarget) as object;
        record(global, args[0], instance);
        return instance;
      },
      apply(target, self, args) {
        const result: unknown = Reflect.apply(target, self, args);
        record(global, args[0], result);
        return result;
      },
    });
    wrapped.set(fn, proxy);
    wrapped.set(proxy, proxy);
    return proxy;
  };

  /** Keeps `owner[name]` wrapped, whether it is set now or later (UMD builds fill an empty object). */
  const trap = (owner: object, name: string, adopt: (value: unknown) => unknown) => {
    try {
      const current = describe(owner, name);
      if (current && !current.configurable) return;
      if (current?.get) {
        const get = current.get;
        defineProperty(owner, name, { ...current, get() { return adopt(get.call(this)); } });
        return;
      }
      let value = adopt(current?.value);
      defineProperty(owner, name, {
        configurable: true,
        enumerable: current?.enumerable ?? true,
        get: () => value,
        set: (next: unknown) => {
          value = adopt(next);
        },
      });
    } catch {
      // A frozen or exotic object: leave it alone; network detection still sees its calls.
    }
  };

  for (const global of ['connectsdk', 'GCsdk', 'onlinepaymentssdk']) {
    trap(win, global, (sdk) => {
      if (sdk && (typeof sdk === 'object' || typeof sdk === 'function')) {
        for (const member of ['Session', 'init']) trap(sdk, member, (fn) => wrap(global, fn));
      }
      return sdk;
    });
  }

  // Copies, so that whoever calls it (DevTools, or the page itself) cannot change what is remembered.
  const read = () => {
    const copies: Recorded[] = [];
    for (let i = 0; i < sessions.length; i += 1) put(copies, { ...sessions[i]! });
    return copies;
  };
  try {
    defineProperty(win, HOOK_READER, { value: read, configurable: false, enumerable: false, writable: false });
  } catch {
    // Defined already (a second copy of the hook in this frame): that one answers.
  }
})();

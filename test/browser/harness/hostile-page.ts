import type { BrowserContext, Frame } from 'playwright-core';
import { HOOK_READER } from '../../../src/extension/page/hook-reader.ts';

/**
 * Markup and script a hostile page puts in every value it controls. Rendered as text it is harmless;
 * parsed as HTML anywhere in an extension page it makes an element with `data-hostile-marker` or sets
 * `window.__pwned`.
 */
export const HOSTILE_MARKUP = {
  img: '<img src=x onerror="window.__pwned=1" data-hostile-marker=1>',
  script: '<script>window.__pwned=2</script>',
  svg: '"><svg onload="window.__pwned=3" data-hostile-marker=1>',
} as const;
const ALL = HOSTILE_MARKUP.img + HOSTILE_MARKUP.script + HOSTILE_MARKUP.svg;

/** What the hostile page reports about itself. */
export interface HostileStats {
  /** `new connectsdk.Session(…)` calls that returned. */
  sessions: number;
  /** Client API calls sent, answered 2xx, answered otherwise, failed on the network, still open. */
  sent: number;
  ok: number;
  refused: number;
  failed: number;
  open: number;
  /** Forged messages and events sent; how many the browser itself refused to send (e.g. too deep to clone). */
  forged: number;
  unsendable: number;
  /** Bytes of oversized payloads posted. */
  oversizedBytes: number;
}

/** A value for an inline `<script>`: JSON with `<` escaped, so no string in it can close the script. */
const inline = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * A page that attacks the extension with everything a page controls, with a real checkout framed at
 * `realCheckoutUrl`. Its own Client API session comes from `/api/session` (the test's page server
 * proxies the demo merchant). `window.createSessions(n)` constructs n SDK Sessions with hostile
 * arguments; `window.startLoad(total, perSecond, rounds, perRound)` makes `total` Client API calls at
 * `perSecond`, at most 64 open at once (every 10th with a session id of its own, others with hostile headers, paths and
 * queries) and, spread among them, `rounds` rounds of `perRound` forged window messages, attempts
 * to replace the page hook's reader, array methods poisoned for it, and oversized or deeply nested payloads.
 */
export function hostilePage(realCheckoutUrl: string): string {
  return `<!doctype html><title>hostile page</title><body data-status="loading">
<iframe id="real" title="real checkout" width="640" height="600" src="${realCheckoutUrl}"></iframe>
<script>
  const ALL = ${inline(ALL)};
  const stats = { sessions: 0, sent: 0, ok: 0, refused: 0, failed: 0, open: 0, forged: 0, unsendable: 0, oversizedBytes: 0 };
  window.stats = () => ({ ...stats });
  window.session = fetch('/api/session', { method: 'POST' }).then((r) => r.json()).then((s) => {
    document.body.dataset.status = 'ready';
    return s;
  });

  // A global SDK the page hook wraps: it reads the URLs from the instance first, then the arguments.
  window.connectsdk = {
    Session: function Session(details) {
      if (!details || !details.clientApiUrl) throw new Error('clientApiUrl is required');
      this.clientApiUrl = details.clientApiUrl;
      this.assetUrl = details.assetUrl;
    },
  };
  const pad = (n, width) => String(n).padStart(width, '0');
  const polluting = (fields) =>
    JSON.parse('{"__proto__":{"polluted":1,"toString":"x"},"constructor":{"prototype":{"polluted":1}},' + JSON.stringify(fields).slice(1));

  window.createSessions = (n) => {
    for (let i = 0; i < n; i += 1) {
      const clientSessionId = 'hostile' + pad(i, 25);
      const base = { clientSessionId, clientApiUrl: 'http://127.0.0.1:1/client', assetUrl: 'https://assets.example/' + ALL };
      let details;
      switch (i % 5) {
        case 0: details = { ...base, customerId: 'hostile-' + i }; break;
        case 1: details = { ...base, customerId: ALL + i, clientApiUrl: 'https://evil.example/' + ALL + '/client' }; break;
        case 2: details = polluting({ ...base, customerId: 'hostile-' + i }); break;
        case 3: details = { ...base, customerId: 'hostile-' + i, clientApiUrl: 'javascript:window.__pwned=4//client' }; break;
        default:
          details = { ...base, clientSessionId: 'a'.repeat(1_000_000), assetUrl: { toString() { window.__pwned = 5; return ALL; } } };
          Object.defineProperty(details, 'customerId', { get() { throw new Error('hostile getter'); }, enumerable: true });
      }
      try {
        new window.connectsdk.Session(details);
        stats.sessions += 1;
      } catch (e) {
        // Counted as not made.
      }
    }
    return stats.sessions;
  };

  const forgedSession = (k) => ({
    global: 'connectsdk', clientSessionId: 'f'.repeat(32), customerId: 'FORGED-' + k,
    clientApiUrl: 'https://evil.example/client', assetUrl: 'https://evil.example/' + ALL,
  });
  const deep = (depth) => { let v = { end: ALL }; for (let i = 0; i < depth; i += 1) v = { v }; return v; };
  const ports = [];
  const READER = ${inline(HOOK_READER)};
  let poisoned = false;
  const forgeRound = (n) => {
    for (let k = 0; k < n; k += 1) {
      stats.forged += 1;
      const session = forgedSession(stats.forged);
      try {
        switch (k % 5) {
          case 0:
            window.postMessage({ channel: 'connect-devtools', type: 'page-sessions', sessions: [session] }, '*');
            window.postMessage({ type: 'sessions', sessions: [session] }, '*');
            break;
          case 1:
            // Replace, redefine or remove the hook's reader: it is read-only, so each attempt fails or does nothing.
            try { window[READER] = () => [session]; } catch (e) { /* refused */ }
            try { Object.defineProperty(window, READER, { value: () => [session] }); } catch (e) { /* refused */ }
            try { delete window[READER]; } catch (e) { /* refused */ }
            break;
          case 2: {
            // Once: poison what a reader might use, for arrays of sessions only, so the page keeps working.
            if (!poisoned) {
              poisoned = true;
              const ours = (list) => Array.isArray(list) && list.some((s) => s && typeof s === 'object' && 'clientSessionId' in s);
              for (const name of ['map', 'slice', 'filter', 'concat']) {
                const original = Array.prototype[name];
                Array.prototype[name] = function (...args) { return ours(this) ? [polluting(session)] : original.apply(this, args); };
              }
            }
            // A message event in our envelope's shape, dispatched directly, with a port and this window as its source.
            const fake = new MessageChannel();
            ports.push(fake.port1);
            window.dispatchEvent(new MessageEvent('message', {
              data: { channel: 'connect-devtools', type: 'page-sessions', sessions: [polluting(session)] },
              origin: location.origin, source: window, ports: [fake.port2],
            }));
            break;
          }
          case 3:
            window.postMessage({ channel: 'connect-devtools', type: 'page-sessions', sessions: [{ ...session, customerId: ALL, assetUrl: ALL, global: ALL }] }, '*');
            window.postMessage(null, '*');
            window.postMessage(ALL, '*');
            break;
          default:
            if (k % 100 === 4) {
              // Oversized, and nested deeper than any parser should follow.
              const huge = 'x'.repeat(1_000_000) + ALL;
              stats.oversizedBytes += huge.length;
              window.postMessage({ channel: 'connect-devtools', type: 'page-sessions', sessions: huge }, '*');
              window.postMessage({ channel: 'connect-devtools', type: 'page-sessions', sessions: Array.from({ length: 10_000 }, () => session) }, '*');
              window.postMessage({ channel: 'connect-devtools', type: 'page-sessions', sessions: [deep(5_000)] }, '*');
            } else {
              window.postMessage({ channel: 'connect-devtools', type: 'hook-ready', ports: 'x' }, '*');
            }
        }
      } catch (e) {
        stats.unsendable += 1;
      }
    }
    // Let go of the fake ports of earlier rounds, as a real flood would.
    while (ports.length > n) ports.shift().close();
  };

  window.startLoad = async (total, perSecond, rounds, perRound) => {
    const s = await window.session;
    const api = s.clientApiUrl + '/v1/';
    const query = '?countryCode=BE&currencyCode=EUR&amount=1000&locale=en_GB&isRecurring=false';
    const auth = 'GCS v1Client:' + s.clientSessionId;
    const meta = btoa(JSON.stringify({ sdkIdentifier: 'JavaScriptClientSDK/v6.0.6', sdkCreator: 'Worldline Global Collect' }));
    const hostileMeta = btoa(
      '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"sdkIdentifier":' + JSON.stringify(ALL) +
        ',"sdkCreator":' + JSON.stringify(ALL) + ',"platformIdentifier":' + JSON.stringify(ALL.repeat(50)) + ',"screenSize":' + JSON.stringify(deep(200)) + '}',
    );
    const request = (i) => {
      switch (i % 10) {
        case 0: case 1: case 2: return [api + s.customerId + '/products' + query, { Authorization: auth, 'X-GCS-ClientMetaInfo': meta }];
        case 3: case 4: return [api + s.customerId + '/crypto/publickey', { Authorization: auth, 'X-GCS-ClientMetaInfo': hostileMeta }];
        case 5: return [api + s.customerId + '/products' + query + '&x=' + encodeURIComponent(ALL), { Authorization: auth, 'X-GCS-ClientMetaInfo': 'not base64 ' + ALL }];
        case 6: return [api + s.customerId + '/payments/' + encodeURIComponent(ALL) + '/thirdpartystatus', { Authorization: auth, 'X-GCS-ClientMetaInfo': hostileMeta }];
        case 7: return [api + encodeURIComponent(ALL) + '/products' + query, { Authorization: auth }];
        case 8: return [api + s.customerId + '/products' + query, { Authorization: 'GCS v1Client:forged' + pad(i, 27), 'X-GCS-ClientMetaInfo': hostileMeta }];
        default: return [api + s.customerId + '/products' + query, { Authorization: 'GCS v1Client:' + ALL, 'X-GCS-ClientMetaInfo': btoa(ALL) }];
      }
    };
    const call = (i) => {
      stats.sent += 1;
      stats.open += 1;
      const [url, headers] = request(i);
      fetch(url, { headers })
        .then(async (r) => { await r.text(); if (r.ok) stats.ok += 1; else stats.refused += 1; })
        .catch(() => { stats.failed += 1; })
        .finally(() => { stats.open -= 1; });
    };
    const roundEvery = Math.ceil(total / rounds);
    const started = performance.now();
    await new Promise((resolve) => {
      const timer = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - started) * perSecond) / 1000));
        // At most 64 open at once: past Chromium's socket pool the browser itself fails the calls,
        // and the page is the attacker here, not the browser. The rate then follows the server.
        while (stats.sent < due && stats.open < 64) {
          if (stats.sent % roundEvery === Math.floor(roundEvery / 2)) forgeRound(perRound);
          call(stats.sent);
        }
        if (stats.sent >= total) { clearInterval(timer); resolve(); }
      }, 20);
    });
  };
</script></body>`;
}

/**
 * The JS heap in use by the panel's frame, from DevTools Protocol (`Runtime.getHeapUsage` on the
 * frame's own target: an extension frame in DevTools runs out of process).
 */
export async function panelHeapBytes(context: BrowserContext, panel: Frame): Promise<number> {
  const cdp = await context.newCDPSession(panel);
  try {
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usedSize;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * The checkout pages, one per SDK generation or page shape the extension must recognise. They
 * share one layout and one script (checkout.js); only the way the SDK arrives differs.
 */
const STYLE =
  'body{font:15px/1.4 system-ui,sans-serif;margin:1rem;max-width:40rem}[data-role=error]{color:#a00}li{margin:.3rem 0}img{vertical-align:middle}';

const ORDER = '<p>Your order: one Connect DevTools mug, EUR 10.00.</p>';

function layout(title: string, body: string, scripts: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo shop: ${title}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Demo shop: ${title}</h1>
${body}
${scripts}
</body>
</html>
`;
}

/** A page with one checkout, the SDK loaded by `loader` and handed to runCheckout as `session`. */
function singleCheckout(title: string, sdk: string, loader: string, sessionClass: string, imports = ''): string {
  return layout(
    title,
    `${ORDER}\n<main id="checkout" data-checkout="main" data-sdk="${sdk}" data-status="loading"></main>`,
    `${loader}
<script type="module">
  ${imports}import { runCheckout } from '/checkout.js';
  runCheckout(document.getElementById('checkout'), ${sessionClass});
</script>`,
  );
}

const UMD = '<script src="/sdk/connect-sdk-client-js.umd.js"></script>';

const TWO_SESSIONS = layout(
  'two checkouts on one page',
  `<p>Two orders, each with its own Connect client session.</p>
<h2>First order</h2>
<section data-checkout="first" data-sdk="v6-umd" data-status="loading"></section>
<h2>Second order</h2>
<section data-checkout="second" data-sdk="v6-umd" data-status="loading"></section>`,
  `${UMD}
<script type="module">
  import { runCheckout } from '/checkout.js';
  for (const root of document.querySelectorAll('[data-checkout]')) runCheckout(root, window.connectsdk.Session);
</script>`,
);

// The frame uses the other loopback name, so it is a different origin from the page around it.
const FRAMED = layout(
  'payment in a frame',
  `<main id="framed" data-status="loading">
  <iframe id="payment-frame" title="Payment" width="640" height="720"></iframe>
</main>`,
  `<script type="module">
  const root = document.getElementById('framed');
  const frame = document.getElementById('payment-frame');
  const src = new URL(location.href);
  src.hostname = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  src.pathname = '/';
  frame.addEventListener('load', () => { root.dataset.status = 'frame-loaded'; });
  root.dataset.frameOrigin = src.origin;
  frame.src = src.href;
</script>`,
);

const CHECKOUT = singleCheckout('checkout', 'v6-umd', UMD, 'window.connectsdk.Session');

const V3 = '<script src="/sdk/v3/connectsdk.js"></script>';

/**
 * SDK 3.0–3.7 knows only the old names (`clientSessionID`, `apiBaseUrl`, `assetsBaseUrl`), and its
 * `apiBaseUrl` includes `/v1`: the page maps the Create Session answer as a merchant of 2017 did.
 */
const V3_OLD_NAMES = `function (details) {
    return new window.connectsdk.Session({
      clientSessionID: details.clientSessionId,
      customerId: details.customerId,
      apiBaseUrl: details.clientApiUrl.replace(/\\/+$/, '') + '/v1',
      assetsBaseUrl: details.assetUrl,
    });
  }`;

/**
 * Region mode: the SDK picks the URL from its own table of Connect hosts (\`?region=EU&environment=SANDBOX\`),
 * so only the constructed Session knows it. Those hosts are not the simulator, so this page makes no
 * Client API call at all: it only creates the session and shows the URL the SDK chose.
 */
const V3_REGION = layout(
  'client SDK v3 in region mode',
  `<main id="region" data-sdk="v3-region" data-status="loading">
  <p>Session created in region mode. The SDK will call <code data-role="api-base-url">…</code></p>
</main>`,
  `${V3}
<script type="module">
  const root = document.getElementById('region');
  const params = new URLSearchParams(location.search);
  try {
    const response = await fetch('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    const details = await response.json();
    root.dataset.customerId = details.customerId;
    const session = new window.connectsdk.Session({
      clientSessionID: details.clientSessionId,
      customerId: details.customerId,
      region: params.get('region') ?? 'EU',
      environment: params.get('environment') ?? 'SANDBOX',
    });
    root.querySelector('[data-role="api-base-url"]').textContent = session.apiBaseUrl;
    root.dataset.status = 'session-created';
  } catch (error) {
    root.dataset.status = 'error';
  }
</script>`,
);

// Worldline's hosted pages set document.GC.rppEnabledPage before the SDK runs; the SDK then sends `rpp-…`.
const HOSTED = singleCheckout(
  'hosted checkout page',
  'v6-umd-rpp',
  `<script>document.GC = { rppEnabledPage: true };</script>\n${UMD}`,
  'window.connectsdk.Session',
);

export const PAGES: Record<string, string> = {
  '/': CHECKOUT,
  '/checkout.html': CHECKOUT,
  '/v4.html': singleCheckout(
    'checkout with client SDK v4',
    'v4-global',
    '<script src="/sdk/v4/connectsdk.js"></script>',
    'window.connectsdk.Session',
  ),
  // The SDK as a bundler would include it: imported as a module, no global is ever set.
  '/bundled.html': singleCheckout(
    'checkout with a bundled SDK',
    'v6-esm',
    '',
    'Session',
    "import { Session } from '/sdk/connect-sdk-client-js.js';\n  ",
  ),
  '/v3.html': singleCheckout('checkout with client SDK v3 (pre-3.8 names)', 'v3-global', V3, V3_OLD_NAMES),
  '/v3-region.html': V3_REGION,
  '/hosted.html': HOSTED,
  '/two-sessions.html': TWO_SESSIONS,
  '/framed.html': FRAMED,
};

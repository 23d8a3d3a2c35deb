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
  '/two-sessions.html': TWO_SESSIONS,
  '/framed.html': FRAMED,
};

/** The first screen: what the panel does and how a session gets detected, in plain words. */
export function Welcome({ synced }: { synced: boolean }) {
  return (
    <section class="welcome" data-testid="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Connect DevTools</h1>
      <p>
        This panel shows the Worldline Connect client sessions this page uses, and follows the third-party status of a
        Bancontact or WeChat Pay payment as it moves from <code>WAITING</code> to <code>COMPLETED</code>.
      </p>
      <h2>How a session is detected</h2>
      <ul>
        <li>
          <strong>From the network:</strong> every request the page makes to a Connect Client API
          (<code>…/client/v1/&#123;customerId&#125;/…</code> with an <code>Authorization: GCS v1Client:…</code> header)
          while DevTools is open. This works whichever SDK version made it, bundled or not.
        </li>
        <li>
          <strong>From the page:</strong> sessions created with the SDK's <code>connectsdk</code> (v3–v6),{' '}
          <code>GCsdk</code> (v1–v2) or <code>onlinepaymentssdk</code> global, in any frame, even before DevTools was
          opened. They stay in the page and are handed over only when DevTools asks.
        </li>
      </ul>
      <h2>Why a session may be missed</h2>
      <ul>
        <li>DevTools was opened after the page's last Client API call, and the SDK is bundled (no global): act in the checkout, or reload.</li>
        <li>The SDK runs in a web worker, or the page was loaded before the extension was installed or updated: reload the page.</li>
        <li>The page talks to the Client API through its own backend: then no request carries the client session.</li>
        <li data-testid="missed-requirejs">
          The page uses RequireJS (or another AMD loader): the SDK's UMD build then registers a module and creates no
          global, so only network detection applies. Act in the checkout while DevTools is open.
        </li>
        <li data-testid="missed-server-api">
          The merchant polls the payment's status from its own backend, with the Server API's twin of the call: that
          traffic never passes through the browser, so no extension can see it.
        </li>
      </ul>
      <p class="muted" data-testid="watching">
        {synced
          ? 'Nothing detected yet on this page. Watching its network and its SDK globals.'
          : 'Connecting to the extension…'}
      </p>
    </section>
  );
}

// The demo checkout, as a merchant's page would write it: a session from the merchant's server,
// products and encryption through the Connect client SDK, the payment from the merchant's server,
// then the third-party status polled through the SDK. Everything from outside is set as text.

const CONTEXT = { totalAmount: 1000, countryCode: 'BE', currency: 'EUR', locale: 'en_GB', isRecurring: false };
const THIRD_PARTY_PRODUCTS = [3012, 863];
const UNSAFE_LINK_SCHEMES = ['javascript:', 'data:', 'vbscript:'];

class MerchantError extends Error {
  constructor(status, data) {
    super(`merchant server answered ${status}`);
    this.status = status;
    this.data = data;
  }
}

// v4 hands back its own thenables (callbacks only), v6 real Promises: both settle the same way here.
function settle(thenable) {
  return new Promise((resolve, reject) => thenable.then(resolve, reject));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function postJson(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new MerchantError(response.status, json);
  return json;
}

// v6 rejects with ResponseError {status, data}, v4 with the error body itself, fetch with an Error.
function describeError(error) {
  const body = error && typeof error === 'object' && 'data' in error ? error.data : error;
  const first = body && Array.isArray(body.errors) ? body.errors[0] : undefined;
  const status = (error && error.status) || (first && first.httpStatusCode) || 0;
  if (first) return { status, code: String(first.code ?? ''), text: `${first.id ?? first.code}: ${first.message ?? ''}` };
  if (body && body.error) return { status, code: String(body.error.code ?? ''), text: String(body.error.message ?? '') };
  return { status, code: '', text: error instanceof Error ? error.message : 'no usable answer' };
}

function element(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function buildMarkup(root) {
  const action = element('section', { 'data-role': 'action', hidden: '' });
  action.append(
    element('img', { 'data-role': 'qr', alt: 'QR code to scan with the app', width: '198', height: '198', hidden: '' }),
    element('a', { 'data-role': 'url-intent', target: '_blank', rel: 'noopener noreferrer', hidden: '' }, 'Open the app'),
  );
  const statusLine = element('p', {}, 'Third-party status: ');
  statusLine.append(element('strong', { 'data-role': 'third-party-status' }, '-'));
  action.append(statusLine);
  root.append(
    element('p', { 'data-role': 'status', 'aria-live': 'polite' }, 'Loading…'),
    element('p', { 'data-role': 'error', role: 'alert', hidden: '' }),
    element('ul', { 'data-role': 'products' }),
    action,
  );
  if (root.id === 'checkout') root.querySelector('[data-role="status"]').id = 'status';
}

function safeLink(value) {
  try {
    return !UNSAFE_LINK_SCHEMES.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * Runs one checkout inside `root` with the SDK's Session class. Progress shows in `data-status`
 * (loading, ready, paying, polling, completed, error) and the other data-* attributes of root.
 */
export async function runCheckout(root, Session, options = {}) {
  const params = new URLSearchParams(location.search);
  const pollMs = Number(options.pollMs ?? params.get('pollMs')) || 1000;
  const autoProduct = Number(options.product ?? params.get('product')) || undefined;
  buildMarkup(root);
  const part = (role) => root.querySelector(`[data-role="${role}"]`);
  const setStatus = (status, text) => {
    root.dataset.status = status;
    part('status').textContent = text;
  };
  const showError = (error) => {
    const described = describeError(error);
    root.dataset.errorCode = described.code;
    part('error').textContent = described.text;
    part('error').hidden = false;
    return described;
  };
  const clearError = () => {
    delete root.dataset.errorCode;
    part('error').hidden = true;
  };
  const fail = (error) => {
    showError(error);
    setStatus('error', 'Something went wrong.');
  };

  let session;

  const showAction = (merchantAction) => {
    for (const entry of (merchantAction && merchantAction.showData) || []) {
      if (entry.key === 'QRCODE') {
        part('qr').src = `data:image/png;base64,${entry.value}`;
        part('qr').hidden = false;
      }
      if (entry.key === 'URLINTENT' && safeLink(entry.value)) {
        part('url-intent').href = entry.value;
        part('url-intent').hidden = false;
      }
    }
    part('action').hidden = false;
  };

  const finish = async (paymentId) => {
    const response = await fetch(`/api/payments/${encodeURIComponent(paymentId)}`);
    const payment = await response.json().catch(() => null);
    if (payment && typeof payment.status === 'string') root.dataset.paymentStatus = payment.status;
    setStatus('completed', `Paid. Payment status: ${root.dataset.paymentStatus ?? 'unknown'}`);
  };

  const poll = async (paymentId) => {
    let polls = 0;
    for (;;) {
      polls += 1;
      root.dataset.polls = String(polls);
      try {
        const answer = await settle(session.getThirdPartyPaymentStatus(paymentId));
        const status = String(answer && answer.thirdPartyStatus);
        root.dataset.thirdPartyStatus = status;
        part('third-party-status').textContent = status;
        clearError();
        if (status === 'COMPLETED') return finish(paymentId);
      } catch (error) {
        const described = showError(error);
        // A refusal will not change by asking again; a 429, a 5xx or a broken answer might.
        if (described.status >= 400 && described.status < 500 && described.status !== 429) {
          setStatus('error', 'The payment status is no longer available.');
          return undefined;
        }
      }
      await sleep(pollMs);
    }
  };

  const pay = async (productId) => {
    for (const button of root.querySelectorAll('button[data-product-id]')) button.disabled = true;
    setStatus('paying', 'Creating the payment…');
    try {
      const product = await settle(session.getPaymentProduct(productId, CONTEXT));
      const request = session.getPaymentRequest();
      request.setPaymentProduct(product);
      const encryptedCustomerInput = await settle(session.getEncryptor().encrypt(request));
      const created = await postJson('/api/payments', { productId, encryptedCustomerInput });
      const paymentId = String(created.payment.id);
      root.dataset.paymentId = paymentId;
      showAction(created.merchantAction);
      setStatus('polling', 'Scan the code with the app, then confirm on the phone.');
      await poll(paymentId);
    } catch (error) {
      fail(error);
    }
  };

  try {
    setStatus('loading', 'Creating a session…');
    const details = await postJson('/api/session');
    session = new Session(details);
    const products = await settle(session.getBasicPaymentProducts(CONTEXT));
    for (const product of products.basicPaymentProducts) {
      const item = element('li', { 'data-product': String(product.id) });
      const hints = product.displayHints || {};
      if (hints.logo) item.append(element('img', { src: hints.logo, alt: '', width: '48', height: '30' }));
      item.append(element('span', {}, ` ${hints.label ?? `product ${product.id}`} `));
      if (THIRD_PARTY_PRODUCTS.includes(product.id)) {
        const button = element('button', { type: 'button', 'data-product-id': String(product.id) }, `Pay with ${hints.label ?? product.id}`);
        button.addEventListener('click', () => pay(product.id));
        item.append(button);
      }
      part('products').append(item);
    }
    setStatus('ready', 'Choose a payment method.');
    if (autoProduct !== undefined) await pay(autoProduct);
  } catch (error) {
    fail(error);
  }
}

import type { Session as SdkSession } from 'connect-sdk-client-js';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoMerchant, startSimulator, type DemoMerchant, type Simulator } from '../../src/simulator/index.ts';
import { createPayment } from './helpers.ts';

// The client SDK runs as a shopper's browser runs it: the merchant's real pages in headless Chromium.
type UmdWindow = { connectsdk: { Session: typeof SdkSession } };
let simulator: Simulator;
let merchant: DemoMerchant;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
  merchant = await startDemoMerchant({ port: 0, simulatorUrl: simulator.url, env: {} });
  browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await Promise.all([merchant?.close(), simulator?.close()]);
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
  await page.goto(`${merchant.url}${path}`);
  return page;
}

const root = (page: Page, selector = '#checkout') => page.locator(selector);

/** Runs in the page: a session from the merchant's server, created as the checkout script creates one. */
async function newPageSession(): Promise<SdkSession> {
  const details = await (await fetch('/api/session', { method: 'POST' })).json();
  return new (window as unknown as UmdWindow).connectsdk.Session(details);
}

async function waitForAttribute(page: Page, selector: string, name: string, value: string): Promise<void> {
  await page.locator(`${selector}[${name}="${value}"]`).waitFor({ timeout: 20_000 });
}

/**
 * Records, in the page, every value the attribute takes from now on, so that a value the page shows
 * for one poll only (150 ms) is seen however late the test looks: a busy machine can let a locator's
 * polling miss it.
 */
async function recordAttribute(page: Page, selector: string, name: string): Promise<(value: string) => Promise<void>> {
  const key = `__seen_${name.replace(/\W/g, '_')}`;
  await page.evaluate(
    ({ selector, name, key }) => {
      const target = document.querySelector(selector);
      const seen: (string | null)[] = [target?.getAttribute(name) ?? null];
      (window as unknown as Record<string, unknown>)[key] = seen;
      if (!target) return;
      new MutationObserver(() => seen.push(target.getAttribute(name))).observe(target, { attributes: true, attributeFilter: [name] });
    },
    { selector, name, key },
  );
  return async (value) => {
    await page.waitForFunction(
      ({ key, value }) => ((window as unknown as Record<string, (string | null)[]>)[key] ?? []).includes(value),
      { key, value },
      { timeout: 20_000 },
    );
  };
}

/** A checkout that pays at once (`?product=`), once the SDK has seen the payment WAITING. */
async function openPaying(path: string): Promise<{ page: Page; paymentId: string }> {
  const page = await open(path);
  await waitForAttribute(page, '#checkout', 'data-third-party-status', 'WAITING');
  return { page, paymentId: (await root(page).getAttribute('data-payment-id')) ?? '' };
}

/** Walks a payment through the customer's steps, checking the page sees each status through the SDK. */
async function driveToCompleted(page: Page, paymentId: string): Promise<void> {
  await waitForAttribute(page, '#checkout', 'data-third-party-status', 'WAITING');
  for (const [step, status] of [['scan', 'INITIALIZED'], ['authenticate', 'AUTHORIZED'], ['confirm', 'COMPLETED']] as const) {
    expect(simulator.control.step(paymentId, step).ok).toBe(true);
    await waitForAttribute(page, '#checkout', 'data-third-party-status', status);
  }
  await waitForAttribute(page, '#checkout', 'data-status', 'completed');
  expect(await root(page).getAttribute('data-payment-status')).toBe('CAPTURE_REQUESTED');
}

describe('connect-sdk-client-js v6 in Chromium', () => {
  it('lists products, encrypts, pays with Bancontact and follows all four statuses', async () => {
    const page = await open('/?pollMs=200');
    await waitForAttribute(page, '#checkout', 'data-status', 'ready');
    const listed = await page.locator('[data-role="products"] li').evaluateAll((items) => items.map((item) => item.getAttribute('data-product')));
    expect(listed).toEqual(['3012', '863', '1']);
    expect(await page.locator('#status').textContent()).toBe('Choose a payment method.');

    await page.locator('button[data-product-id="3012"]').click();
    await waitForAttribute(page, '#checkout', 'data-status', 'polling');
    const paymentId = (await root(page).getAttribute('data-payment-id')) ?? '';
    expect(paymentId).toMatch(/^\d{30}$/);
    // The QR code is a PNG the browser can decode, and the app link is in the Bancontact app's scheme,
    // returning to the phone page.
    expect(await page.locator('img[data-role="qr"]').evaluate((image: HTMLImageElement) => image.decode().then(() => image.naturalWidth))).toBe(200);
    const intent = await page.locator('a[data-role="url-intent"]').getAttribute('href');
    expect(intent).toMatch(/^BEPGenApp:\/\/DoTx\?TransId=[^&]+&Callback=/);
    expect(new URL(intent ?? '').searchParams.get('Callback')).toBe(`${simulator.url}/phone?payment=${paymentId}`);
    // The simulator opened the JWE the SDK made: the payment knows its session from the encrypted input.
    const payment = simulator.control.getPayment(paymentId);
    expect(payment?.clientSessionSource).toBe('encrypted-input');
    const sessionCalls = simulator.control.requests({ api: 'client', clientSessionId: payment?.clientSessionId ?? 'none' });
    expect(sessionCalls.map((entry) => entry.path.split('?')[0]?.split('/').slice(4).join('/'))).toEqual(
      expect.arrayContaining(['products', 'products/3012', 'crypto/publickey']),
    );

    await driveToCompleted(page, paymentId);
    await page.close();
  }, 60_000);

  it('encrypts a payment request into a 5-part JWE for the published key', async () => {
    const page = await open('/');
    await waitForAttribute(page, '#checkout', 'data-status', 'ready');
    const pageSession = await page.evaluateHandle(newPageSession);
    const result = await page.evaluate(async (session) => {
      const context = { totalAmount: 1000, countryCode: 'BE', currency: 'EUR', locale: 'en_GB', isRecurring: false };
      const product = await session.getPaymentProduct(3012, context, { bancontact: { forceBasicFlow: true } });
      const request = session.getPaymentRequest();
      request.setPaymentProduct(product);
      request.setValue('cardNumber', '6703 4444 4444 4449');
      request.setValue('expiryDate', `12/${String(new Date().getFullYear() + 2).slice(2)}`);
      const jwe: string = await session.getEncryptor().encrypt(request);
      const key = await session.getPublicKey();
      // The merchant passes it on; the simulator refuses what it cannot decrypt.
      const created = await fetch('/api/payments', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ productId: 3012, encryptedCustomerInput: jwe }),
      });
      const payment = await created.json();
      return {
        jwe,
        keyId: key.keyId,
        fields: product.paymentProductFields.length,
        created: created.status,
        paymentId: payment.payment.id as string,
        clientSessionId: session.getPaymentRequest().getClientSessionID(),
      };
    }, pageSession);
    expect(result.created).toBe(201);
    expect(simulator.control.getPayment(result.paymentId)).toMatchObject({
      clientSessionId: result.clientSessionId,
      clientSessionSource: 'encrypted-input',
    });
    expect(result.fields).toBe(3);
    const parts = result.jwe.split('.');
    expect(parts).toHaveLength(5);
    const header = JSON.parse(Buffer.from(parts[0] ?? '', 'base64url').toString('utf8'));
    expect(header).toEqual({ alg: 'RSA-OAEP', enc: 'A256CBC-HS512', kid: result.keyId });
    await page.close();
  }, 60_000);

  it('rejects through the SDK for an unknown payment and for an expired session', async () => {
    const { page, paymentId } = await openPaying('/?product=863&pollMs=200');
    const clientSessionId = simulator.control.getPayment(paymentId)?.clientSessionId ?? '';

    const pageSession = await page.evaluateHandle(newPageSession);
    const unknown = await page.evaluate(async (session) => {
      try {
        await session.getThirdPartyPaymentStatus('000000123499999999990000100001');
        return undefined;
      } catch (error) {
        const failure = error as { status: number; data: { errors: { code: string }[] } };
        return { status: failure.status, code: failure.data.errors[0]?.code };
      }
    }, pageSession);
    expect(unknown).toEqual({ status: 404, code: '1002' });

    simulator.control.addFault({ kind: 'expire-session', clientSessionId });
    await waitForAttribute(page, '#checkout', 'data-status', 'error');
    expect(await root(page).getAttribute('data-error-code')).toBe('9008');
    expect(simulator.control.clearFaults({ clientSessionId })).toBe(1);
    await page.close();
  }, 60_000);

  it('keeps polling through a 503 and an unknown status value', async () => {
    const { page, paymentId } = await openPaying('/?product=3012&pollMs=150');
    const statusSeen = await recordAttribute(page, '#checkout', 'data-third-party-status');
    const errorSeen = await recordAttribute(page, '#checkout', 'data-error-code');
    simulator.control.addFault({ kind: 'unknown-status', paymentId, times: 1 });
    await statusSeen('PENDING_PHONE');
    simulator.control.addFault({ kind: 'http-503', paymentId, times: 1 });
    await errorSeen('9999');
    await driveToCompleted(page, paymentId);
    await page.close();
  }, 60_000);
});

describe('other SDK generations and page shapes', () => {
  it('v4 global build: products, payment and all four statuses', async () => {
    const page = await open('/v4.html?pollMs=200');
    await waitForAttribute(page, '#checkout', 'data-status', 'ready');
    expect(await page.locator('[data-role="products"] li').count()).toBe(3);
    await page.locator('button[data-product-id="863"]').click();
    await waitForAttribute(page, '#checkout', 'data-status', 'polling');
    const paymentId = (await root(page).getAttribute('data-payment-id')) ?? '';
    expect(simulator.control.getPayment(paymentId)?.productId).toBe(863);
    await driveToCompleted(page, paymentId);
    expect(await page.evaluate(() => typeof (window as unknown as { connectsdk?: { Session?: unknown } }).connectsdk?.Session)).toBe('function');
    await page.close();
  }, 60_000);

  it('bundled ES module: works without ever setting a global', async () => {
    const page = await open('/bundled.html');
    await waitForAttribute(page, '#checkout', 'data-status', 'ready');
    expect(await page.evaluate(() => 'connectsdk' in window)).toBe(false);
    await page.close();
  }, 60_000);

  it('two sessions on one page', async () => {
    const before = simulator.control.listSessions().length;
    const page = await open('/two-sessions.html');
    await waitForAttribute(page, '[data-checkout="first"]', 'data-status', 'ready');
    await waitForAttribute(page, '[data-checkout="second"]', 'data-status', 'ready');
    const sessions = simulator.control.listSessions().slice(0, simulator.control.listSessions().length - before);
    expect(sessions).toHaveLength(2);
    for (const session of sessions) {
      expect(simulator.control.requests({ clientSessionId: session.clientSessionId }).length).toBeGreaterThan(0);
    }
    await page.close();
  }, 60_000);

  it('a checkout framed from the other loopback name', async () => {
    const page = await open('/framed.html');
    await waitForAttribute(page, '#framed', 'data-status', 'frame-loaded');
    expect(await page.locator('#framed').getAttribute('data-frame-origin')).toBe(merchant.localhostUrl);
    const frame = page.frameLocator('#payment-frame');
    await frame.locator('#checkout[data-status="ready"]').waitFor({ timeout: 20_000 });
    await page.close();
  }, 60_000);

  it("the phone page refreshes itself and its buttons move the payment on", async () => {
    const page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(`phone: ${error.message}`));
    await page.goto(`${simulator.url}/control/`);
    const paymentId = await createPayment(simulator, 863);
    // Shown without a reload: the refresh script runs under the page's own CSP.
    const card = page.locator(`article[data-payment-id="${paymentId}"]`);
    await card.waitFor({ timeout: 20_000 });
    await card.locator('button', { hasText: 'scan' }).click();
    await page.locator(`article[data-payment-id="${paymentId}"][data-third-party-status="INITIALIZED"]`).waitFor({ timeout: 20_000 });
    expect(simulator.control.getPayment(paymentId)?.thirdPartyStatus).toBe('INITIALIZED');
    await page.close();
  }, 60_000);

  it('raised no script errors on any page', () => {
    expect(pageErrors).toEqual([]);
  });
});

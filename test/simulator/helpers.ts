import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { init } from 'connect-sdk-nodejs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { CreatePaymentRequest } from 'connect-sdk-nodejs/lib/v1/model/domain';
import { DEFAULT_CREDENTIALS, type Simulator } from '../../src/simulator/index.ts';

/** connect-sdk-nodejs pointed at the simulator, as a merchant would configure it. */
export function sdkClient(simulator: Simulator, overrides: { apiKeyId?: string; secretApiKey?: string } = {}) {
  const url = new URL(simulator.url);
  return init({
    host: url.hostname,
    scheme: 'http',
    port: Number(url.port),
    apiKeyId: overrides.apiKeyId ?? DEFAULT_CREDENTIALS.apiKeyId,
    secretApiKey: overrides.secretApiKey ?? DEFAULT_CREDENTIALS.secretApiKey,
    integrator: 'connect-devtools tests',
  });
}

export const MERCHANT_ID = DEFAULT_CREDENTIALS.merchantId;

/** `products` as the SDKs ask for it: the platform requires the shopper's country and currency. */
export const PRODUCTS = 'products?countryCode=BE&currencyCode=EUR';

/** What a phone's camera would read: the PNG decoded to pixels, then the QR code in it, or null. */
export function scanQrCode(base64Png: string): { text: string; width: number; height: number; bitDepth: number } | null {
  const png = PNG.sync.read(Buffer.from(base64Png, 'base64'));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  const bitDepth = Buffer.from(base64Png, 'base64').readUInt8(24);
  return code && { text: code.data, width: png.width, height: png.height, bitDepth };
}

export function paymentRequest(productId: number): CreatePaymentRequest {
  const order = { amountOfMoney: { amount: 1000, currencyCode: 'EUR' }, references: { merchantReference: 'test' } };
  return productId === 863
    ? { order, redirectPaymentMethodSpecificInput: { paymentProductId: 863, paymentProduct863SpecificInput: { integrationType: 'desktopQRCode' } } }
    : { order, cardPaymentMethodSpecificInput: { paymentProductId: productId } };
}

export type SessionDetails = { clientSessionId: string; customerId: string; clientApiUrl: string; assetUrl: string };

export async function createSession(simulator: Simulator): Promise<SessionDetails> {
  const response = await sdkClient(simulator).v1.sessions.create(MERCHANT_ID, {}, null);
  if (!response.isSuccess) throw new Error(`session: ${response.status}`);
  return response.body as SessionDetails;
}

export async function createPayment(simulator: Simulator, productId = 3012): Promise<string> {
  const response = await sdkClient(simulator).v1.payments.create(MERCHANT_ID, paymentRequest(productId), null);
  if (!response.isSuccess) throw new Error(`payment: ${response.status}`);
  const id = response.body.payment?.id;
  if (!id) throw new Error('payment without id');
  return id;
}

/** A Client API call as the SDK makes it: `Authorization: GCS v1Client:` and the customer in the path. */
export function clientApi(session: SessionDetails, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${session.clientApiUrl}/v1/${session.customerId}/${path}`, {
    ...init,
    headers: { Authorization: `GCS v1Client:${session.clientSessionId}`, ...init.headers },
  });
}

export type RawOutcome =
  | { kind: 'response'; status: number; headers: IncomingHttpHeaders; body: string }
  | { kind: 'socket-error'; code: string | undefined }
  | { kind: 'timeout' };

/** One request over a fresh socket, reporting a dropped connection or silence instead of throwing. */
export function rawRequest(url: string, headers: Record<string, string>, timeoutMs: number): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const request = httpRequest(url, { headers, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ kind: 'response', status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.setTimeout(timeoutMs, () => {
      resolve({ kind: 'timeout' });
      request.destroy();
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'socket-error', code: error.code }));
    request.end();
  });
}

export async function controlCall(simulator: Simulator, method: string, path: string, body?: unknown) {
  const response = await fetch(`${simulator.url}/control/${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Polls until the check passes; tests wait for conditions, never for a fixed time. */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

import { inflateSync } from 'node:zlib';
import { assertSuccess } from 'connect-sdk-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema } from '../../src/core/connect/error-response.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { MERCHANT_ID, paymentRequest, sdkClient } from './helpers.ts';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());

/** Width and height of a PNG whose chunks all carry the right CRC and whose pixels inflate. */
function readPng(data: Buffer): { width: number; height: number } {
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  const idat: Buffer[] = [];
  let header: Buffer | undefined;
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('ascii', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = body;
    if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  if (!header) throw new Error('no IHDR');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  expect(inflateSync(Buffer.concat(idat)).length).toBe(height * (1 + width * 3));
  return { width, height };
}

describe('Server API through connect-sdk-nodejs', () => {
  it('creates a session whose clientApiUrl is the simulator', async () => {
    const response = assertSuccess(await sdkClient(simulator).v1.sessions.create(MERCHANT_ID, {}, null));
    expect(response.status).toBe(201);
    expect(response.body.clientSessionId).toMatch(/^[0-9a-f]{32}$/);
    expect(response.body.customerId).toMatch(/^1234-[0-9a-f]{32}$/);
    expect(response.body.clientApiUrl).toBe(`${simulator.url}/client`);
    expect(response.body.assetUrl).toBe(`${simulator.url}/assets/`);
    expect(response.body.invalidTokens).toEqual([]);
  });

  it.each([3012, 863])('creates a %i payment that shows a QR code', async (productId) => {
    const response = assertSuccess(await sdkClient(simulator).v1.payments.create(MERCHANT_ID, paymentRequest(productId), null));
    expect(response.status).toBe(201);
    const { creationOutput, merchantAction, payment } = response.body;
    expect(payment?.id).toMatch(/^\d{30}$/);
    expect(creationOutput?.externalReference).toBe(payment?.id);
    expect(creationOutput?.additionalReference).toBe(payment?.id?.slice(0, 20));
    expect(payment?.status).toBe('REDIRECTED');
    expect(payment?.statusOutput?.statusCategory).toBe('PENDING_PAYMENT');
    expect(merchantAction?.actionType).toBe('SHOW_FORM');
    const keys = merchantAction?.showData?.map((entry) => entry.key);
    expect(keys).toContain('QRCODE');
    if (productId === 3012) expect(keys).toContain('URLINTENT');
    if (productId === 863) expect(keys).toContain('WECHAT_PAYMENTID');
    const qr = merchantAction?.showData?.find((entry) => entry.key === 'QRCODE')?.value ?? '';
    expect(readPng(Buffer.from(qr, 'base64'))).toEqual({ width: 198, height: 198 });
  });

  it('points URLINTENT at the phone page of the payment', async () => {
    const response = assertSuccess(await sdkClient(simulator).v1.payments.create(MERCHANT_ID, paymentRequest(3012), null));
    const intent = response.body.merchantAction?.showData?.find((entry) => entry.key === 'URLINTENT')?.value;
    expect(intent).toBe(`${simulator.url}/phone?payment=${response.body.payment?.id}`);
    const page = await fetch(intent ?? '');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(response.body.payment?.id);
  });

  it('gets the payment and its third-party status as the customer moves on', async () => {
    const client = sdkClient(simulator);
    const created = assertSuccess(await client.v1.payments.create(MERCHANT_ID, paymentRequest(863), null));
    const paymentId = created.body.payment?.id ?? '';
    const status = async () => assertSuccess(await client.v1.payments.thirdPartyStatus(MERCHANT_ID, paymentId, null)).body.thirdPartyStatus;

    expect(await status()).toBe('WAITING');
    for (const [step, expected] of [['scan', 'INITIALIZED'], ['authenticate', 'AUTHORIZED'], ['confirm', 'COMPLETED']] as const) {
      expect(simulator.control.step(paymentId, step).ok).toBe(true);
      expect(await status()).toBe(expected);
    }
    const payment = assertSuccess(await client.v1.payments.get(MERCHANT_ID, paymentId, null)).body;
    expect(payment.id).toBe(paymentId);
    expect(payment.status).toBe('CAPTURE_REQUESTED');
    expect(payment.statusOutput?.isAuthorized).toBe(true);
  });

  it('answers an unknown payment with 404', async () => {
    const response = await sdkClient(simulator).v1.payments.get(MERCHANT_ID, '000000123499999999990000100001', null);
    expect(response.isSuccess).toBe(false);
    expect(response.status).toBe(404);
    const body = errorResponseSchema.parse(response.body);
    expect(body.errors[0]).toMatchObject({ code: '1002', id: 'UNKNOWN_PAYMENT_ID', httpStatusCode: 404 });
  });

  it('refuses a bad secret with 401 through the SDK error handling', async () => {
    const response = await sdkClient(simulator, { secretApiKey: 'not-the-secret' }).v1.sessions.create(MERCHANT_ID, {}, null);
    let thrown: unknown;
    try {
      assertSuccess(response);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: 'SdkApiError', status: 401 });
    const body = errorResponseSchema.parse((thrown as { body: unknown }).body);
    expect(body.errorId).toMatch(/[0-9a-f-]{36}/);
    expect(body.errors[0]).toMatchObject({
      code: '9002',
      id: 'MISSING_OR_INVALID_AUTHORIZATION',
      category: 'CONNECT_PLATFORM_ERROR',
      httpStatusCode: 401,
    });
  });

  it('refuses an unknown API key id with 401', async () => {
    const response = await sdkClient(simulator, { apiKeyId: 'someone-else' }).v1.sessions.create(MERCHANT_ID, {}, null);
    expect(response.status).toBe(401);
  });

  it('refuses another merchant with 403', async () => {
    const response = await sdkClient(simulator).v1.sessions.create('9999', {}, null);
    expect(response.status).toBe(403);
    expect(errorResponseSchema.parse(response.body).errors[0]?.code).toBe('9007');
  });

  it('refuses an unsupported product with the 400 error shape', async () => {
    const response = await sdkClient(simulator).v1.payments.create(MERCHANT_ID, paymentRequest(1), null);
    expect(response.status).toBe(400);
    const body = errorResponseSchema.parse(response.body);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ code: '1100', id: 'SERVICE_NOT_ALLOWED', httpStatusCode: 400, category: 'CONNECT_PLATFORM_ERROR' });
    expect(body.errors[0]?.message).toContain('PAYMENTPRODUCTID 1');
  });

  it('refuses a payment without an amount with 400', async () => {
    const response = await sdkClient(simulator).v1.payments.create(
      MERCHANT_ID,
      { cardPaymentMethodSpecificInput: { paymentProductId: 3012 } },
      null,
    );
    expect(response.status).toBe(400);
    expect(errorResponseSchema.parse(response.body).errors[0]?.propertyName).toBe('order');
  });

  it('refuses encrypted customer input it cannot open', async () => {
    const response = await sdkClient(simulator).v1.payments.create(
      MERCHANT_ID,
      { ...paymentRequest(3012), encryptedCustomerInput: 'a.b.c.d.e' },
      null,
    );
    expect(response.status).toBe(400);
    expect(errorResponseSchema.parse(response.body).errors[0]?.propertyName).toBe('encryptedCustomerInput');
  });
});

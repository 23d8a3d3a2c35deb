import { assertSuccess } from 'connect-sdk-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema } from '../../src/core/connect/error-response.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import type { CreatePaymentRequest } from 'connect-sdk-nodejs/lib/v1/model/domain';
import { findCreatedPayment } from '../../src/core/detect/find-created-payment.ts';
import { MERCHANT_ID, paymentRequest, scanQrCode, sdkClient } from './helpers.ts';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());

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

  it("answers a Bancontact payment in the shape of Worldline's own example", async () => {
    const response = assertSuccess(await sdkClient(simulator).v1.payments.create(MERCHANT_ID, paymentRequest(3012), null));
    expect(response.status).toBe(201);
    const { creationOutput, merchantAction, payment } = response.body;
    expect(creationOutput).toEqual({});
    expect(payment).toMatchObject({
      id: expect.stringMatching(/^\d{30}$/),
      paymentOutput: {
        amountOfMoney: { amount: 1000, currencyCode: 'EUR' },
        references: { merchantReference: 'test' },
        paymentMethod: 'card',
        cardPaymentMethodSpecificOutput: { paymentProductId: 3012, card: {} },
      },
      status: 'PENDING_PAYMENT',
      statusOutput: { isCancellable: false, statusCategory: 'PENDING_PAYMENT', statusCode: 0, isAuthorized: false, isRefundable: false },
    });
    expect(merchantAction?.actionType).toBe('SHOW_FORM');
    expect(merchantAction?.formFields?.map((field) => field.id)).toEqual(['cardNumber', 'cardholderName', 'expiryDate']);
    expect(merchantAction?.formFields?.[1]?.dataRestrictions).toMatchObject({
      isRequired: true,
      validators: { length: { maxLength: 35, minLength: 0 } },
    });
    expect(merchantAction?.redirectData?.RETURNMAC).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(merchantAction?.showData?.map((entry) => entry.key)).toEqual(['URLINTENT', 'QRCODE']);

    // The app's own scheme, with the phone page standing in for the platform's redirector.
    const intent = merchantAction?.showData?.[0]?.value ?? '';
    const match = /^BEPGenApp:\/\/DoTx\?TransId=(1127\.0\.0\.1\*P-\d+\$[A-Z2-7]{26})&Callback=(.+)$/.exec(intent);
    expect(match).not.toBeNull();
    const callback = decodeURIComponent(match?.[2] ?? '');
    expect(callback).toBe(`${simulator.url}/phone?payment=${payment?.id}`);
    const page = await fetch(callback);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(payment?.id);

    // A real QR code, as a phone reads it: the example's holds `BEP://DoTx?TransId=` and the same TransId.
    const scanned = scanQrCode(merchantAction?.showData?.[1]?.value ?? '');
    expect(scanned).toEqual({ text: `BEP://DoTx?TransId=${match?.[1]}`, width: 200, height: 200, bitDepth: 1 });

    const rendering = JSON.parse(Buffer.from(merchantAction?.renderingData ?? '', 'base64').toString('utf8')) as Record<string, unknown>;
    expect(rendering).toMatchObject({
      createdPaymentOutput: {
        payment: { id: payment?.id, status: 'PENDING_PAYMENT' },
        merchantAction: { actionType: 'SHOW_FORM', showData: merchantAction?.showData },
      },
      partialPaymentInput: { amount: 1000, currencyCode: 'EUR', merchantId: MERCHANT_ID, paymentProductId: 3012 },
    });
  });

  it.each([3012, 863])("hands out a %i answer that the panel's create-payment detection reads", async (productId) => {
    const response = assertSuccess(await sdkClient(simulator).v1.payments.create(MERCHANT_ID, paymentRequest(productId), null));
    const seen = findCreatedPayment(JSON.stringify(response.body), 'http://127.0.0.1:4020/api/payments', 1);
    expect(seen).toMatchObject({ paymentId: response.body.payment?.id, productId, actionType: 'SHOW_FORM' });
    expect(seen?.showDataKeys).toEqual(response.body.merchantAction?.showData?.map((entry) => entry.key));
  });

  const wechat = (integrationType: string | undefined, openId?: string): CreatePaymentRequest => ({
    order: { amountOfMoney: { amount: 1000, currencyCode: 'EUR' } },
    redirectPaymentMethodSpecificInput: {
      paymentProductId: 863,
      ...(integrationType === undefined && openId === undefined
        ? {}
        : { paymentProduct863SpecificInput: { ...(integrationType && { integrationType }), ...(openId && { openId }) } }),
    },
  });

  it.each([
    ['desktopQRCode', ['WECHAT_PAYMENTID', 'QRCODE']],
    ['urlIntent', ['WECHAT_PAYMENTID', 'URLINTENT']],
    [undefined, ['WECHAT_PAYMENTID', 'QRCODE']],
  ])('shows WeChat Pay %s with %j', async (integrationType, keys) => {
    const response = assertSuccess(await sdkClient(simulator).v1.payments.create(MERCHANT_ID, wechat(integrationType), null));
    const { merchantAction, payment } = response.body;
    expect(merchantAction?.actionType).toBe('SHOW_FORM');
    expect(merchantAction?.thirdPartyData).toBeUndefined();
    expect(merchantAction?.showData?.map((entry) => entry.key)).toEqual(keys);
    expect(merchantAction?.showData?.[0]?.value).toMatch(/^wx\d{20}$/);
    const shown = merchantAction?.showData?.[1]?.value ?? '';
    if (keys[1] === 'QRCODE') expect(scanQrCode(shown)?.text).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=[\w-]{8}$/);
    else expect(shown).toBe(`${simulator.url}/phone?payment=${payment?.id}`);
  });

  it.each([
    ['nativeInApp', undefined, 'Sign=WXPay'],
    ['javaScriptAPI', 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', 'prepay_id='],
    ['miniProgram', 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', 'prepay_id='],
  ])('has WeChat Pay %s call the third party with its signed parameters', async (integrationType, openId, packageSign) => {
    const response = assertSuccess(await sdkClient(simulator).v1.payments.create(MERCHANT_ID, wechat(integrationType, openId), null));
    const { merchantAction } = response.body;
    expect(merchantAction?.actionType).toBe('CALL_THIRD_PARTY');
    expect(merchantAction?.showData?.map((entry) => entry.key)).toEqual(['WECHAT_PAYMENTID']);
    const data = merchantAction?.thirdPartyData?.paymentProduct863;
    expect(Object.keys(data ?? {}).sort()).toEqual(['appId', 'nonceStr', 'packageSign', 'paySign', 'prepayId', 'signType', 'timeStamp']);
    expect(data?.packageSign?.startsWith(packageSign)).toBe(true);
    if (packageSign === 'prepay_id=') expect(data?.packageSign).toBe(`prepay_id=${data?.prepayId}`);
    expect(data?.appId).toMatch(/^wx[0-9a-f]{16}$/);
    expect(data?.nonceStr).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(data?.paySign).toMatch(/^[0-9A-F]{64}$/);
    expect(data?.timeStamp).toMatch(/^\d{10}$/);
    expect(findCreatedPayment(JSON.stringify(response.body), 'http://127.0.0.1:4020/api/payments', 1)).toMatchObject({
      productId: 863,
      actionType: 'CALL_THIRD_PARTY',
    });
  });

  const OPEN_ID = 'redirectPaymentMethodSpecificInput.paymentProduct863SpecificInput.openId';
  it.each([
    ['javaScriptAPI without openId', wechat('javaScriptAPI'), OPEN_ID],
    ['miniProgram without openId', wechat('miniProgram'), OPEN_ID],
    ['an integration type that does not exist', wechat('smartWatch'), 'redirectPaymentMethodSpecificInput.paymentProduct863SpecificInput.integrationType'],
    ['no amount', { cardPaymentMethodSpecificInput: { paymentProductId: 3012 } }, 'order'],
    [
      'an amount without currency',
      { order: { amountOfMoney: { amount: 1000 } }, cardPaymentMethodSpecificInput: { paymentProductId: 3012 } },
      'order.amountOfMoney.currencyCode',
    ],
  ])('refuses %s with 400 20000000 naming the property', async (_name, request, propertyName) => {
    const response = await sdkClient(simulator).v1.payments.create(MERCHANT_ID, request as CreatePaymentRequest, null);
    expect(response.status).toBe(400);
    const body = errorResponseSchema.parse(response.body);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ code: '20000000', id: 'PARAMETER_NOT_FOUND_IN_REQUEST', httpStatusCode: 400, propertyName });
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
    // COMPLETED at the third party is not the end: the capture still waits on the platform.
    expect(payment.statusOutput).toMatchObject({ statusCategory: 'PENDING_CONNECT_OR_3RD_PARTY', isAuthorized: true, isCancellable: false });
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
    expect(body.errorId).toMatch(/^[0-9a-f]{32}$/);
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

  it('refuses encrypted customer input it cannot open', async () => {
    const response = await sdkClient(simulator).v1.payments.create(
      MERCHANT_ID,
      { ...paymentRequest(3012), encryptedCustomerInput: 'a.b.c.d.e' },
      null,
    );
    expect(response.status).toBe(400);
    expect(errorResponseSchema.parse(response.body).errors[0]?.propertyName).toBe('encryptedCustomerInput');
  });

  it.each([
    ['an unknown path', 'GET', `/v1/${MERCHANT_ID}/hostedcheckouts`, 404, 'Not Found'],
    ['a path below a known one', 'GET', `/v1/${MERCHANT_ID}/payments/1/thirdpartystatus/x`, 404, 'Not Found'],
    ['a wrong method', 'DELETE', `/v1/${MERCHANT_ID}/payments/1`, 405, 'Method Not Allowed'],
    ['GET on create payment', 'GET', `/v1/${MERCHANT_ID}/payments`, 405, 'Method Not Allowed'],
  ])("answers %s with the front end's HTML page, before checking the signature", async (_name, method, path, status, title) => {
    const response = await fetch(`${simulator.url}${path}`, { method });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toContain(`<h1>${status} ${title}</h1>`);
  });
});

describe("payment ids in both of the platform's forms", () => {
  it.each([
    ['digits', undefined, /^\d{30}$/, /^\d{30}$/],
    ['attempt', 'attempt', /^\d{7}_0$/, /^\d{7}_0$/],
    ['by-product', 'by-product', /^\d{7}_0$/, /^\d{30}$/],
  ] as const)('%s: Bancontact and WeChat Pay ids', async (_name, paymentIdForm, bancontact, wechatPay) => {
    const own = await startSimulator({ port: 0, ...(paymentIdForm && { paymentIdForm }) });
    try {
      const client = sdkClient(own);
      for (const [productId, pattern] of [[3012, bancontact], [863, wechatPay]] as const) {
        const created = assertSuccess(await client.v1.payments.create(MERCHANT_ID, paymentRequest(productId), null));
        const id = created.body.payment?.id ?? '';
        expect(id).toMatch(pattern);
        // The id works as a path segment everywhere the platform takes it.
        expect(assertSuccess(await client.v1.payments.get(MERCHANT_ID, id, null)).body.id).toBe(id);
        expect(assertSuccess(await client.v1.payments.thirdPartyStatus(MERCHANT_ID, id, null)).body.thirdPartyStatus).toBe('WAITING');
        expect(own.control.getPayment(id)?.id).toBe(id);
      }
    } finally {
      await own.close();
    }
  });
});

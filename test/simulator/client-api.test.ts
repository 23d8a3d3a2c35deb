import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema, isSessionExpired } from '../../src/core/connect/error-response.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { clientApi, createPayment, createSession, PRODUCTS, waitFor } from './helpers.ts';

let simulator: Simulator;
let shortLived: Simulator;
beforeAll(async () => {
  [simulator, shortLived] = await Promise.all([startSimulator({ port: 0 }), startSimulator({ port: 0, sessionTtlMs: 300 })]);
});
afterAll(() => Promise.all([simulator.close(), shortLived.close()]));

async function expectError(response: Response, status: number, code: string, id: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
  const body = errorResponseSchema.parse(await response.json());
  expect(body.errors[0]).toMatchObject({ code, id, httpStatusCode: status });
}

describe('Client API', () => {
  it('answers the CORS preflight the SDK triggers from any origin', async () => {
    const session = await createSession(simulator);
    const response = await fetch(`${session.clientApiUrl}/v1/${session.customerId}/products`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'chrome-extension://abcdefghijklmnop',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization,content-type,x-gcs-clientmetainfo',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['authorization', 'content-type', 'x-gcs-clientmetainfo']) expect(allowed).toContain(header);
    expect(response.headers.get('access-control-allow-methods')).toContain('GET');
  });

  it('lists products, details a product and hands out an RSA public key', async () => {
    const session = await createSession(simulator);
    const products = (await (await clientApi(session, 'products?countryCode=BE&currencyCode=EUR&hide=fields')).json()) as {
      paymentProducts: { id: number; displayHints: { label: string } }[];
    };
    expect(products.paymentProducts.map((product) => product.id)).toEqual([3012, 863, 1]);

    const basic = (await (await clientApi(session, 'products/3012?countryCode=BE&currencyCode=EUR')).json()) as { fields: unknown[] };
    expect(basic.fields).toEqual([]);
    const forced = (await (await clientApi(session, 'products/3012?countryCode=BE&currencyCode=EUR&forceBasicFlow=true')).json()) as {
      fields: { id: string }[];
    };
    expect(forced.fields.map((field) => field.id)).toEqual(['cardNumber', 'expiryDate', 'cardholderName']);
    await expectError(await clientApi(session, 'products/999?countryCode=BE&currencyCode=EUR'), 404, '1007', 'UNKNOWN_PRODUCT_ID');

    const key = (await (await clientApi(session, 'crypto/publickey')).json()) as { keyId: string; publicKey: string };
    expect(key.keyId).toMatch(/^[0-9a-f-]{36}$/);
    const der = Buffer.from(key.publicKey, 'base64');
    const { createPublicKey } = await import('node:crypto');
    expect(createPublicKey({ key: der, format: 'der', type: 'spki' }).asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('answers the third-party status of a payment', async () => {
    const session = await createSession(simulator);
    const paymentId = await createPayment(simulator, 863);
    const response = await clientApi(session, `payments/${paymentId}/thirdpartystatus`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ thirdPartyStatus: 'WAITING' });
    // Without encrypted input, the first session that asks is the payment's.
    expect(simulator.control.getPayment(paymentId)).toMatchObject({
      clientSessionId: session.clientSessionId,
      clientSessionSource: 'status-call',
    });
  });

  it('answers an unknown payment with 404', async () => {
    const session = await createSession(simulator);
    await expectError(
      await clientApi(session, 'payments/000000123499999999990000100001/thirdpartystatus'),
      404,
      '1002',
      'UNKNOWN_PAYMENT_ID',
    );
  });

  it('answers an unknown session, or a session used with another customer, with 403 9008', async () => {
    const session = await createSession(simulator);
    const other = await createSession(simulator);
    await expectError(
      await clientApi({ ...session, clientSessionId: '0'.repeat(32) }, PRODUCTS),
      403,
      '9008',
      'ACCESS_TO_CONSUMER_ID_NOT_ALLOWED',
    );
    await expectError(await clientApi({ ...session, customerId: other.customerId }, PRODUCTS), 403, '9008', 'ACCESS_TO_CONSUMER_ID_NOT_ALLOWED');
  });

  it('answers a missing Authorization header with 401 9002', async () => {
    const session = await createSession(simulator);
    const response = await fetch(`${session.clientApiUrl}/v1/${session.customerId}/products`);
    await expectError(response, 401, '9002', 'MISSING_OR_INVALID_AUTHORIZATION');
  });

  it('expires a session when its lifetime is over', async () => {
    const session = await createSession(shortLived);
    expect((await clientApi(session, PRODUCTS)).status).toBe(200);
    const expired = await waitFor(async () => {
      const response = await clientApi(session, PRODUCTS);
      return response.status === 403 ? response : undefined;
    });
    expect(isSessionExpired(expired.status, await expired.json())).toBe(true);
  });

  it('expires a session for good when told to', async () => {
    const session = await createSession(simulator);
    const result = simulator.control.expireSession(session.clientSessionId);
    expect(result.ok && result.value.expired).toBe(true);
    await expectError(await clientApi(session, PRODUCTS), 403, '9008', 'ACCESS_TO_CONSUMER_ID_NOT_ALLOWED');
    simulator.control.clearFaults();
    expect((await clientApi(session, PRODUCTS)).status).toBe(403);
  });

  it.each([
    ['products', 'countryCode=BE', 'currencyCode'],
    ['products', 'currencyCode=EUR', 'countryCode'],
    ['products', '', 'countryCode'],
    ['products/863', 'countryCode=BE&currencyCode=', 'currencyCode'],
  ])('refuses %s?%s with 400 naming %s, as the platform needs both', async (path, query, propertyName) => {
    const session = await createSession(simulator);
    const response = await clientApi(session, `${path}?${query}`);
    expect(response.status).toBe(400);
    const body = errorResponseSchema.parse(await response.json());
    expect(body.errors[0]).toMatchObject({ code: '20000000', id: 'PARAMETER_NOT_FOUND_IN_REQUEST', propertyName, httpStatusCode: 400 });
  });

  it("answers 9008 as the platform was seen doing: a 32-hex errorId and no requestId", async () => {
    const session = await createSession(simulator);
    const response = await clientApi({ ...session, clientSessionId: '0'.repeat(32) }, PRODUCTS);
    const body = (await response.json()) as { errorId: string; errors: Record<string, unknown>[] };
    expect(body.errorId).toMatch(/^[0-9a-f]{32}$/);
    expect(body.errors).toEqual([
      { code: '9008', id: 'ACCESS_TO_CONSUMER_ID_NOT_ALLOWED', category: 'CONNECT_PLATFORM_ERROR', message: 'ACCESS_TO_CONSUMER_ID_NOT_ALLOWED', httpStatusCode: 403 },
    ]);
  });

  it.each([
    ['an unknown path', 'productgroups', 'GET', 404, 'Not Found'],
    ['a path below a known one', 'payments/1/thirdpartystatus/more', 'GET', 404, 'Not Found'],
    ['a wrong method', 'crypto/publickey', 'POST', 405, 'Method Not Allowed'],
    ['DELETE on a status', 'payments/1/thirdpartystatus', 'DELETE', 405, 'Method Not Allowed'],
  ])("answers %s with the front end's HTML page, before any session check", async (_name, path, method, status, title) => {
    const session = await createSession(simulator);
    for (const clientSessionId of [session.clientSessionId, 'f'.repeat(32)]) {
      const response = await clientApi({ ...session, clientSessionId }, path, { method });
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('text/html');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(await response.text()).toContain(`<title>${status} ${title}</title>`);
    }
  });

  it('answers a path outside /client/v1 with the same HTML 404', async () => {
    const response = await fetch(`${simulator.url}/client/v2/1234-abc/services/dccrate`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toContain('404 Not Found');
  });
});

import { assertSuccess } from 'connect-sdk-nodejs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorResponseSchema } from '../../src/core/connect/error-response.ts';
import { FAULT_KINDS, startSimulator, type FaultKind, type Simulator } from '../../src/simulator/index.ts';
import { createFaultStore } from '../../src/simulator/faults.ts';
import {
  clientApi,
  controlCall,
  createPayment,
  createSession,
  MERCHANT_ID,
  PRODUCTS,
  rawRequest,
  sdkClient,
  waitFor,
  type SessionDetails,
} from './helpers.ts';

let simulator: Simulator;
let session: SessionDetails;
let paymentId: string;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());
beforeEach(async () => {
  simulator.control.clearFaults();
  session = await createSession(simulator);
  paymentId = await createPayment(simulator, 3012);
});

const statusPath = () => `payments/${paymentId}/thirdpartystatus`;
const statusUrl = () => `${session.clientApiUrl}/v1/${session.customerId}/${statusPath()}`;
const authorization = () => ({ Authorization: `GCS v1Client:${session.clientSessionId}` });

async function injectForSession(kind: FaultKind, extra: Record<string, unknown> = {}) {
  const added = await controlCall(simulator, 'POST', 'faults', { kind, clientSessionId: session.clientSessionId, times: 1, ...extra });
  expect(added.status).toBe(201);
  return added.body['fault'] as { id: string };
}

/** Injects a one-shot fault on the session, then asks for the payment's status once. */
async function faultedStatusCall(kind: FaultKind, extra: Record<string, unknown> = {}): Promise<Response> {
  await injectForSession(kind, extra);
  return clientApi(session, statusPath());
}

async function expectNormalAgain() {
  const response = await clientApi(session, statusPath());
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ thirdPartyStatus: 'WAITING' });
}

const lastLogged = () => simulator.control.requests({ clientSessionId: session.clientSessionId }).at(-1);

describe('faults', () => {
  it('exports every kind a test can name', () => {
    expect(FAULT_KINDS).toEqual([
      'latency',
      'http-500',
      'http-502',
      'http-503',
      'http-429',
      'malformed-json',
      'html-error',
      'drop-connection',
      'hang',
      'unknown-status',
      'expire-session',
    ]);
  });

  it('latency: answers normally, later', async () => {
    const response = await faultedStatusCall('latency', { ms: 300 });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ thirdPartyStatus: 'WAITING' });
    const entry = lastLogged();
    expect(entry?.faults).toEqual(['latency']);
    expect((entry?.endedAt ?? 0) - (entry?.startedAt ?? 0)).toBeGreaterThanOrEqual(290);
    await expectNormalAgain();
    expect(lastLogged()?.faults).toEqual([]);
  });

  it.each([
    ['http-500', 500, 'UNKNOWN_SERVER_ERROR'],
    ['http-502', 502, 'BAD_GATEWAY'],
    ['http-503', 503, 'SERVICE_UNAVAILABLE'],
  ] as const)('%s: the platform error shape with that status', async (kind, status, id) => {
    const response = await faultedStatusCall(kind);
    expect(response.status).toBe(status);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = errorResponseSchema.parse(await response.json());
    expect(body.errors[0]).toMatchObject({ code: '9999', id, httpStatusCode: status, category: 'CONNECT_PLATFORM_ERROR' });
    expect(lastLogged()).toMatchObject({ status, faults: [kind] });
    await expectNormalAgain();
  });

  it('http-429: Retry-After, exposed to page scripts', async () => {
    const response = await faultedStatusCall('http-429', { retryAfterSeconds: 7 });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('access-control-expose-headers')).toBe('Retry-After');
    expect(errorResponseSchema.parse(await response.json()).errors[0]).toMatchObject({ id: 'TOO_MANY_REQUESTS', httpStatusCode: 429 });
    await expectNormalAgain();
  });

  it('malformed-json: a JSON content type over half a body', async () => {
    const response = await faultedStatusCall('malformed-json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const text = await response.text();
    expect('{"thirdPartyStatus":"WAITING"}'.startsWith(text)).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
    await expectNormalAgain();
  });

  it('html-error: an HTML page, 500 unless another status is asked for', async () => {
    const page = await faultedStatusCall('html-error');
    expect(page.status).toBe(500);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toMatch(/^<!DOCTYPE html>[\s\S]*500 Error/);

    const unavailable = await faultedStatusCall('html-error', { status: 503 });
    expect(unavailable.status).toBe(503);
    expect(await unavailable.text()).toContain('503 Error');
    await expectNormalAgain();
  });

  it('drop-connection: the socket closes without a response', async () => {
    await injectForSession('drop-connection');
    const outcome = await rawRequest(statusUrl(), authorization(), 10_000);
    expect(outcome).toEqual({ kind: 'socket-error', code: 'ECONNRESET' });
    const entry = await waitFor(() => (lastLogged()?.endedAt ? lastLogged() : undefined));
    expect(entry).toMatchObject({ status: null, faults: ['drop-connection'] });
    await expectNormalAgain();
  });

  it('hang: no answer within the client timeout; the request stays open until the client leaves', async () => {
    await injectForSession('hang');
    const outcome = await rawRequest(statusUrl(), authorization(), 500);
    expect(outcome).toEqual({ kind: 'timeout' });
    const entry = await waitFor(() => (lastLogged()?.endedAt ? lastLogged() : undefined));
    expect(entry).toMatchObject({ status: null, faults: ['hang'] });
    await expectNormalAgain();
  });

  it('hang: close() still ends promptly, taking the open request with it', async () => {
    const own = await startSimulator({ port: 0 });
    const ownSession = await createSession(own);
    own.control.addFault({ kind: 'hang', clientSessionId: ownSession.clientSessionId });
    const pending = rawRequest(`${ownSession.clientApiUrl}/v1/${ownSession.customerId}/products`, {
      Authorization: `GCS v1Client:${ownSession.clientSessionId}`,
    }, 60_000);
    await waitFor(() => own.control.requests({ clientSessionId: ownSession.clientSessionId }).length === 1 || undefined);
    await own.close();
    expect((await pending).kind).toBe('socket-error');
  });

  it('unknown-status: a value outside the four, on status calls only', async () => {
    await injectForSession('unknown-status', { times: undefined });
    const products = await clientApi(session, PRODUCTS);
    expect(products.status).toBe(200);
    for (let call = 0; call < 2; call++) {
      const response = await clientApi(session, statusPath());
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ thirdPartyStatus: 'PENDING_PHONE' });
    }
    const cleared = await controlCall(simulator, 'DELETE', `faults?clientSessionId=${session.clientSessionId}`);
    expect(cleared.body).toEqual({ cleared: 1 });
    await expectNormalAgain();
  });

  it('unknown-status: the value can be chosen', async () => {
    const response = await faultedStatusCall('unknown-status', { value: 'SCANNED_TWICE' });
    expect(await response.json()).toEqual({ thirdPartyStatus: 'SCANNED_TWICE' });
  });

  it('expire-session: 403 9008 while it lasts, the session works again once it is cleared', async () => {
    const fault = await injectForSession('expire-session', { times: undefined });
    for (const path of [PRODUCTS, statusPath()]) {
      const response = await clientApi(session, path);
      expect(response.status).toBe(403);
      expect(errorResponseSchema.parse(await response.json()).errors[0]).toMatchObject({
        code: '9008',
        id: 'ACCESS_TO_CONSUMER_ID_NOT_ALLOWED',
      });
    }
    expect((await controlCall(simulator, 'DELETE', `faults/${fault.id}`)).body).toEqual({ cleared: 1 });
    await expectNormalAgain();
  });

  it('forMs: a fault lasts that long from when it is added, however many requests come, then is gone', () => {
    let now = 1_000_000;
    const store = createFaultStore({ now: () => now });
    const request = { api: 'client' as const, clientSessionId: undefined, paymentId: 'p1', isThirdPartyStatus: true };
    const fault = store.add({ kind: 'http-503', paymentId: 'p1', api: 'client', forMs: 30_000 });
    expect(fault).toMatchObject({ remaining: null, endsAt: 1_030_000 });
    for (let i = 0; i < 50; i += 1) {
      now += 599;
      expect(store.take(request).fault?.kind).toBe('http-503');
    }
    now = 1_030_000;
    expect(store.take(request)).toEqual({ latencyMs: 0, fault: undefined });
    expect(store.list()).toEqual([]);
    // With `times` too, whichever ends first ends it.
    const both = store.add({ kind: 'http-500', paymentId: 'p1', api: 'client', forMs: 10_000, times: 2 });
    expect(store.take(request).fault?.id).toBe(both.id);
    expect(store.take(request).fault?.id).toBe(both.id);
    expect(store.take(request).fault).toBeUndefined();
  });

  it('forMs over HTTP: faulted while it lasts, normal after', async () => {
    const added = await controlCall(simulator, 'POST', 'faults', { kind: 'http-502', paymentId, forMs: 400 });
    expect(added.status).toBe(201);
    expect(added.body['fault']).toMatchObject({ forMs: 400, remaining: null });
    expect((await clientApi(session, statusPath())).status).toBe(502);
    await waitFor(() => simulator.control.listFaults().length === 0);
    await expectNormalAgain();
    expect((await controlCall(simulator, 'POST', 'faults', { kind: 'http-502', paymentId, forMs: 0 })).status).toBe(400);
  });

  it('setOffline: connections are refused while offline, and the same port answers again after, state kept', async () => {
    await simulator.setOffline(true);
    await expect(clientApi(session, statusPath())).rejects.toThrow();
    await simulator.setOffline(false);
    await expectNormalAgain();
  });

  it('a payment fault hits that payment only', async () => {
    const other = await createPayment(simulator, 863);
    simulator.control.addFault({ kind: 'http-503', paymentId });
    expect((await clientApi(session, statusPath())).status).toBe(503);
    expect((await clientApi(session, `payments/${other}/thirdpartystatus`)).status).toBe(200);
    expect((await clientApi(session, PRODUCTS)).status).toBe(200);
    expect(simulator.control.clearFaults({ paymentId })).toBe(1);
    await expectNormalAgain();
  });

  it('a fault can hit the Server API instead', async () => {
    simulator.control.addFault({ kind: 'http-502', paymentId, api: 'server', times: 1 });
    expect((await clientApi(session, statusPath())).status).toBe(200);
    const client = sdkClient(simulator);
    expect((await client.v1.payments.thirdPartyStatus(MERCHANT_ID, paymentId, null)).status).toBe(502);
    expect(assertSuccess(await client.v1.payments.thirdPartyStatus(MERCHANT_ID, paymentId, null)).body.thirdPartyStatus).toBe('WAITING');
  });

  it('refuses a fault without exactly one target, or of an unknown kind', async () => {
    expect((await controlCall(simulator, 'POST', 'faults', { kind: 'http-500' })).status).toBe(400);
    expect((await controlCall(simulator, 'POST', 'faults', { kind: 'http-500', paymentId, clientSessionId: 'x' })).status).toBe(400);
    expect((await controlCall(simulator, 'POST', 'faults', { kind: 'gremlins', paymentId })).status).toBe(400);
    expect(simulator.control.listFaults()).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { clientApi, controlCall, createPayment, createSession, PRODUCTS, waitFor } from './helpers.ts';

let simulator: Simulator;
let auto: Simulator;
beforeAll(async () => {
  [simulator, auto] = await Promise.all([
    startSimulator({ port: 0 }),
    startSimulator({
      port: 0,
      flow: 'auto',
      autoFlowTimings: { scanAfterMs: 50, authenticateAfterMs: 50, confirmAfterMs: 50 },
    }),
  ]);
});
afterAll(() => Promise.all([simulator.close(), auto.close()]));

type PaymentBody = { payment: { thirdPartyStatus: string; status: string; possibleSteps: string[]; abandoned: boolean } };

describe('third-party flow', () => {
  it('tells a simulator from the real platform', async () => {
    const info = await controlCall(simulator, 'GET', 'info');
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ product: 'connect-simulator', version: '1.0.0', flow: 'manual' });
  });

  it('moves only when the customer acts, one step at a time', async () => {
    const session = await createSession(simulator);
    const paymentId = await createPayment(simulator, 3012);
    const status = async () => ((await (await clientApi(session, `payments/${paymentId}/thirdpartystatus`)).json()) as { thirdPartyStatus: string }).thirdPartyStatus;

    expect(await status()).toBe('WAITING');
    expect(await status()).toBe('WAITING');
    const early = await controlCall(simulator, 'POST', `payments/${paymentId}/confirm`);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: { code: 'REJECTED' } });

    for (const [step, expected] of [['scan', 'INITIALIZED'], ['authenticate', 'AUTHORIZED'], ['confirm', 'COMPLETED']]) {
      const moved = await controlCall(simulator, 'POST', `payments/${paymentId}/${step}`);
      expect(moved.status).toBe(200);
      expect((moved.body as PaymentBody).payment.thirdPartyStatus).toBe(expected);
      expect(await status()).toBe(expected);
    }
    const done = await controlCall(simulator, 'GET', `payments/${paymentId}`);
    expect((done.body as PaymentBody).payment).toMatchObject({ status: 'CAPTURE_REQUESTED', possibleSteps: [] });
    expect((await controlCall(simulator, 'POST', `payments/${paymentId}/abandon`)).status).toBe(409);
  });

  it('abandon freezes the third-party status and cancels the payment', async () => {
    const session = await createSession(simulator);
    const paymentId = await createPayment(simulator, 863);
    await controlCall(simulator, 'POST', `payments/${paymentId}/scan`);
    const abandoned = await controlCall(simulator, 'POST', `payments/${paymentId}/abandon`);
    expect((abandoned.body as PaymentBody).payment).toMatchObject({
      thirdPartyStatus: 'INITIALIZED',
      status: 'CANCELLED',
      abandoned: true,
      possibleSteps: [],
    });
    expect((await controlCall(simulator, 'POST', `payments/${paymentId}/authenticate`)).status).toBe(409);
    expect(await (await clientApi(session, `payments/${paymentId}/thirdpartystatus`)).json()).toEqual({ thirdPartyStatus: 'INITIALIZED' });
  });

  it('answers unknown payments and steps on the control API with 404', async () => {
    expect((await controlCall(simulator, 'POST', 'payments/123/scan')).status).toBe(404);
    const paymentId = await createPayment(simulator, 3012);
    expect((await controlCall(simulator, 'POST', `payments/${paymentId}/dance`)).status).toBe(404);
  });

  it('lists payments with product, status and session', async () => {
    const session = await createSession(simulator);
    const paymentId = await createPayment(simulator, 863);
    await clientApi(session, `payments/${paymentId}/thirdpartystatus`);
    const listed = await controlCall(simulator, 'GET', 'payments');
    const payments = listed.body['payments'] as { id: string }[];
    expect(payments[0]).toMatchObject({
      id: paymentId,
      productId: 863,
      productName: 'WeChat Pay',
      thirdPartyStatus: 'WAITING',
      status: 'REDIRECTED',
      clientSessionId: session.clientSessionId,
    });
    const sessions = await controlCall(simulator, 'GET', 'sessions');
    expect(sessions.body['sessions']).toContainEqual(expect.objectContaining({ clientSessionId: session.clientSessionId, expired: false }));
  });

  it('runs the scripted customer of the auto flow by itself', async () => {
    const session = await createSession(auto);
    const paymentId = await createPayment(auto, 3012);
    const seen = new Set<string>();
    await waitFor(async () => {
      const body = (await (await clientApi(session, `payments/${paymentId}/thirdpartystatus`)).json()) as { thirdPartyStatus: string };
      seen.add(body.thirdPartyStatus);
      return body.thirdPartyStatus === 'COMPLETED' || undefined;
    });
    expect(seen.has('WAITING') || seen.has('INITIALIZED')).toBe(true);
    expect(auto.control.getPayment(paymentId)?.history.map((entry) => entry.thirdPartyStatus)).toEqual([
      'WAITING',
      'INITIALIZED',
      'AUTHORIZED',
      'COMPLETED',
    ]);
  });

  it('the auto flow stops when the customer abandons', async () => {
    const own = await startSimulator({ port: 0, flow: 'auto', autoFlowTimings: { scanAfterMs: 20, authenticateAfterMs: 200, confirmAfterMs: 20 } });
    const paymentId = await createPayment(own, 863);
    await waitFor(() => own.control.getPayment(paymentId)?.thirdPartyStatus === 'INITIALIZED' || undefined);
    expect(own.control.step(paymentId, 'abandon').ok).toBe(true);
    await own.close();
    expect(own.control.getPayment(paymentId)).toMatchObject({ thirdPartyStatus: 'INITIALIZED', abandoned: true });
  });
});

describe('request log', () => {
  it('records concurrent requests with overlapping start and end', async () => {
    const session = await createSession(simulator);
    const paymentId = await createPayment(simulator, 3012);
    simulator.control.addFault({ kind: 'latency', clientSessionId: session.clientSessionId, ms: 200, times: 2 });
    await Promise.all([
      clientApi(session, `payments/${paymentId}/thirdpartystatus`),
      clientApi(session, `payments/${paymentId}/thirdpartystatus`),
    ]);
    const logged = await controlCall(simulator, 'GET', `requests?paymentId=${paymentId}&api=client`);
    const [first, second] = logged.body['requests'] as { startedAt: number; endedAt: number; status: number; method: string; path: string }[];
    expect(first && second).toBeTruthy();
    if (!first || !second) return;
    expect(first.startedAt < second.endedAt && second.startedAt < first.endedAt).toBe(true);
    expect(first).toMatchObject({ method: 'GET', status: 200, path: `/client/v1/${session.customerId}/payments/${paymentId}/thirdpartystatus` });
  });

  it('filters by session and by API, and can be cleared', async () => {
    const session = await createSession(simulator);
    const paymentId = await createPayment(simulator, 3012);
    await clientApi(session, PRODUCTS);
    await clientApi(session, `payments/${paymentId}/thirdpartystatus`);
    const bySession = simulator.control.requests({ clientSessionId: session.clientSessionId });
    expect(bySession.map((entry) => entry.path.split('?')[0]?.split('/').at(-1))).toEqual(['products', 'thirdpartystatus']);
    const serverCalls = simulator.control.requests({ paymentId, api: 'server' });
    expect(serverCalls).toEqual([]);
    expect(simulator.control.requests({ api: 'server' }).some((entry) => entry.method === 'POST' && entry.path.endsWith('/payments'))).toBe(true);
    expect((await controlCall(simulator, 'DELETE', 'requests')).status).toBe(200);
    expect(simulator.control.requests()).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { SESSION_LIFETIME_MS } from '../../../../src/core/connect/products.ts';
import {
  collectView,
  deriveNavigations,
  deriveSessions,
  deriveView,
  PLATFORM_UNKNOWN_NOTE,
  viewAt,
} from '../../../../src/core/detect/derive-sessions.ts';
import type { ClientApiCall, Observation, PaymentSeen, SdkSession, SessionRefused } from '../../../../src/core/detect/observation.ts';

const T0 = Date.parse('2025-10-14T09:12:04.117Z');
const MIN = 60_000;
const SID = '51d29012e6ce4b81afa6cc7551ef4e36';
const SID2 = 'ccf8ee1015944ab09e053411e683b43f';
const CUST = '9991-66bb4ae9335c4d11a350d39ddd9a3139';
const PAY = '000000123410000595980000100001';
const PAY2 = '000002000020142549460000100001';
const API = 'https://ams1.sandbox.api-ingenico.com/client';
const REFUSED_REASON =
  `The platform refused this session (403, code 9008): it has expired, or it is not valid for customer ${CUST}. Create a new session to poll.`;
const V6 = { identifier: 'JavaScriptClientSDK/v6.0.6', name: 'JavaScriptClientSDK', version: '6.0.6', creator: 'Worldline Global Collect' };

const call = (at: number, over: Partial<ClientApiCall> = {}): ClientApiCall => ({
  kind: 'client-api-call',
  at,
  source: 'network',
  url: `${API}/v1/${CUST}/products`,
  method: 'GET',
  status: 200,
  durationMs: 100,
  clientSessionId: SID,
  customerId: CUST,
  clientApiUrl: API,
  path: 'products',
  sdk: V6,
  ...over,
});
const statusCall = (at: number, thirdPartyStatus?: string, over: Partial<ClientApiCall> = {}): ClientApiCall =>
  call(at, {
    url: `${API}/v1/${CUST}/payments/${PAY}/thirdpartystatus`,
    path: `payments/${PAY}/thirdpartystatus`,
    paymentId: PAY,
    ...(thirdPartyStatus ? { thirdPartyStatus } : {}),
    ...over,
  });
const hook = (at: number, over: Partial<SdkSession> = {}): SdkSession => ({
  kind: 'sdk-session',
  at,
  global: 'connectsdk',
  clientSessionId: SID,
  customerId: CUST,
  clientApiUrl: `${API}/v1`,
  assetUrl: 'https://assets.pay1.sandbox.secured-by-ingenico.com/',
  frame: { frameId: 0, url: 'https://shop.example/checkout' },
  ...over,
});
const paid = (at: number, over: Partial<PaymentSeen> = {}): PaymentSeen => ({
  kind: 'payment',
  at,
  paymentId: PAY,
  source: 'create-payment-response',
  productId: 3012,
  actionType: 'SHOW_FORM',
  showDataKeys: ['QRCODE'],
  url: 'https://shop.example/checkout/bancontact',
  ...over,
});
const refusedByPanel = (at: number, over: Partial<SessionRefused> = {}): SessionRefused => ({
  kind: 'session-refused',
  at,
  clientSessionId: SID,
  customerId: CUST,
  source: 'panel-poll',
  ...over,
});
const only = (observations: Observation[], now = T0 + 10 * MIN) => {
  const sessions = deriveSessions(observations, now);
  expect(sessions).toHaveLength(1);
  return sessions[0]!;
};

describe('deriveSessions: one session', () => {
  it('is built from the network calls alone', () => {
    const s = only([call(T0 + 2 * MIN), call(T0), call(T0 + MIN, { path: 'crypto/publickey' })], T0 + 30 * MIN);
    expect(s).toMatchObject({
      clientSessionId: SID,
      customerId: CUST,
      clientApiUrl: API,
      environment: 'sandbox',
      platform: 'connect',
      sdk: V6,
      sdkSource: 'meta-info',
      frames: [],
      firstSeen: T0,
      lastSeen: T0 + 2 * MIN,
      expiresAt: T0 + SESSION_LIFETIME_MS,
      expiresAtIsEstimate: true,
      remainingMs: SESSION_LIFETIME_MS - 30 * MIN,
      expired: false,
      poll: { canPoll: true },
    });
    expect(s.calls.map((c) => c.at)).toEqual([T0, T0 + MIN, T0 + 2 * MIN]);
    expect(s).not.toHaveProperty('assetUrl');
  });

  it('is built from the page hook alone, with the global as its SDK', () => {
    const s = only([hook(T0), hook(T0 + MIN), hook(T0 + MIN, { frame: { frameId: 3, url: 'https://pay.example/iframe' } })]);
    expect(s).toMatchObject({
      clientApiUrl: API,
      assetUrl: 'https://assets.pay1.sandbox.secured-by-ingenico.com/',
      sdk: { identifier: 'connectsdk', name: 'connectsdk' },
      sdkSource: 'page-global',
      sdkGlobal: 'connectsdk',
      platform: 'connect',
      calls: [],
    });
    expect(s.frames).toEqual([
      { frameId: 0, url: 'https://shop.example/checkout' },
      { frameId: 3, url: 'https://pay.example/iframe' },
    ]);
  });

  it('keeps the hook clientApiUrl as given when it cannot be normalised', () => {
    expect(only([hook(T0, { clientApiUrl: 'https://h/api' })]).clientApiUrl).toBe('https://h/api');
  });

  it('prefers what the network showed over what the hook claims', () => {
    const forged = { clientApiUrl: 'https://forged.example/client/v1', customerId: '1-forged' };
    expect(only([hook(T0, forged), call(T0 + MIN)])).toMatchObject({ clientApiUrl: API, customerId: CUST, firstSeen: T0 });
    expect(only([call(T0), hook(T0 + MIN, forged)])).toMatchObject({ clientApiUrl: API, customerId: CUST, sdkSource: 'meta-info' });
    expect(only([hook(T0, forged)])).toMatchObject({ clientApiUrl: 'https://forged.example/client', customerId: '1-forged' });
  });

  it('takes the SDK of the newest call that sent meta info', () => {
    const older = { identifier: 'JavaScriptClientSDK/v4.0.4', name: 'JavaScriptClientSDK', version: '4.0.4', creator: 'Ingenico' };
    const { sdk: _, ...noMeta } = call(T0 + 2 * MIN);
    expect(only([call(T0, { sdk: older }), call(T0 + MIN), noMeta]).sdk).toEqual(V6);
  });

  it('does not reorder the caller’s list', () => {
    const list = [call(T0 + MIN), call(T0)];
    deriveSessions(list, T0);
    expect(list.map((o) => o.at)).toEqual([T0 + MIN, T0]);
  });
});

describe('deriveSessions: expiry', () => {
  it('counts the lifetime from first seen, as an upper bound', () => {
    const s = only([hook(T0), call(T0 + 90 * MIN)], T0 + SESSION_LIFETIME_MS);
    expect(s).toMatchObject({ expiresAt: T0 + SESSION_LIFETIME_MS, expiresAtIsEstimate: true, remainingMs: 0, expired: false });
  });

  it('is expired once the upper bound has passed', () => {
    const s = only([call(T0)], T0 + SESSION_LIFETIME_MS + 1);
    expect(s).toMatchObject({ expired: true, remainingMs: 0, poll: { canPoll: false, reason: 'The session is past its two-hour lifetime.' } });
  });

  it('is expired when the platform answered 403 9008, from that moment', () => {
    const s = only([call(T0), statusCall(T0 + 40 * MIN, undefined, { status: 403, errorCodes: ['9008'] })], T0 + 41 * MIN);
    expect(s).toMatchObject({
      expired: true,
      expiresAt: T0 + 40 * MIN,
      expiresAtIsEstimate: false,
      remainingMs: 0,
      refused: { at: T0 + 40 * MIN, by: 'page' },
      poll: { canPoll: false, reason: REFUSED_REASON },
    });
  });

  it.each([
    ['another 403 code', { status: 403, errorCodes: ['9002'] }],
    ['9008 with another status', { status: 404, errorCodes: ['9008'] }],
    ['a 403 without a body', { status: 403 }],
  ])('is not expired by %s', (_, over) => {
    expect(only([call(T0), call(T0 + MIN, over)]).expired).toBe(false);
  });
});

describe('deriveSessions: platform and polling', () => {
  it('refuses Online Payments sessions, and their payments, with the reason', () => {
    const s = only([
      hook(T0, { global: 'onlinepaymentssdk' }),
      paid(T0 + MIN, { clientSessionId: SID }),
    ]);
    const reason = 'Worldline Online Payments has no third-party status: its Client API offers no thirdpartystatus call.';
    expect(s.platform).toBe('online-payments');
    expect(s.poll).toEqual({ canPoll: false, reason });
    expect(s.payments[0]?.poll).toEqual({ canPoll: false, reason });
  });

  it('lets an unknown platform be polled, and says so before the first poll', () => {
    const custom = 'https://pay.shop.example/client';
    const { sdk: _, ...noMeta } = call(T0, { clientApiUrl: custom, url: `${custom}/v1/${CUST}/products` });
    const s = only([noMeta]);
    expect(s).toMatchObject({ platform: 'unknown', platformSign: 'none', poll: { canPoll: true } });
    expect(s.platformNote).toBe(PLATFORM_UNKNOWN_NOTE);
    expect(s.platformNote).toContain('the first poll will tell');
  });

  it('takes a Connect host as Connect, with no note', () => {
    const { sdk: _, ...noMeta } = call(T0);
    const s = only([noMeta]);
    expect(s).toMatchObject({ platform: 'connect', platformSign: 'connect-host', poll: { canPoll: true } });
    expect(s).not.toHaveProperty('platformNote');
  });

  it('tells Online Payments by a /client/v2/ call, even with an empty creator', () => {
    const op = 'https://pay.shop.example/client';
    const v4 = { identifier: 'JavaScriptClientSDK/v4.1.3', name: 'JavaScriptClientSDK', version: '4.1.3' };
    const products = call(T0, { clientApiUrl: op, url: `${op}/v1/${CUST}/products`, sdk: v4 });
    expect(only([products]).platform).toBe('unknown');
    const dcc = call(T0 + MIN, { clientApiUrl: op, url: `${op}/v2/${CUST}/services/dccrate`, path: 'services/dccrate', sdk: v4 });
    const s = only([products, dcc]);
    expect(s).toMatchObject({ platform: 'online-payments', platformSign: 'client-api-v2', poll: { canPoll: false } });
    expect(s).not.toHaveProperty('platformNote');
  });

  it('tells Online Payments by its host', () => {
    const op = 'https://payment.preprod.direct.worldline-solutions.com/client';
    const s = only([call(T0, { clientApiUrl: op, url: `${op}/v1/${CUST}/products`, sdk: { identifier: 'JavaScriptClientSDK/v4.1.3', name: 'JavaScriptClientSDK', creator: 'MyShop' } })]);
    expect(s).toMatchObject({ platform: 'online-payments', platformSign: 'online-payments-host', environment: 'pre-production' });
  });

  it('labels a GCsdk session as Connect, from the global', () => {
    const s = only([hook(T0, { global: 'GCsdk' })]);
    expect(s).toMatchObject({ platform: 'connect', platformSign: 'page-global', sdkGlobal: 'GCsdk', sdkSource: 'page-global', sdk: { name: 'GCsdk' } });
  });

  it('marks a hosted checkout by its rpp- identifier, the hook\'s rppEnabledPage, or its frame', () => {
    const rpp = { ...V6, identifier: 'rpp-JavaScriptClientSDK/v6.0.6' };
    expect(only([call(T0)]).hostedCheckout).toBe(false);
    expect(only([call(T0), call(T0 + MIN, { sdk: rpp })]).hostedCheckout).toBe(true);
    // The identifier of an older call still counts after a newer one without the prefix.
    expect(only([call(T0, { sdk: rpp }), call(T0 + MIN)]).hostedCheckout).toBe(true);
    expect(only([hook(T0, { hostedCheckout: true })]).hostedCheckout).toBe(true);
    expect(only([hook(T0, { frame: { frameId: 3, url: 'https://payment.pay1.preprod.secured-by-ingenico.com/checkout/1' } })]).hostedCheckout).toBe(true);
    expect(only([hook(T0)]).hostedCheckout).toBe(false);
  });

  it('refuses a payment of a product without third-party status', () => {
    const s = only([call(T0), paid(T0 + MIN, { productId: 1 })]);
    expect(s.poll).toEqual({ canPoll: true });
    expect(s.payments[0]?.poll).toEqual({
      canPoll: false,
      reason: 'Product 1 has no third-party status: only Bancontact (3012) and WeChat Pay (863) do.',
    });
  });

  it.each([[3012], [863], [undefined]])('lets product %s be polled', (productId) => {
    const s = only([call(T0), paid(T0 + MIN, productId === undefined ? { productId } : { productId })]);
    expect(s.payments[0]?.poll).toEqual({ canPoll: true });
  });
});

describe('deriveSessions: payments', () => {
  it('merges what each source says about one payment', () => {
    const s = only([
      call(T0),
      paid(T0 + MIN),
      statusCall(T0 + 2 * MIN, 'WAITING'),
      statusCall(T0 + 3 * MIN, 'AUTHORIZED'),
      statusCall(T0 + 4 * MIN),
      paid(T0 + 5 * MIN, { source: 'typed', productId: 1, actionType: undefined, showDataKeys: undefined, url: undefined }),
    ]);
    expect(s.payments).toEqual([
      {
        paymentId: PAY,
        sources: ['create-payment-response', 'thirdpartystatus-call', 'typed'],
        firstSeen: T0 + MIN,
        lastSeen: T0 + 5 * MIN,
        productId: 3012,
        actionType: 'SHOW_FORM',
        showDataKeys: ['QRCODE'],
        url: 'https://shop.example/checkout/bancontact',
        lastThirdPartyStatus: 'AUTHORIZED',
        poll: { canPoll: true },
      },
    ]);
  });

  it('takes a typed product until the platform names one', () => {
    const typed = only([call(T0), paid(T0 + MIN, { source: 'typed', productId: 863 })]);
    expect(typed.payments[0]?.productId).toBe(863);
    const both = only([call(T0), paid(T0 + MIN, { source: 'typed', productId: 863 }), paid(T0 + 2 * MIN, { productId: 3012 })]);
    expect(both.payments[0]?.productId).toBe(3012);
  });

  it('keeps payments apart by id, in the order first seen', () => {
    const s = only([call(T0), paid(T0 + 2 * MIN, { paymentId: PAY2 }), statusCall(T0 + MIN), paid(T0 + 3 * MIN)]);
    expect(s.payments.map((p) => p.paymentId)).toEqual([PAY, PAY2]);
  });

  it('ties a payment to the session it names', () => {
    const view = deriveView([call(T0), call(T0 + MIN, { clientSessionId: SID2 }), paid(T0 + 2 * MIN, { clientSessionId: SID })], T0);
    expect(view.sessions.map((s) => s.payments.length)).toEqual([1, 0]);
  });

  it('keeps payments no seen session can take apart, with the reason', () => {
    const view = deriveView([paid(T0, { clientSessionId: SID2 }), call(T0 + MIN)], T0);
    expect(view.sessions[0]?.payments).toEqual([]);
    expect(view.unattachedPayments).toMatchObject([
      { paymentId: PAY, poll: { canPoll: false, reason: expect.stringContaining('No client session was seen') } },
    ]);
    expect(deriveView([paid(T0)], T0)).toMatchObject({ sessions: [], unattachedPayments: [{ paymentId: PAY }] });
  });
});

describe('deriveSessions: several sessions and navigations', () => {
  it('lists sessions in the order first seen, each with its own calls', () => {
    const sessions = deriveSessions(
      [call(T0 + 5 * MIN, { clientSessionId: SID2, clientApiUrl: 'https://ams1.preprod.api-ingenico.com/client' }), call(T0), call(T0 + 6 * MIN)],
      T0,
    );
    expect(sessions.map((s) => [s.clientSessionId, s.environment, s.calls.length])).toEqual([
      [SID, 'sandbox', 2],
      [SID2, 'pre-production', 1],
    ]);
  });

  it('gives the navigations oldest first, from both entry points', () => {
    const nav = (at: number, url: string): Observation => ({ kind: 'navigation', at, url });
    const observations = [nav(T0 + MIN, 'https://shop.example/pay'), call(T0), nav(T0, 'https://shop.example/')];
    const urls = ['https://shop.example/', 'https://shop.example/pay'];
    expect(deriveNavigations(observations).map((n) => n.url)).toEqual(urls);
    expect(deriveView(observations, T0).navigations.map((n) => n.url)).toEqual(urls);
  });

  // Speed is measured by `npm run bench`, not asserted here: this checks the result at that size.
  it('derives ten thousand observations into their sessions', () => {
    const observations: Observation[] = [];
    for (let i = 0; i < 10_000; i++) {
      const session = `${String(i % 20).padStart(2, '0')}${SID.slice(2)}`;
      observations.push(i % 7 === 0 ? paid(T0 + i, { paymentId: `p${i % 50}` }) : statusCall(T0 + i, 'WAITING', { clientSessionId: session }));
    }
    const sessions = deriveSessions(observations, T0);
    expect(sessions).toHaveLength(20);
    expect(sessions.reduce((sum, s) => sum + s.calls.length, 0)).toBe(observations.filter((o) => o.kind === 'client-api-call').length);
  });
});

describe('deriveSessions: a refused session is refused everywhere', () => {
  const refusedCall = (at: number, over: Partial<ClientApiCall> = {}) => call(at, { status: 403, errorCodes: ['9008'], ...over });

  it('is refused when the panel’s own poll got 403 9008, with both meanings of 9008 in the reason', () => {
    const s = only([call(T0), paid(T0 + MIN, { clientSessionId: SID }), refusedByPanel(T0 + 30 * MIN)], T0 + 31 * MIN);
    expect(s).toMatchObject({
      refused: { at: T0 + 30 * MIN, by: 'panel' },
      expired: true,
      expiresAt: T0 + 30 * MIN,
      expiresAtIsEstimate: false,
      remainingMs: 0,
      poll: { canPoll: false, reason: REFUSED_REASON },
    });
    expect(s.payments[0]?.poll).toEqual({ canPoll: false, reason: REFUSED_REASON });
  });

  it('refuses a page call’s session from any path, not only thirdpartystatus', () => {
    const s = only([call(T0), refusedCall(T0 + 5 * MIN, { path: 'products' })], T0 + 6 * MIN);
    expect(s).toMatchObject({ refused: { at: T0 + 5 * MIN, by: 'page' }, expired: true, poll: { canPoll: false } });
  });

  it('keeps the earliest refusal, whoever got it', () => {
    const panelFirst = only([call(T0), refusedByPanel(T0 + 10 * MIN), refusedCall(T0 + 20 * MIN), refusedCall(T0 + 30 * MIN)]);
    expect(panelFirst.refused).toEqual({ at: T0 + 10 * MIN, by: 'panel' });
    const pageFirst = only([call(T0), refusedCall(T0 + 10 * MIN), refusedByPanel(T0 + 20 * MIN), refusedByPanel(T0 + 5 * MIN, { clientSessionId: SID2 })]);
    expect(pageFirst.refused).toEqual({ at: T0 + 10 * MIN, by: 'page' });
  });

  it('names the customer the refused request asked for', () => {
    const s = only([call(T0), refusedByPanel(T0 + MIN, { customerId: '1234-abc' })]);
    expect(s.poll).toEqual({ canPoll: false, reason: expect.stringContaining('it is not valid for customer 1234-abc.') });
  });

  it('does not make up a session from a refusal alone', () => {
    expect(deriveView([refusedByPanel(T0)], T0)).toMatchObject({ sessions: [], unattachedPayments: [] });
  });

  it('keeps the lifetime bound when the refusal came after it', () => {
    const s = only([call(T0), refusedByPanel(T0 + 3 * 60 * MIN)], T0 + 4 * 60 * MIN);
    expect(s).toMatchObject({ expiresAt: T0 + SESSION_LIFETIME_MS, expiresAtIsEstimate: true, expired: true, refused: { by: 'panel' } });
  });

  it('is not refused by another session’s refusal', () => {
    expect(only([call(T0), refusedByPanel(T0 + MIN, { clientSessionId: SID2 })])).toMatchObject({ expired: false, poll: { canPoll: true } });
  });
});

describe('deriveSessions: which session a payment belongs to', () => {
  const SID3 = '0123456789abcdef0123456789abcdef';
  const sessionsOf = (observations: Observation[]) => {
    const view = deriveView(observations, T0 + 10 * MIN);
    return {
      attached: view.sessions.map((s) => [s.clientSessionId, s.payments.map((p) => p.paymentId)]),
      unattached: view.unattachedPayments,
    };
  };

  it('is the session whose thirdpartystatus calls name it, never also a newer one that is live', () => {
    const { attached } = sessionsOf([call(T0), call(T0 + MIN, { clientSessionId: SID2 }), paid(T0 + 2 * MIN), statusCall(T0 + 3 * MIN)]);
    expect(attached).toEqual([
      [SID, [PAY]],
      [SID2, []],
    ]);
  });

  it('does not put a created payment under a second session when another session polls it', () => {
    // The page polls with SID2, made before the answer; SID is the newest live one at creation.
    const { attached } = sessionsOf([
      call(T0, { clientSessionId: SID2 }),
      call(T0 + MIN),
      paid(T0 + 2 * MIN),
      statusCall(T0 + 3 * MIN, 'WAITING', { clientSessionId: SID2 }),
    ]);
    expect(attached).toEqual([
      [SID2, [PAY]],
      [SID, []],
    ]);
  });

  it('lists the same id under each session that names it, one entry each', () => {
    const { attached } = sessionsOf([call(T0), call(T0 + MIN, { clientSessionId: SID2 }), statusCall(T0 + 2 * MIN), statusCall(T0 + 3 * MIN, undefined, { clientSessionId: SID2 })]);
    expect(attached).toEqual([
      [SID, [PAY]],
      [SID2, [PAY]],
    ]);
  });

  it('is the only session live when it was created', () => {
    const { attached, unattached } = sessionsOf([call(T0), paid(T0 + MIN), call(T0 + 5 * MIN, { clientSessionId: SID2 })]);
    expect(attached).toEqual([
      [SID, [PAY]],
      [SID2, []],
    ]);
    expect(unattached).toEqual([]);
  });

  it('is not a session past its lifetime or already refused when the payment was created', () => {
    const late = T0 + 3 * 60 * MIN;
    const pastLifetime = deriveView([call(T0), call(late - 10 * MIN, { clientSessionId: SID2 }), paid(late)], late);
    expect(pastLifetime.sessions.map((s) => s.payments.length)).toEqual([0, 1]);
    const refused = deriveView(
      [call(T0), call(T0 + MIN, { clientSessionId: SID2 }), call(T0 + 2 * MIN, { clientSessionId: SID2, status: 403, errorCodes: ['9008'] }), paid(T0 + 3 * MIN)],
      T0 + 4 * MIN,
    );
    expect(refused.sessions.map((s) => s.payments.length)).toEqual([1, 0]);
  });

  it('is the first session seen within two minutes after, when none was live', () => {
    const { attached } = sessionsOf([paid(T0 - MIN), call(T0), call(T0 + MIN, { clientSessionId: SID2 })]);
    expect(attached).toEqual([
      [SID, [PAY]],
      [SID2, []],
    ]);
    const tooLate = sessionsOf([paid(T0 - 3 * MIN), call(T0)]);
    expect(tooLate.attached).toEqual([[SID, []]]);
    expect(tooLate.unattached).toMatchObject([{ paymentId: PAY, poll: { canPoll: false, reason: expect.stringContaining('No client session was seen') } }]);
    expect(tooLate.unattached[0]).not.toHaveProperty('candidateSessionIds');
  });

  it('is no session when several were live: the payment waits unattached with its candidates, newest first', () => {
    const { attached, unattached } = sessionsOf([
      call(T0),
      call(T0 + MIN, { clientSessionId: SID2 }),
      call(T0 + 2 * MIN, { clientSessionId: SID3 }),
      paid(T0 + 3 * MIN),
    ]);
    expect(attached).toEqual([
      [SID, []],
      [SID2, []],
      [SID3, []],
    ]);
    expect(unattached).toEqual([
      expect.objectContaining({
        paymentId: PAY,
        productId: 3012,
        candidateSessionIds: [SID3, SID2, SID],
        poll: { canPoll: false, reason: 'Several sessions were live when this payment was created: choose the session to poll it with.' },
      }),
    ]);
  });

  it('dates the creation by the first create-payment answer, and keeps every unnamed fact of the id together', () => {
    const { attached } = sessionsOf([call(T0), paid(T0 + MIN), call(T0 + 2 * MIN, { clientSessionId: SID2 }), paid(T0 + 3 * MIN, { actionType: 'REDIRECT' })]);
    expect(attached).toEqual([
      [SID, [PAY]],
      [SID2, []],
    ]);
    expect(deriveView([call(T0), paid(T0 + MIN), call(T0 + 2 * MIN, { clientSessionId: SID2 }), paid(T0 + 3 * MIN, { actionType: 'REDIRECT' })], T0).sessions[0]?.payments).toMatchObject([
      { paymentId: PAY, actionType: 'REDIRECT', firstSeen: T0 + MIN, lastSeen: T0 + 3 * MIN },
    ]);
  });
});

describe('collectView and viewAt', () => {
  const observations: Observation[] = [hook(T0), call(T0 + MIN), paid(T0 + 2 * MIN), statusCall(T0 + 3 * MIN, 'WAITING'), refusedByPanel(T0 + 90 * MIN, { clientSessionId: SID2 })];

  it('give what deriveView gives, at any time, from one collected view', () => {
    const collected = collectView(observations);
    for (const now of [T0, T0 + 30 * MIN, T0 + SESSION_LIFETIME_MS + 1]) {
      expect(viewAt(collected, now)).toEqual(deriveView(observations, now));
    }
    expect(viewAt(collected, T0 + 30 * MIN).sessions[0]).toMatchObject({ remainingMs: SESSION_LIFETIME_MS - 30 * MIN, expired: false });
    expect(viewAt(collected, T0 + SESSION_LIFETIME_MS + 1).sessions[0]).toMatchObject({ remainingMs: 0, expired: true });
  });

  it('viewAt reads no call: the calls are handed on as collected', () => {
    const collected = collectView(observations);
    let reads = 0;
    const session = collected.sessions[0]!;
    const watched = new Proxy(session.calls, {
      get(target, key, receiver) {
        reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const view = viewAt({ ...collected, sessions: [{ ...session, calls: watched }] }, T0 + 5 * MIN);
    expect(reads).toBe(0);
    expect(view.sessions[0]?.calls).toBe(watched);
  });

  it('collects without a clock: the same observations give the same collected view', () => {
    expect(collectView(observations)).toEqual(collectView([...observations].reverse()));
  });
});

import { normaliseClientApiUrl, parseClientApiRequestUrl } from '../connect/client-api-url.ts';
import {
  classifyPlatform,
  guessEnvironment,
  isHostedCheckout,
  type Environment,
  type Platform,
  type PlatformSign,
} from '../connect/environment.ts';
import { SESSION_EXPIRED_CODE } from '../connect/error-codes.ts';
import { noThirdPartyStatusReason, SESSION_LIFETIME_MS } from '../connect/products.ts';
import type {
  ClientApiCall,
  Frame,
  Navigation,
  Observation,
  PaymentSeen,
  SdkIdentity,
  SdkSession,
  SessionRefused,
} from './observation.ts';

export type Pollability = { canPoll: true } | { canPoll: false; reason: string };

export type PaymentView = {
  paymentId: string;
  /** How it was learnt, each once, in the order first learnt. */
  sources: PaymentSeen['source'][];
  firstSeen: number;
  lastSeen: number;
  /** From the create-payment answer (the platform's word) before a typed one. */
  productId?: number;
  actionType?: string;
  showDataKeys?: string[];
  /** The merchant request whose answer revealed it. */
  url?: string;
  /** The newest value the page's own thirdpartystatus calls got. */
  lastThirdPartyStatus?: string;
  /**
   * Only on an unattached payment whose creation several live sessions could have made: their ids,
   * newest first, for the user to choose from.
   */
  candidateSessionIds?: string[];
  poll: Pollability;
};

/** The platform answered 403 with code 9008 to a call of the page or to a poll of the panel. */
export type SessionRefusal = { at: number; by: 'page' | 'panel' };

export type SessionView = {
  clientSessionId: string;
  customerId: string;
  /** Ends in `/client`. */
  clientApiUrl: string;
  /** Only the page hook sees it. */
  assetUrl?: string;
  environment: Environment;
  platform: Platform | 'unknown';
  /** What told the platform; `none` when nothing did. */
  platformSign: PlatformSign;
  /**
   * Said before any poll when the platform could not be told: polling assumes Connect, and only the
   * platform's first answer will tell.
   */
  platformNote?: string;
  /** Worldline's hosted checkout (MyCheckout): an `rpp-` SDK identifier, `document.GC.rppEnabledPage`, or its hosts. */
  hostedCheckout: boolean;
  sdk?: SdkIdentity;
  /** `meta-info`: the newest call's X-GCS-ClientMetaInfo; `page-global`: only the global's name is known. */
  sdkSource?: 'meta-info' | 'page-global';
  sdkGlobal?: SdkSession['global'];
  /** Frames the page hook saw the session in; network calls carry no frame. */
  frames: Frame[];
  firstSeen: number;
  lastSeen: number;
  /** The earliest refusal, from the page's calls or the panel's polls. */
  refused?: SessionRefusal;
  /**
   * When the session expires at the latest. Its creation time is never observed (the session
   * response carries none), only that it existed when first seen, so `firstSeen + SESSION_LIFETIME_MS`
   * is an upper bound and `remainingMs` is "at most". `expiresAtIsEstimate` is that case; it is
   * false when the platform refused the session before that bound: it had expired by then.
   */
  expiresAt: number;
  expiresAtIsEstimate: boolean;
  /** At most this long left, 0 once expired. */
  remainingMs: number;
  expired: boolean;
  /** Oldest first. */
  calls: ClientApiCall[];
  payments: PaymentView[];
  poll: Pollability;
};

export type DerivedView = {
  /** In the order first seen. */
  sessions: SessionView[];
  /**
   * Payments no seen session can be tied to (seen before any session, or naming an unseen one),
   * and created payments several live sessions could own (with `candidateSessionIds`).
   */
  unattachedPayments: PaymentView[];
  navigations: Navigation[];
};

/** A payment as collected: everything but whether it can be polled, which depends on the clock. */
export type CollectedPayment = Omit<PaymentView, 'poll'>;

/** A session as collected: everything that does not depend on the clock. */
export type CollectedSession = Omit<
  SessionView,
  'refused' | 'expiresAt' | 'expiresAtIsEstimate' | 'remainingMs' | 'expired' | 'payments' | 'poll'
> & {
  /** The earliest refusal, with the customer the refused request named (9008 may mean a mismatch). */
  refusal?: SessionRefusal & { customerId: string };
  payments: CollectedPayment[];
};

/** What `viewAt` needs: made once per change of the observations, then viewed at any time. */
export type CollectedView = {
  sessions: CollectedSession[];
  unattachedPayments: CollectedPayment[];
  navigations: Navigation[];
};

/** A payment while being gathered: each source with the time it was first learnt from. */
type PaymentFacts = Omit<CollectedPayment, 'sources'> & { learnt: Map<PaymentSeen['source'], number> };

type SessionFacts = {
  clientSessionId: string;
  customerId: string;
  clientApiUrl: string;
  /** Calls went to a real URL, so their customerId and clientApiUrl outrank the hook's claim, which any page script can forge. */
  addressFromCall: boolean;
  assetUrl?: string;
  sdk?: SdkIdentity;
  sdkGlobal?: SdkSession['global'];
  /** A call under `/client/v2/`: only Online Payments has one. */
  calledV2: boolean;
  /** Every SDK identifier the calls sent, for the `rpp-` prefix. */
  sdkIdentifiers: Set<string>;
  rppEnabledPage: boolean;
  frames: Map<string, Frame>;
  firstSeen: number;
  lastSeen: number;
  refusal?: SessionRefusal & { customerId: string };
  calls: ClientApiCall[];
  payments: Map<string, PaymentFacts>;
};

/** A session first seen this soon after a created payment may still be the one it was made for. */
const FIRST_SEEN_AFTER_MS = 2 * 60 * 1000;

const byTime = (a: { at: number }, b: { at: number }) => a.at - b.at;

/**
 * Everything the panel shows about sessions, from the raw observations of one tab, as seen at `now`.
 * The same as `viewAt(collectView(observations), now)`: a caller that redraws as the clock ticks
 * keeps the collected view and calls `viewAt` alone.
 */
export function deriveView(observations: readonly Observation[], now: number): DerivedView {
  return viewAt(collectView(observations), now);
}

/**
 * Everything that does not depend on the clock: sessions, their calls, refusals and payments. Pure,
 * and one pass after a sort, since it runs on every update over thousands of observations.
 */
export function collectView(observations: readonly Observation[]): CollectedView {
  const sorted = [...observations].sort(byTime);
  const sessions = new Map<string, SessionFacts>();
  const named: PaymentSeen[] = [];
  const unnamed = new Map<string, PaymentSeen[]>();
  const refusals: SessionRefused[] = [];
  const navigations: Navigation[] = [];
  const sessionFor = (o: ClientApiCall | SdkSession) => {
    let facts = sessions.get(o.clientSessionId);
    if (!facts) {
      facts = {
        clientSessionId: o.clientSessionId,
        customerId: o.customerId,
        clientApiUrl: o.kind === 'sdk-session' ? hookClientApiUrl(o) : o.clientApiUrl,
        addressFromCall: false,
        calledV2: false,
        sdkIdentifiers: new Set(),
        rppEnabledPage: false,
        frames: new Map(),
        firstSeen: o.at,
        lastSeen: o.at,
        calls: [],
        payments: new Map(),
      };
      sessions.set(o.clientSessionId, facts);
    }
    facts.lastSeen = o.at;
    return facts;
  };

  for (const o of sorted) {
    switch (o.kind) {
      case 'client-api-call':
        addCall(sessionFor(o), o);
        break;
      case 'sdk-session':
        addSdkSession(sessionFor(o), o);
        break;
      case 'payment':
        if (o.clientSessionId !== undefined) named.push(o);
        else {
          const group = unnamed.get(o.paymentId);
          if (group) group.push(o);
          else unnamed.set(o.paymentId, [o]);
        }
        break;
      case 'session-refused':
        refusals.push(o);
        break;
      case 'navigation':
        navigations.push(o);
        break;
    }
  }

  // A refusal names a session by id only; one the page never showed is not made up from it.
  for (const r of refusals) {
    const session = sessions.get(r.clientSessionId);
    if (session && (session.refusal === undefined || r.at < session.refusal.at)) {
      session.refusal = { at: r.at, by: 'panel', customerId: r.customerId };
    }
  }

  const inOrder = [...sessions.values()];
  const unattached = new Map<string, PaymentFacts>();
  for (const payment of named) {
    const session = sessions.get(payment.clientSessionId ?? '');
    addPayment(session ? session.payments : unattached, payment);
  }
  for (const [paymentId, seen] of unnamed) {
    const owner = ownerOf(paymentId, seen, inOrder);
    const target = owner.kind === 'session' ? owner.session.payments : unattached;
    for (const o of seen) addPayment(target, o);
    if (owner.kind === 'ambiguous') {
      const payment = unattached.get(paymentId);
      if (payment) payment.candidateSessionIds = owner.candidateSessionIds;
    }
  }

  return {
    sessions: inOrder.map(toCollectedSession),
    unattachedPayments: toCollectedPayments(unattached),
    navigations,
  };
}

const NO_SESSION: Pollability = {
  canPoll: false,
  reason: 'No client session was seen for this payment: polling needs its clientSessionId and customerId.',
};
const SEVERAL_SESSIONS: Pollability = {
  canPoll: false,
  reason: 'Several sessions were live when this payment was created: choose the session to poll it with.',
};

/** Lifetimes, time left and pollability at `now`: cheap, it neither sorts nor looks at any call. */
export function viewAt(collected: CollectedView, now: number): DerivedView {
  return {
    sessions: collected.sessions.map((s) => sessionAt(s, now)),
    unattachedPayments: collected.unattachedPayments.map((p) => ({
      ...p,
      poll: p.candidateSessionIds === undefined ? NO_SESSION : SEVERAL_SESSIONS,
    })),
    navigations: collected.navigations,
  };
}

export function deriveSessions(observations: readonly Observation[], now: number): SessionView[] {
  return deriveView(observations, now).sessions;
}

/** Navigations of the tab, oldest first: the panel draws them as markers between calls. */
export function deriveNavigations(observations: readonly Observation[]): Navigation[] {
  return observations.filter((o): o is Navigation => o.kind === 'navigation').sort(byTime);
}

function addCall(session: SessionFacts, call: ClientApiCall): void {
  session.calls.push(call);
  if (!session.addressFromCall) {
    session.customerId = call.customerId;
    session.clientApiUrl = call.clientApiUrl;
    session.addressFromCall = true;
  }
  if (call.sdk) {
    session.sdk = call.sdk;
    session.sdkIdentifiers.add(call.sdk.identifier);
  }
  if (!session.calledV2 && call.url.includes('/client/v2/')) session.calledV2 = parseClientApiRequestUrl(call.url)?.version === 'v2';
  // Calls come oldest first, so the first refusal is the earliest the page got.
  if (call.status === 403 && call.errorCodes?.includes(SESSION_EXPIRED_CODE)) {
    session.refusal ??= { at: call.at, by: 'page', customerId: call.customerId };
  }
  if (call.paymentId === undefined) return;
  const payment = paymentFacts(session.payments, call.paymentId, call.at, 'thirdpartystatus-call');
  if (call.thirdPartyStatus !== undefined) payment.lastThirdPartyStatus = call.thirdPartyStatus;
}

function addSdkSession(session: SessionFacts, seen: SdkSession): void {
  session.frames.set(`${seen.frame.frameId} ${seen.frame.url}`, seen.frame);
  session.assetUrl = seen.assetUrl;
  session.sdkGlobal = seen.global;
  if (seen.hostedCheckout === true) session.rppEnabledPage = true;
}

/** The SDK keeps its URL as `…/client/v1`; one that cannot be normalised is shown as given. */
function hookClientApiUrl(seen: SdkSession): string {
  const normalised = normaliseClientApiUrl(seen.clientApiUrl);
  return normalised.ok ? normalised.value : seen.clientApiUrl;
}

function paymentFacts(
  payments: Map<string, PaymentFacts>,
  paymentId: string,
  at: number,
  source: PaymentSeen['source'],
): PaymentFacts {
  let payment = payments.get(paymentId);
  if (!payment) {
    payment = { paymentId, learnt: new Map(), firstSeen: at, lastSeen: at };
    payments.set(paymentId, payment);
  }
  payment.firstSeen = Math.min(payment.firstSeen, at);
  payment.lastSeen = Math.max(payment.lastSeen, at);
  payment.learnt.set(source, Math.min(payment.learnt.get(source) ?? at, at));
  return payment;
}

/**
 * Payments are gathered in several passes (calls first, then payment observations once every
 * session is known), so their order is restored from the times here: payments and sources by first seen.
 */
function toCollectedPayments(payments: Map<string, PaymentFacts>): CollectedPayment[] {
  return [...payments.values()]
    .sort((a, b) => a.firstSeen - b.firstSeen)
    .map(({ learnt, ...p }) => ({ ...p, sources: [...learnt].sort(([, a], [, b]) => a - b).map(([source]) => source) }));
}

function addPayment(payments: Map<string, PaymentFacts>, seen: PaymentSeen): void {
  const payment = paymentFacts(payments, seen.paymentId, seen.at, seen.source);
  const fromPlatform = seen.source === 'create-payment-response';
  if (seen.productId !== undefined && (fromPlatform || payment.productId === undefined)) {
    payment.productId = seen.productId;
  }
  if (seen.actionType !== undefined) payment.actionType = seen.actionType;
  if (seen.showDataKeys !== undefined) payment.showDataKeys = seen.showDataKeys;
  if (seen.url !== undefined) payment.url = seen.url;
}

type Owner =
  | { kind: 'session'; session: SessionFacts }
  | { kind: 'ambiguous'; candidateSessionIds: string[] }
  | { kind: 'none' };

/**
 * Which session a payment belongs to, for the observations of one payment id that name no session
 * (a create-payment answer, which comes from the merchant's server, not from a session). Those that
 * name one (thirdpartystatus calls, a payment typed with a session) are already under it; the same id
 * under two named sessions is two entries, one per session. Never attached to two sessions:
 * 1. exactly one session names this payment id: that one;
 * 2. else the candidates are the sessions first seen at or before the payment was created and
 *    still live then (within their two-hour lifetime, not yet refused): exactly one is the owner;
 * 3. none: the first session seen within two minutes after it, if any (the page may have shown
 *    its session only after asking for the payment);
 * 4. several: ambiguous; the payment stays unattached with the candidates, newest first.
 * `inOrder` is in first-seen order; the payment was created at its first create-payment answer.
 */
function ownerOf(paymentId: string, seen: readonly PaymentSeen[], inOrder: readonly SessionFacts[]): Owner {
  const naming = inOrder.filter((s) => s.payments.has(paymentId));
  if (naming.length === 1 && naming[0]) return { kind: 'session', session: naming[0] };
  const created = (seen.find((o) => o.source === 'create-payment-response') ?? seen[0])?.at;
  if (created === undefined) return { kind: 'none' };
  const live = inOrder.filter(
    (s) =>
      s.firstSeen <= created &&
      created <= s.firstSeen + SESSION_LIFETIME_MS &&
      (s.refusal === undefined || s.refusal.at > created),
  );
  if (live.length === 1 && live[0]) return { kind: 'session', session: live[0] };
  if (live.length > 1) return { kind: 'ambiguous', candidateSessionIds: live.map((s) => s.clientSessionId).reverse() };
  const soonAfter = inOrder.find((s) => s.firstSeen > created && s.firstSeen <= created + FIRST_SEEN_AFTER_MS);
  return soonAfter ? { kind: 'session', session: soonAfter } : { kind: 'none' };
}

/** Polling goes on as for Connect (the likelier platform); the note says it is a guess until the platform answers. */
export const PLATFORM_UNKNOWN_NOTE =
  'The platform could not be told (Connect or Online Payments): no SDK global, host or SDK creator names it. ' +
  'Polling assumes Connect, the only one with third-party status; the first poll will tell.';

function toCollectedSession(s: SessionFacts): CollectedSession {
  const sdkFromGlobal = s.sdk === undefined && s.sdkGlobal !== undefined;
  const sdk = s.sdk ?? (s.sdkGlobal ? { identifier: s.sdkGlobal, name: s.sdkGlobal } : undefined);
  const { platform, sign } = classifyPlatform({
    ...(s.sdkGlobal ? { global: s.sdkGlobal } : {}),
    ...(s.sdk ? { sdk: s.sdk } : {}),
    clientApiUrl: s.clientApiUrl,
    calledV2: s.calledV2,
  });
  const hostedCheckout = isHostedCheckout({
    sdkIdentifiers: [...s.sdkIdentifiers],
    pageUrls: [...[...s.frames.values()].map((f) => f.url), s.clientApiUrl],
    rppEnabledPage: s.rppEnabledPage,
  });
  return {
    clientSessionId: s.clientSessionId,
    customerId: s.customerId,
    clientApiUrl: s.clientApiUrl,
    ...(s.assetUrl !== undefined ? { assetUrl: s.assetUrl } : {}),
    environment: guessEnvironment(s.clientApiUrl),
    platform,
    platformSign: sign,
    ...(platform === 'unknown' ? { platformNote: PLATFORM_UNKNOWN_NOTE } : {}),
    hostedCheckout,
    ...(sdk ? { sdk, sdkSource: sdkFromGlobal ? ('page-global' as const) : ('meta-info' as const) } : {}),
    ...(s.sdkGlobal !== undefined ? { sdkGlobal: s.sdkGlobal } : {}),
    frames: [...s.frames.values()],
    firstSeen: s.firstSeen,
    lastSeen: s.lastSeen,
    ...(s.refusal !== undefined ? { refusal: s.refusal } : {}),
    calls: s.calls,
    payments: toCollectedPayments(s.payments),
  };
}

function sessionAt(s: CollectedSession, now: number): SessionView {
  const { refusal, payments, ...facts } = s;
  const lifetimeEnd = s.firstSeen + SESSION_LIFETIME_MS;
  // A refusal after the lifetime bound says nothing new: the bound stays the better answer.
  const refusedFirst = refusal !== undefined && refusal.at < lifetimeEnd;
  const expiresAt = refusedFirst ? refusal.at : lifetimeEnd;
  const expired = refusal !== undefined || now > lifetimeEnd;
  const poll = sessionPollability(s.platform, expired, refusal?.customerId);
  return {
    ...facts,
    ...(refusal !== undefined ? { refused: { at: refusal.at, by: refusal.by } } : {}),
    expiresAt,
    expiresAtIsEstimate: !refusedFirst,
    remainingMs: expired ? 0 : Math.max(0, expiresAt - now),
    expired,
    payments: payments.map((p) => ({ ...p, poll: paymentPollability(poll, p.productId) })),
    poll,
  };
}

/**
 * A session can be polled on Connect, and on an unknown platform (a HAR without meta info, say),
 * which is most likely Connect: the platform answers for itself then. Never once it has expired.
 * `refusedFor` is the customer of the refused request, when the platform refused the session.
 */
function sessionPollability(platform: Platform | 'unknown', expired: boolean, refusedFor: string | undefined): Pollability {
  if (platform === 'online-payments') {
    return {
      canPoll: false,
      reason: 'Worldline Online Payments has no third-party status: its Client API offers no thirdpartystatus call.',
    };
  }
  if (refusedFor !== undefined) {
    // 9008 (ACCESS_TO_CONSUMER_ID_NOT_ALLOWED) does not say which of the two it is.
    return {
      canPoll: false,
      reason: `The platform refused this session (403, code ${SESSION_EXPIRED_CODE}): it has expired, or it is not valid for customer ${refusedFor}. Create a new session to poll.`,
    };
  }
  if (expired) return { canPoll: false, reason: 'The session is past its two-hour lifetime.' };
  return { canPoll: true };
}

function paymentPollability(session: Pollability, productId: number | undefined): Pollability {
  if (!session.canPoll) return session;
  const refusal = productId === undefined ? undefined : noThirdPartyStatusReason(productId);
  return refusal === undefined ? session : { canPoll: false, reason: refusal };
}

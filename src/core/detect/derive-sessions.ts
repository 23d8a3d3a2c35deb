import { normaliseClientApiUrl } from '../connect/client-api-url.ts';
import { guessEnvironment, guessPlatform, type Environment, type Platform } from '../connect/environment.ts';
import { SESSION_EXPIRED_CODE } from '../connect/error-response.ts';
import { noThirdPartyStatusReason, SESSION_LIFETIME_MS } from '../connect/products.ts';
import type {
  ClientApiCall,
  Frame,
  Navigation,
  Observation,
  PaymentSeen,
  SdkIdentity,
  SdkSession,
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
  poll: Pollability;
};

export type SessionView = {
  clientSessionId: string;
  customerId: string;
  /** Ends in `/client`. */
  clientApiUrl: string;
  /** Only the page hook sees it. */
  assetUrl?: string;
  environment: Environment;
  platform: Platform | 'unknown';
  sdk?: SdkIdentity;
  /** `meta-info`: the newest call's X-GCS-ClientMetaInfo; `page-global`: only the global's name is known. */
  sdkSource?: 'meta-info' | 'page-global';
  sdkGlobal?: SdkSession['global'];
  /** Frames the page hook saw the session in; network calls carry no frame. */
  frames: Frame[];
  firstSeen: number;
  lastSeen: number;
  /**
   * When the session expires at the latest. Its creation time is never observed (the session
   * response carries none), only that it existed when first seen, so `firstSeen + SESSION_LIFETIME_MS`
   * is an upper bound and `remainingMs` is "at most". `expiresAtIsEstimate` is that case; it is
   * false when the platform refused the session (403 9008) before that bound: it had expired by then.
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
  /** Payments no seen session can be tied to (seen before any session, or naming an unseen one). */
  unattachedPayments: PaymentView[];
  navigations: Navigation[];
};

/** A payment while being gathered: each source with the time it was first learnt from. */
type PaymentFacts = Omit<PaymentView, 'poll' | 'sources'> & { learnt: Map<PaymentSeen['source'], number> };

type SessionFacts = {
  clientSessionId: string;
  customerId: string;
  clientApiUrl: string;
  /** Calls went to a real URL, so their customerId and clientApiUrl outrank the hook's claim, which any page script can forge. */
  addressFromCall: boolean;
  assetUrl?: string;
  sdk?: SdkIdentity;
  sdkGlobal?: SdkSession['global'];
  frames: Map<string, Frame>;
  firstSeen: number;
  lastSeen: number;
  rejectedAt?: number;
  calls: ClientApiCall[];
  payments: Map<string, PaymentFacts>;
};

const byTime = (a: { at: number }, b: { at: number }) => a.at - b.at;

/**
 * Everything the panel shows about sessions, from the raw observations of one tab. Pure, and one
 * pass after a sort, since it runs on every update over thousands of observations.
 */
export function deriveView(observations: readonly Observation[], now: number): DerivedView {
  const sorted = [...observations].sort(byTime);
  const sessions = new Map<string, SessionFacts>();
  const pending: PaymentSeen[] = [];
  const navigations: Navigation[] = [];
  const sessionFor = (o: ClientApiCall | SdkSession) => {
    let facts = sessions.get(o.clientSessionId);
    if (!facts) {
      facts = {
        clientSessionId: o.clientSessionId,
        customerId: o.customerId,
        clientApiUrl: o.kind === 'sdk-session' ? hookClientApiUrl(o) : o.clientApiUrl,
        addressFromCall: false,
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
        pending.push(o);
        break;
      case 'navigation':
        navigations.push(o);
        break;
    }
  }

  const inOrder = [...sessions.values()];
  const unattached = new Map<string, PaymentFacts>();
  for (const payment of pending) {
    const owner = ownerOf(payment, sessions, inOrder);
    addPayment(owner ? owner.payments : unattached, payment);
  }

  const noSession: Pollability = {
    canPoll: false,
    reason: 'No client session was seen for this payment: polling needs its clientSessionId and customerId.',
  };
  return {
    sessions: inOrder.map((s) => toSessionView(s, now)),
    unattachedPayments: toPaymentViews(unattached, () => noSession),
    navigations,
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
  if (call.sdk) session.sdk = call.sdk;
  if (call.status === 403 && call.errorCodes?.includes(SESSION_EXPIRED_CODE)) session.rejectedAt ??= call.at;
  if (call.paymentId === undefined) return;
  const payment = paymentFacts(session.payments, call.paymentId, call.at, 'thirdpartystatus-call');
  if (call.thirdPartyStatus !== undefined) payment.lastThirdPartyStatus = call.thirdPartyStatus;
}

function addSdkSession(session: SessionFacts, seen: SdkSession): void {
  session.frames.set(`${seen.frame.frameId} ${seen.frame.url}`, seen.frame);
  session.assetUrl = seen.assetUrl;
  session.sdkGlobal = seen.global;
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
 * Payments are gathered in two passes (calls first, then payment observations once every session
 * is known), so their order is restored from the times here: payments and sources by first seen.
 */
function toPaymentViews(payments: Map<string, PaymentFacts>, poll: (productId?: number) => Pollability): PaymentView[] {
  return [...payments.values()]
    .sort((a, b) => a.firstSeen - b.firstSeen)
    .map(({ learnt, ...p }) => ({
      ...p,
      sources: [...learnt].sort(([, a], [, b]) => a - b).map(([source]) => source),
      poll: poll(p.productId),
    }));
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

/**
 * The session a payment belongs to: the one it names, else the newest session already seen when
 * the payment was (a page makes a session per checkout), else the first one seen after it.
 * `inOrder` is in first-seen order.
 */
function ownerOf(
  payment: PaymentSeen,
  sessions: Map<string, SessionFacts>,
  inOrder: readonly SessionFacts[],
): SessionFacts | undefined {
  if (payment.clientSessionId !== undefined) return sessions.get(payment.clientSessionId);
  let owner: SessionFacts | undefined;
  for (const s of inOrder) {
    if (s.firstSeen > payment.at) return owner ?? s;
    owner = s;
  }
  return owner;
}

function toSessionView(s: SessionFacts, now: number): SessionView {
  const lifetimeEnd = s.firstSeen + SESSION_LIFETIME_MS;
  const rejectedFirst = s.rejectedAt !== undefined && s.rejectedAt < lifetimeEnd;
  const expiresAt = rejectedFirst && s.rejectedAt !== undefined ? s.rejectedAt : lifetimeEnd;
  const expired = s.rejectedAt !== undefined || now > lifetimeEnd;
  const sdkFromGlobal = s.sdk === undefined && s.sdkGlobal !== undefined;
  const sdk = s.sdk ?? (s.sdkGlobal ? { identifier: s.sdkGlobal, name: s.sdkGlobal } : undefined);
  const platform = guessPlatform({
    ...(s.sdkGlobal ? { global: s.sdkGlobal } : {}),
    ...(s.sdk ? { sdk: s.sdk } : {}),
  });
  const poll = sessionPollability(platform, expired, s.rejectedAt !== undefined);
  return {
    clientSessionId: s.clientSessionId,
    customerId: s.customerId,
    clientApiUrl: s.clientApiUrl,
    ...(s.assetUrl !== undefined ? { assetUrl: s.assetUrl } : {}),
    environment: guessEnvironment(s.clientApiUrl),
    platform,
    ...(sdk ? { sdk, sdkSource: sdkFromGlobal ? ('page-global' as const) : ('meta-info' as const) } : {}),
    ...(s.sdkGlobal !== undefined ? { sdkGlobal: s.sdkGlobal } : {}),
    frames: [...s.frames.values()],
    firstSeen: s.firstSeen,
    lastSeen: s.lastSeen,
    expiresAt,
    expiresAtIsEstimate: !rejectedFirst,
    remainingMs: expired ? 0 : Math.max(0, expiresAt - now),
    expired,
    calls: s.calls,
    payments: toPaymentViews(s.payments, (productId) => paymentPollability(poll, productId)),
    poll,
  };
}

/**
 * A session can be polled on Connect, and on an unknown platform (a HAR without meta info, say),
 * which is most likely Connect: the platform answers for itself then. Never once it has expired.
 */
function sessionPollability(platform: Platform | 'unknown', expired: boolean, rejected: boolean): Pollability {
  if (platform === 'online-payments') {
    return {
      canPoll: false,
      reason: 'Worldline Online Payments has no third-party status: its Client API offers no thirdpartystatus call.',
    };
  }
  if (rejected) return { canPoll: false, reason: 'The platform refused this session (403 9008): it has expired.' };
  if (expired) return { canPoll: false, reason: 'The session is past its two-hour lifetime.' };
  return { canPoll: true };
}

function paymentPollability(session: Pollability, productId: number | undefined): Pollability {
  if (!session.canPoll) return session;
  const refusal = productId === undefined ? undefined : noThirdPartyStatusReason(productId);
  return refusal === undefined ? session : { canPoll: false, reason: refusal };
}

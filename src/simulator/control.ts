import { productName } from '../core/connect/products.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { phoneUrl, type SimulatorContext } from './context.ts';
import { SIMULATOR_VERSION } from './defaults.ts';
import { FAULT_KINDS, faultSpecSchema, type Fault } from './faults.ts';
import { platformPaymentStatus, possibleSteps, type CustomerStep, type PaymentRecord } from './payments.ts';
import type { LoggedRequest, RequestFilter } from './request-log.ts';
import { describeSession } from './sessions.ts';

function describePayment(context: SimulatorContext, payment: PaymentRecord) {
  return {
    id: payment.id,
    productId: payment.productId,
    productName: productName(payment.productId),
    thirdPartyStatus: payment.thirdPartyStatus,
    status: platformPaymentStatus(payment).status,
    abandoned: payment.abandoned,
    clientSessionId: payment.clientSessionId,
    clientSessionSource: payment.clientSessionSource,
    createdAt: new Date(payment.createdAt).toISOString(),
    possibleSteps: possibleSteps(payment),
    phoneUrl: phoneUrl(context, payment.id),
    history: payment.history.map((entry) => ({ ...entry, at: new Date(entry.at).toISOString() })),
  };
}
export type PaymentView = ReturnType<typeof describePayment>;
export type SessionView = ReturnType<typeof describeSession>;

/**
 * The operations behind the control API, callable in-process by tests and over HTTP by the
 * phone page and the extension. Both go through here so they cannot drift apart.
 */
export function createControl(context: SimulatorContext) {
  const view = (payment: PaymentRecord) => describePayment(context, payment);
  const describe = (clientSessionId: string) => {
    const session = context.sessions.get(clientSessionId);
    return session && describeSession(session, context.sessions.isActive(session));
  };

  return {
    info() {
      return {
        product: 'connect-simulator',
        version: SIMULATOR_VERSION,
        merchantId: context.credentials.merchantId,
        clientApiUrl: `${context.baseUrl()}/client`,
        flow: context.flow,
        autoFlowTimings: context.autoFlowTimings,
        sessionTtlMs: context.sessionTtlMs,
        faultKinds: [...FAULT_KINDS],
      };
    },
    listSessions(): SessionView[] {
      return context.sessions
        .list()
        .map((session) => describeSession(session, context.sessions.isActive(session)))
        .reverse();
    },
    /** A real expiry, for good: unlike the `expire-session` fault, clearing faults does not undo it. */
    expireSession(clientSessionId: string): Result<SessionView> {
      const session = context.sessions.expire(clientSessionId);
      const view = session && describe(session.clientSessionId);
      return view ? ok(view) : fail(`unknown client session`);
    },
    /** Newest first, as the phone page shows them. */
    listPayments(): PaymentView[] {
      return context.payments.list().map(view).reverse();
    },
    getPayment(paymentId: string): PaymentView | undefined {
      const payment = context.payments.get(paymentId);
      return payment && view(payment);
    },
    step(paymentId: string, step: CustomerStep): Result<PaymentView> {
      const moved = context.payments.step(paymentId, step);
      return moved.ok ? ok(view(moved.value)) : moved;
    },
    /** Accepts the same JSON as `POST /control/faults`, so tests and the HTTP API validate alike. */
    addFault(spec: unknown): Result<Fault> {
      const parsed = faultSpecSchema.safeParse(spec);
      if (!parsed.success) return fail(parsed.error.issues.map((issue) => issue.message).join('; '));
      return ok(context.faults.add(parsed.data));
    },
    listFaults(): Fault[] {
      return context.faults.list();
    },
    clearFaults(filter: { id?: string; clientSessionId?: string; paymentId?: string } = {}): number {
      return context.faults.clear(filter);
    },
    requests(filter: RequestFilter = {}): LoggedRequest[] {
      return context.requestLog.list(filter);
    },
    clearRequests(): void {
      context.requestLog.clear();
    },
  };
}
export type Control = ReturnType<typeof createControl>;

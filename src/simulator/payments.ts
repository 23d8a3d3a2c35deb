import type { ThirdPartyProductId } from '../core/connect/products.ts';
import type { ThirdPartyStatus } from '../core/connect/third-party-status.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { WechatIntegrationType } from './wechat.ts';

/** What the customer does on the phone; each moves the third-party status one step on. */
export const CUSTOMER_STEPS = ['scan', 'authenticate', 'confirm', 'abandon'] as const;
export type CustomerStep = (typeof CUSTOMER_STEPS)[number];

const NEXT: Record<Exclude<CustomerStep, 'abandon'>, { from: ThirdPartyStatus; to: ThirdPartyStatus }> = {
  scan: { from: 'WAITING', to: 'INITIALIZED' },
  authenticate: { from: 'INITIALIZED', to: 'AUTHORIZED' },
  confirm: { from: 'AUTHORIZED', to: 'COMPLETED' },
};

export type AmountOfMoney = { amount: number; currencyCode: string };

export type PaymentRecord = {
  id: string;
  merchantId: string;
  productId: ThirdPartyProductId;
  createdAt: number;
  amountOfMoney: AmountOfMoney;
  merchantReference: string | undefined;
  /** WeChat Pay only: how the shopper pays (desktopQRCode unless the request said otherwise). */
  integrationType: WechatIntegrationType | undefined;
  /** Handed out in `redirectData.RETURNMAC`; kept so the answer stays the same for the payment. */
  returnMac: string;
  thirdPartyStatus: ThirdPartyStatus;
  /** The customer gave up: the third-party status stays where it was and no step applies any more. */
  abandoned: boolean;
  /** From the encrypted customer input, or else the first client session that asked for its status. */
  clientSessionId: string | null;
  clientSessionSource: 'encrypted-input' | 'status-call' | null;
  history: { at: number; step: CustomerStep | 'create'; thirdPartyStatus: ThirdPartyStatus }[];
};

export type NewPayment = Pick<
  PaymentRecord,
  | 'id'
  | 'merchantId'
  | 'productId'
  | 'amountOfMoney'
  | 'merchantReference'
  | 'integrationType'
  | 'returnMac'
  | 'clientSessionId'
>;

export type PaymentStore = ReturnType<typeof createPaymentStore>;

export function createPaymentStore(options: { now: () => number }) {
  const payments = new Map<string, PaymentRecord>();
  return {
    create(fields: NewPayment): PaymentRecord {
      const at = options.now();
      const payment: PaymentRecord = {
        ...fields,
        clientSessionSource: fields.clientSessionId === null ? null : 'encrypted-input',
        createdAt: at,
        thirdPartyStatus: 'WAITING',
        abandoned: false,
        history: [{ at, step: 'create', thirdPartyStatus: 'WAITING' }],
      };
      payments.set(payment.id, payment);
      return payment;
    },
    get(id: string): PaymentRecord | undefined {
      return payments.get(id);
    },
    list(): PaymentRecord[] {
      return [...payments.values()];
    },
    linkSession(payment: PaymentRecord, clientSessionId: string): void {
      if (payment.clientSessionId !== null) return;
      payment.clientSessionId = clientSessionId;
      payment.clientSessionSource = 'status-call';
    },
    step(id: string, step: CustomerStep): Result<PaymentRecord> {
      const payment = payments.get(id);
      if (!payment) return fail(`unknown payment ${id}`);
      if (payment.abandoned) return fail('the customer abandoned this payment');
      if (step === 'abandon') {
        if (payment.thirdPartyStatus === 'COMPLETED') return fail('the payment is already completed');
        payment.abandoned = true;
      } else {
        const move = NEXT[step];
        if (payment.thirdPartyStatus !== move.from) {
          return fail(`${step} needs ${move.from}, the payment is ${payment.thirdPartyStatus}`);
        }
        payment.thirdPartyStatus = move.to;
      }
      payment.history.push({ at: options.now(), step, thirdPartyStatus: payment.thirdPartyStatus });
      return ok(payment);
    },
  };
}

/** The steps that apply now, so the phone page only offers those. */
export function possibleSteps(payment: PaymentRecord): CustomerStep[] {
  if (payment.abandoned || payment.thirdPartyStatus === 'COMPLETED') return [];
  const forward = (Object.keys(NEXT) as (keyof typeof NEXT)[]).filter(
    (step) => NEXT[step].from === payment.thirdPartyStatus,
  );
  return [...forward, 'abandon'];
}

/**
 * The payment's own status on the platform, derived from the third-party flow. Pending Bancontact
 * is Worldline's own example (PENDING_PAYMENT, statusCode 0, not cancellable); CAPTURE_REQUESTED
 * belongs to PENDING_CONNECT_OR_3RD_PARTY (connect-sdk-java OrderStatusOutput). The rest is assumed
 * (docs/simulator.md).
 */
export function platformPaymentStatus(payment: PaymentRecord) {
  if (payment.abandoned) {
    return { status: 'CANCELLED', statusCategory: 'UNSUCCESSFUL', statusCode: 99999, isAuthorized: false, isCancellable: false };
  }
  if (payment.thirdPartyStatus === 'COMPLETED') {
    return {
      status: 'CAPTURE_REQUESTED',
      statusCategory: 'PENDING_CONNECT_OR_3RD_PARTY',
      statusCode: 800,
      isAuthorized: true,
      isCancellable: false,
    };
  }
  if (payment.productId === 3012) {
    return { status: 'PENDING_PAYMENT', statusCategory: 'PENDING_PAYMENT', statusCode: 0, isAuthorized: false, isCancellable: false };
  }
  return { status: 'REDIRECTED', statusCategory: 'PENDING_PAYMENT', statusCode: 50, isAuthorized: false, isCancellable: true };
}

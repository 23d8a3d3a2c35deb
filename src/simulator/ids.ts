import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/** 32 lowercase hex characters, like every clientSessionId seen from the platform. */
export function newClientSessionId(): string {
  return randomBytes(16).toString('hex');
}

/** `<merchantId>-<32 hex>`, the shape of the customerId in Create Session responses. */
export function newCustomerId(merchantId: string): string {
  return `${merchantId}-${randomBytes(16).toString('hex')}`;
}

/** 32 lowercase hex characters, like the errorId of the 9008 seen from the platform. */
export function newErrorId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The two forms payment ids are seen in: `digits`, 30 of them (the merchant id padded to 10, a
 * 10-digit order number, then effort and attempt, `00001` each, as in the Java SDK's sample
 * `000000123410000595980000100001`), and `attempt`, a number and the attempt (`2737860_0`, as in
 * Worldline's Swift example of a Bancontact payment). `by-product` gives Bancontact the second form.
 */
export const PAYMENT_ID_FORMS = ['digits', 'attempt', 'by-product'] as const;
export type PaymentIdForm = (typeof PAYMENT_ID_FORMS)[number];

export function createPaymentIdSource(merchantId: string, form: PaymentIdForm = 'digits'): (productId: number) => string {
  const merchantPart = merchantId.replace(/\D/g, '').slice(-10).padStart(10, '0');
  // A random start keeps ids from two simulator runs apart in one browser's history.
  let order = 1_000_000_000 + randomInt(0, 800_000_000);
  let number = 2_000_000 + randomInt(0, 7_000_000);
  return (productId) => {
    if (form === 'attempt' || (form === 'by-product' && productId === 3012)) {
      number += 1;
      return `${number}_0`;
    }
    order += 1;
    return `${merchantPart}${order}0000100001`;
  };
}

/** A RETURNMAC, a UUID as in Worldline's Bancontact example. */
export function newReturnMac(): string {
  return randomUUID();
}

export function createRequestIdSource(): () => string {
  let next = randomInt(100_000, 900_000);
  return () => String((next += 1));
}

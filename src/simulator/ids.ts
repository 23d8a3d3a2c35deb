import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/** 32 lowercase hex characters, like every clientSessionId seen from the platform. */
export function newClientSessionId(): string {
  return randomBytes(16).toString('hex');
}

/** `<merchantId>-<32 hex>`, the shape of the customerId in Create Session responses. */
export function newCustomerId(merchantId: string): string {
  return `${merchantId}-${randomBytes(16).toString('hex')}`;
}

export function newErrorId(): string {
  return randomUUID();
}

/**
 * 30 digits: the merchant id padded to 10, a 10-digit order number, then effort and attempt
 * (`00001` each), as in the platform's sample `000000123410000595980000100001`.
 */
export function createPaymentIdSource(merchantId: string): () => string {
  const merchantPart = merchantId.replace(/\D/g, '').slice(-10).padStart(10, '0');
  // A random start keeps ids from two simulator runs apart in one browser's history.
  let order = 1_000_000_000 + randomInt(0, 800_000_000);
  return () => {
    order += 1;
    return `${merchantPart}${order}0000100001`;
  };
}

export function createRequestIdSource(): () => string {
  let next = randomInt(100_000, 900_000);
  return () => String((next += 1));
}

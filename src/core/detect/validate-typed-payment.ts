import { fail, ok, type Result } from '../result.ts';
import { parsePaymentId, paymentIdNote } from '../connect/ids.ts';
import { noThirdPartyStatusReason } from '../connect/products.ts';

export type TypedPayment = {
  paymentId: string;
  productId?: number;
  /** Set when the id is accepted but unusual (neither 30 digits nor `<number>_<attempt>`). */
  note?: string;
};

/** A payment id, and optionally a product id, as typed into the panel to watch a payment. */
export function validateTypedPayment(paymentIdInput: string, productIdInput?: string | number): Result<TypedPayment> {
  const paymentId = parsePaymentId(paymentIdInput);
  if (!paymentId.ok) return paymentId;
  const product = parseProductId(productIdInput);
  if (!product.ok) return product;
  const note = paymentIdNote(paymentId.value);
  return ok({
    paymentId: paymentId.value,
    ...(product.value !== undefined ? { productId: product.value } : {}),
    ...(note !== undefined ? { note } : {}),
  });
}

function parseProductId(input: string | number | undefined): Result<number | undefined> {
  const typed = typeof input === 'string' ? input.trim() : input;
  if (typed === undefined || typed === '') return ok(undefined);
  const id = typeof typed === 'number' ? typed : /^\d{1,9}$/.test(typed) ? Number(typed) : NaN;
  if (!Number.isInteger(id) || id <= 0) {
    return fail(`A product id is a whole number, like 3012 for Bancontact; "${String(typed).slice(0, 32)}" is not.`);
  }
  const refusal = noThirdPartyStatusReason(id);
  return refusal === undefined ? ok(id) : fail(refusal);
}

/**
 * `findCreatedPayment` as it was before its schema parses were written out by hand: the zod schema
 * (`createPaymentShapeSchema`) read each candidate, and `paymentSeenSchema` checked what came out.
 * Kept to hold the new one to it (test/unit/property/har-entry.test.ts).
 */
import { z } from '../../../../src/core/zod.ts';
import { isJsonObject, parseJsonText } from '../../../../src/core/connect/json-text.ts';
import { parsePaymentId } from '../../../../src/core/connect/ids.ts';
import { safeParse } from '../../../../src/core/safe-parse.ts';
import { paymentSeenSchema, type PaymentSeen } from '../../../../src/core/detect/observation.ts';

/** Merchant JSON bodies bigger than this are not scanned. */
const CREATED_PAYMENT_BODY_MAX_LENGTH = 512 * 1024;
/** How far below the top the create-payment shape may sit: `{ data: { result: { payment, merchantAction } } }`. */
const MAX_DEPTH = 2;
/** Keys looked at per object while descending, so a huge object costs little. */
const MAX_KEYS_PER_LEVEL = 64;

const text = (max: number) => z.string().check(z.maxLength(max));

/**
 * The Server API CreatePaymentResponse (connect-sdk-nodejs `CreatePaymentResult`), as far as it is
 * used here: `payment.id`, `payment.paymentOutput.*PaymentMethodSpecificOutput.paymentProductId`,
 * `merchantAction.{actionType, showData[].key, thirdPartyData.paymentProduct863}`.
 */
const createPaymentShapeSchema = z.looseObject({
  payment: z.looseObject({
    id: text(256),
    paymentOutput: z.catch(z.optional(z.record(z.string(), z.unknown())), undefined),
  }),
  merchantAction: z.looseObject({
    actionType: z.catch(z.optional(text(64)), undefined),
    showData: z.catch(z.optional(z.array(z.catch(z.looseObject({ key: z.catch(z.optional(z.string()), undefined) }), {}))), undefined),
    thirdPartyData: z.catch(z.optional(z.looseObject({ paymentProduct863: z.optional(z.unknown()) })), undefined),
  }),
});
type CreatePaymentShape = z.infer<typeof createPaymentShapeSchema>;

/**
 * Looks in a same-origin JSON answer of the merchant's own server (the caller checks the origin)
 * for a create-payment response, at the top or nested up to two levels, since no SDK creates
 * payments client-side and each merchant wraps the server's answer its own way.
 * A heuristic: `payment.id` must come with a `merchantAction` object beside it.
 */
export function findCreatedPaymentBefore(body: string, url: string, at: number): PaymentSeen | null {
  if (!mayNameMerchantAction(body)) return null;
  const json = parseJsonText(body, CREATED_PAYMENT_BODY_MAX_LENGTH);
  if (!json.ok) return null;
  let level: unknown[] = [json.value];
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const node of level) {
      const found = asCreatedPayment(node, url, at);
      if (found) return found;
      if (isJsonObject(node)) next.push(...Object.values(node).slice(0, MAX_KEYS_PER_LEVEL));
      else if (Array.isArray(node)) next.push(...node.slice(0, MAX_KEYS_PER_LEVEL));
    }
    level = next;
  }
  return null;
}

/**
 * Most of a checkout's own JSON answers (cart, shipping, stock) are no create-payment answer, and a
 * parse costs microseconds a kilobyte. A key is written as it is unless escaped (`merchant\u0041ction`):
 * without the word and without any backslash, no parse can find the key.
 */
function mayNameMerchantAction(body: string): boolean {
  return body.includes('merchantAction') || body.includes('\\');
}

function asCreatedPayment(node: unknown, url: string, at: number): PaymentSeen | null {
  if (!isJsonObject(node) || !isJsonObject(node.payment) || !isJsonObject(node.merchantAction)) return null;
  const shape = safeParse(createPaymentShapeSchema, node);
  if (!shape.success) return null;
  const paymentId = parsePaymentId(shape.data.payment.id);
  if (!paymentId.ok) return null;
  const { actionType, showData } = shape.data.merchantAction;
  const showDataKeys = (showData ?? [])
    .map((entry) => entry.key)
    .filter((key): key is string => key !== undefined && key.length <= 64)
    .slice(0, 32);
  const productId = productIdOf(shape.data, showDataKeys);
  const seen: PaymentSeen = {
    kind: 'payment',
    at,
    paymentId: paymentId.value,
    source: 'create-payment-response',
    ...(productId !== undefined ? { productId } : {}),
    ...(actionType !== undefined ? { actionType } : {}),
    ...(showDataKeys.length > 0 ? { showDataKeys } : {}),
    ...(url.length <= 4096 ? { url } : {}),
  };
  const checked = paymentSeenSchema.safeParse(seen);
  return checked.success ? checked.data : null;
}

/**
 * The product from the payment output (`cardPaymentMethodSpecificOutput.paymentProductId`,
 * `redirectPaymentMethodSpecificOutput…`, whichever is present), else WeChat Pay (863) when the
 * answer carries what only 863 has: `thirdPartyData.paymentProduct863` or a `WECHAT_PAYMENTID`.
 */
function productIdOf(shape: CreatePaymentShape, showDataKeys: string[]): number | undefined {
  for (const [key, output] of Object.entries(shape.payment.paymentOutput ?? {})) {
    if (!key.endsWith('PaymentMethodSpecificOutput') || !isJsonObject(output)) continue;
    // The platform sends a number; a merchant's own wrapper may have turned it into a string.
    const raw = output.paymentProductId;
    const id = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : raw;
    if (typeof id === 'number' && Number.isInteger(id) && id > 0) return id;
  }
  if (shape.merchantAction.thirdPartyData?.paymentProduct863 !== undefined) return 863;
  if (showDataKeys.includes('WECHAT_PAYMENTID')) return 863;
  return undefined;
}

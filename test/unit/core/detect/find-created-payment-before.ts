/**
 * `findCreatedPayment` as it read each value before its schema parses were written out by hand: the
 * zod schema (`createPaymentShapeSchema`) read the value, and `paymentSeenSchema` checked what came
 * out; the walk of the answer is the same (`findInAnswer`). Kept to hold the new reader to it
 * (test/unit/property/har-entry.test.ts).
 */
import { z } from '../../../../src/core/zod.ts';
import { isJsonObject } from '../../../../src/core/connect/json-text.ts';
import { createdPaymentSeen, findInAnswer } from '../../../../src/core/detect/find-created-payment.ts';
import { parsePaymentId } from '../../../../src/core/connect/ids.ts';
import { safeParse } from '../../../../src/core/safe-parse.ts';
import { paymentSeenSchema, type PaymentSeen } from '../../../../src/core/detect/observation.ts';

const text = (max: number) => z.string().check(z.maxLength(max));

/**
 * The Server API CreatePaymentResponse (connect-sdk-nodejs `CreatePaymentResult`), as far as it is
 * used: the definition of what `findCreatedPayment` reads by hand.
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

export function findCreatedPaymentBefore(body: string, url: string, at: number): PaymentSeen | null {
  return findInAnswer(body, url, at, asCreatedPayment);
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
  const seen = createdPaymentSeen({ at, paymentId: paymentId.value, productId, actionType, showDataKeys, url });
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

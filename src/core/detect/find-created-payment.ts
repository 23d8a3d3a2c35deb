import { isJsonObject, parseJsonText } from '../connect/json-text.ts';
import { parsePaymentId } from '../connect/ids.ts';
import { isText } from './har-entry-build.ts';
import type { PaymentSeen } from './observation.ts';

/** Merchant JSON bodies bigger than this are not scanned. */
export const CREATED_PAYMENT_BODY_MAX_LENGTH = 512 * 1024;
/** How far below the top the create-payment shape may sit: `{ data: { result: { payment, merchantAction } } }`. */
const MAX_DEPTH = 2;
/** Keys looked at per object while descending, so a huge object costs little. */
const MAX_KEYS_PER_LEVEL = 64;

/**
 * Looks in a same-origin JSON answer of the merchant's own server (the caller checks the origin)
 * for a create-payment response, at the top or nested up to two levels, since no SDK creates
 * payments client-side and each merchant wraps the server's answer its own way.
 * A heuristic: `payment.id` must come with a `merchantAction` object beside it.
 */
export function findCreatedPayment(body: string, url: string, at: number): PaymentSeen | null {
  return findInAnswer(body, url, at, asCreatedPayment);
}

/** Reads one value of an answer as a create-payment response, or null. */
type CreatedPaymentReader = (node: unknown, url: string, at: number) => PaymentSeen | null;

/** The walk of `findCreatedPayment`, with the reader of each value given (a test gives the schema's). */
export function findInAnswer(body: string, url: string, at: number, read: CreatedPaymentReader): PaymentSeen | null {
  if (!mayNameMerchantAction(body)) return null;
  const json = parseJsonText(body, CREATED_PAYMENT_BODY_MAX_LENGTH);
  if (!json.ok) return null;
  let level: unknown[] = [json.value];
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const node of level) {
      const found = read(node, url, at);
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

/**
 * A value as the Server API's CreatePaymentResponse (connect-sdk-nodejs `CreatePaymentResult`), as far
 * as it is used: `payment.id`, `payment.paymentOutput.*PaymentMethodSpecificOutput.paymentProductId`,
 * `merchantAction.{actionType, showData[].key, thirdPartyData.paymentProduct863}`. Read by hand: a
 * checkout creates one payment, so the engine never made zod's walk of it fast, which cost a few
 * hundred microseconds on a busy page. The zod schema it replaced stays the definition, in the
 * property test that holds the two together (test/unit/core/detect/find-created-payment-before.ts).
 */
function asCreatedPayment(node: unknown, url: string, at: number): PaymentSeen | null {
  if (!isJsonObject(node)) return null;
  const { payment, merchantAction } = node;
  if (!isJsonObject(payment) || !isJsonObject(merchantAction) || !isText(payment.id, 256)) return null;
  const paymentId = parsePaymentId(payment.id);
  // What paymentSeenSchema asks of the rest: a finite time, an integer product within the safe range.
  if (!paymentId.ok || !Number.isFinite(at)) return null;
  const actionType = isText(merchantAction.actionType, 64) ? merchantAction.actionType : undefined;
  const showDataKeys = showDataKeysOf(merchantAction.showData);
  const productId = productIdOf(payment.paymentOutput, merchantAction.thirdPartyData, showDataKeys);
  if (productId !== undefined && !Number.isSafeInteger(productId)) return null;
  return createdPaymentSeen({ at, paymentId: paymentId.value, productId, actionType, showDataKeys, url });
}

/** The observation of a payment read from a create-payment answer; what is absent or empty is left out. */
export function createdPaymentSeen(read: { at: number; paymentId: string; productId?: number; actionType?: string; showDataKeys: string[]; url: string }): PaymentSeen {
  const { at, paymentId, productId, actionType, showDataKeys, url } = read;
  return {
    kind: 'payment',
    at,
    paymentId,
    source: 'create-payment-response',
    ...(productId !== undefined ? { productId } : {}),
    ...(actionType !== undefined ? { actionType } : {}),
    ...(showDataKeys.length > 0 ? { showDataKeys } : {}),
    ...(url.length <= 4096 ? { url } : {}),
  };
}

/** The text keys of `showData`, at most 64 characters each and 32 in all (a key that is not text is left out). */
function showDataKeysOf(showData: unknown): string[] {
  const keys: string[] = [];
  if (!Array.isArray(showData)) return keys;
  for (let i = 0; i < showData.length && keys.length < 32; i++) {
    const entry: unknown = showData[i];
    const key = isJsonObject(entry) ? entry.key : undefined;
    if (typeof key === 'string' && key.length <= 64) keys.push(key);
  }
  return keys;
}

/**
 * The product from the payment output (`cardPaymentMethodSpecificOutput.paymentProductId`,
 * `redirectPaymentMethodSpecificOutput…`, whichever is present), else WeChat Pay (863) when the
 * answer carries what only 863 has: `thirdPartyData.paymentProduct863` or a `WECHAT_PAYMENTID`.
 */
function productIdOf(paymentOutput: unknown, thirdPartyData: unknown, showDataKeys: readonly string[]): number | undefined {
  if (isJsonObject(paymentOutput)) {
    for (const [key, output] of Object.entries(paymentOutput)) {
      if (!key.endsWith('PaymentMethodSpecificOutput') || !isJsonObject(output)) continue;
      // The platform sends a number; a merchant's own wrapper may have turned it into a string.
      const raw = output.paymentProductId;
      const id = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : raw;
      if (typeof id === 'number' && Number.isInteger(id) && id > 0) return id;
    }
  }
  if (isJsonObject(thirdPartyData) && thirdPartyData.paymentProduct863 !== undefined) return 863;
  if (showDataKeys.includes('WECHAT_PAYMENTID')) return 863;
  return undefined;
}

import { fail, ok, type Result } from '../result.ts';

/**
 * Identifier rules. Every example seen has a 32-hex clientSessionId, a `<digits>-<32 hex>` customerId
 * and a payment id of 30 digits or `<number>_<attempt>`, but none of these shapes is documented as
 * guaranteed, so the patterns accept more than was seen and only reject what cannot be an id (path
 * separators, spaces, huge input).
 */
export const CLIENT_SESSION_ID = /^[0-9A-Za-z-]{16,128}$/;
export const CUSTOMER_ID = /^[0-9A-Za-z][0-9A-Za-z_-]{0,127}$/;
/** What a payment id may hold: the platform treats it as an opaque path segment. */
export const PAYMENT_ID = /^[0-9A-Za-z_-]{1,64}$/;
/**
 * The two shapes payment ids are found in: 30 digits (the Java SDK's `000000123410000595980000100001`)
 * and a number with its attempt (Worldline's Bancontact example `2737860_0`).
 */
const USUAL_PAYMENT_ID = /^(\d{30}|\d{1,20}_\d{1,5})$/;
const BOTH_FORMS = '30 digits (000000123410000595980000100001) or a number and an attempt (2737860_0)';

export function parseClientSessionId(value: string): Result<string> {
  return CLIENT_SESSION_ID.test(value)
    ? ok(value)
    : fail('not a client session id (16 to 128 letters, digits or dashes)');
}

export function parseCustomerId(value: string): Result<string> {
  return CUSTOMER_ID.test(value)
    ? ok(value)
    : fail('not a customer id (up to 128 letters, digits, dashes or underscores)');
}

/**
 * A payment id as a person pastes it: surrounding whitespace and one pair of quotes (copied from
 * JSON) are dropped. The format is otherwise opaque: an unusual but possible id is accepted, and
 * `paymentIdNote` says so instead of refusing it.
 */
export function parsePaymentId(input: string): Result<string> {
  let id = input.trim();
  const quoted = /^(["'])(.*)\1$/.exec(id);
  if (quoted) id = (quoted[2] ?? '').trim();
  if (id === '') return fail(`Enter a payment id: ${BOTH_FORMS}.`);
  if (id.length > 64) return fail(`A payment id is at most 64 characters; this is ${id.length}.`);
  const bad = /[^0-9A-Za-z_-]/.exec(id);
  if (bad) {
    const what = /\s/.test(bad[0]) ? 'a space' : JSON.stringify(bad[0]);
    return fail(`A payment id has only letters, digits, "-" and "_", usually ${BOTH_FORMS}; this one has ${what}.`);
  }
  return ok(id);
}

/** A note for an accepted id that does not look like the ones seen so far, or undefined. */
export function paymentIdNote(id: string): string | undefined {
  return USUAL_PAYMENT_ID.test(id)
    ? undefined
    : `Connect payment ids are usually ${BOTH_FORMS}; this one is ${id.length} characters and is used as typed.`;
}

/**
 * A clientSessionId is a bearer credential for two hours, so it is shown masked: the first and
 * last four characters are enough to tell sessions apart. Short values show less, so that the
 * visible part never gives most of the value away.
 */
export function maskSecret(id: string): string {
  if (id.length >= 12) return `${id.slice(0, 4)}…${id.slice(-4)}`;
  if (id.length >= 6) return `${id.slice(0, 1)}…${id.slice(-1)}`;
  return '…';
}

import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  CLIENT_SESSION_ID,
  CUSTOMER_ID,
  maskSecret,
  parseClientSessionId,
  parseCustomerId,
  parsePaymentId,
  PAYMENT_ID,
} from '../../../src/core/connect/ids.ts';
import { validateTypedPayment } from '../../../src/core/detect/validate-typed-payment.ts';
import { parseIntervalSeconds } from '../../../src/core/poll/interval.ts';
import { MAX_INTERVAL_MS, MIN_INTERVAL_MS } from '../../../src/core/poll/poller.ts';
import { clientSessionId, customerId, paymentId } from './connect-values.ts';
import { hostileNumber, hostileText, longText, mutatedText, nearMiss } from './hostile-values.ts';
import { checkProperty, PROPERTY_TIMEOUT_MS, must, mustBeResult } from './property-run.ts';

/** An id as a person pastes it: surrounding spaces, quotes from JSON, a line break from a terminal. */
const pasted = (id: fc.Arbitrary<string>) =>
  fc
    .tuple(id, fc.constantFrom('', ' ', '\t', '\n', '\u00a0'), fc.constantFrom('', '"', "'", '`'), fc.constantFrom('', ' ', '\r\n'))
    .map(([value, space, quote, end]) => `${space}${quote}${value}${quote}${end}`);

const typedText = fc.oneof(
  { arbitrary: pasted(nearMiss(paymentId)), weight: 4 },
  { arbitrary: nearMiss(clientSessionId), weight: 2 },
  { arbitrary: nearMiss(customerId), weight: 2 },
  { arbitrary: longText(60, 300), weight: 1 },
  { arbitrary: hostileText, weight: 2 },
);

const productInput = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom<string | number>('', ' ', '3012', ' 863 ', '0863', '3012.0', '1e3', '-3012', '0x0bc4', 'Bancontact', 3012, 863, 0, -863, 3012.5),
  hostileNumber,
  hostileText,
);

const intervalText = fc.oneof(
  fc.constantFrom('', ' ', '1', '0.5', '.5', '0,5', '60', '61', '0', '0.49', '1e3', 'Infinity', 'NaN', '-1', '1.', '١', '２', '1_000', '0x10', ' 2 '),
  fc.double({ min: 0, max: 100, noNaN: true }).map(String),
  mutatedText(fc.constantFrom('1', '0.5', '30', '2.25')),
  hostileText,
);

const SPACE = /^\s|\s$/;

describe('typed ids', () => {
  it('reads any typed or pasted text as a payment id, a session id and a customer id, or a reason', () => {
    checkProperty(
      fc.property(typedText, productInput, (text, product) => {
        const payment = parsePaymentId(text);
        mustBeResult(payment);
        if (payment.ok) {
          must(PAYMENT_ID.test(payment.value) && payment.value.length <= 64, 'a payment id of letters, digits, - and _, 64 at most', payment.value);
          must(text.includes(payment.value), 'the id is taken from the text, never made up', text, payment.value);
          const again = parsePaymentId(payment.value);
          must(again.ok && again.value === payment.value, 'an accepted id reads as itself', payment.value);
        }

        const session = parseClientSessionId(text);
        mustBeResult(session);
        must(session.ok === CLIENT_SESSION_ID.test(text), 'a session id is exactly what the rule accepts', text);
        if (session.ok) must(session.value === text, 'a session id is kept as it is', text);

        const customer = parseCustomerId(text);
        mustBeResult(customer);
        must(customer.ok === CUSTOMER_ID.test(text), 'a customer id is exactly what the rule accepts', text);
        must(!customer.ok || !SPACE.test(customer.value), 'a customer id has no surrounding space', text);

        const typed = validateTypedPayment(text, product);
        mustBeResult(typed);
        if (!payment.ok) must(!typed.ok && typed.reason === payment.reason, 'a bad id is refused for the id', text, typed);
        if (typed.ok) {
          must(payment.ok && typed.value.paymentId === payment.value, 'the typed payment has the parsed id', text, typed);
          const { productId, note } = typed.value;
          must(productId === undefined || productId === 3012 || productId === 863, 'only a product with a third-party status', product, typed);
          must(note === undefined || note.length > 0, 'a note says something', typed);
        }
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('reads any poll interval within 0.5 to 60 s, keeping the current one for what it cannot read', () => {
    checkProperty(
      fc.property(intervalText, fc.integer({ min: MIN_INTERVAL_MS, max: MAX_INTERVAL_MS }), (text, currentMs) => {
        const { ms, note } = parseIntervalSeconds(text, currentMs);
        must(Number.isInteger(ms) && ms >= MIN_INTERVAL_MS && ms <= MAX_INTERVAL_MS, 'a whole number of ms within the bounds', text, ms);
        must(note === undefined || note.trim().length > 0, 'a note says something', note);
        const number = text.trim().replace(',', '.');
        if (!/^\d+(\.\d+)?$|^\.\d+$/.test(number)) must(ms === currentMs && note !== undefined, 'unreadable text keeps the interval and says so', text);
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('reads back an interval it was shown (round trip)', () => {
    checkProperty(
      fc.property(fc.integer({ min: MIN_INTERVAL_MS, max: MAX_INTERVAL_MS }), fc.boolean(), (ms, comma) => {
        const shown = String(ms / 1000);
        const read = parseIntervalSeconds(comma ? shown.replace('.', ',') : shown, MIN_INTERVAL_MS);
        must(read.ms === ms && read.note === undefined, 'the same interval, without a note', shown, read);
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('masks a session id so that at most half of it shows, and no text whole', () => {
    checkProperty(
      fc.property(fc.oneof(clientSessionId, hostileText), (id) => {
        const masked = maskSecret(id);
        must(masked.includes('…'), 'a mask shows that something is hidden', masked);
        if (id !== '' && !id.includes('…')) must(!masked.includes(id), 'the mask never holds the text it hides', id, masked);
        if (parseClientSessionId(id).ok) {
          must(masked === `${id.slice(0, 4)}…${id.slice(-4)}`, 'a session id shows its first and last four', id, masked);
          must(8 <= id.length / 2, 'at most half of a session id shows', id, masked);
        }
      }),
    );
  }, PROPERTY_TIMEOUT_MS);
});

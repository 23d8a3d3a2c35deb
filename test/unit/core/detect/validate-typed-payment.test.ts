import { describe, expect, it } from 'vitest';
import { validateTypedPayment } from '../../../../src/core/detect/validate-typed-payment.ts';

const PAY = '000000123410000595980000100001';

describe('validateTypedPayment', () => {
  const accepted: [string, string, string | number | undefined, object][] = [
    ['an id alone', PAY, undefined, { paymentId: PAY }],
    ['an id and an empty product', ` ${PAY} `, '  ', { paymentId: PAY }],
    ['Bancontact typed', PAY, '3012', { paymentId: PAY, productId: 3012 }],
    ['WeChat Pay as a number', PAY, 863, { paymentId: PAY, productId: 863 }],
    ['a Bancontact id of the other form, without a note', '2737860_0', '3012', { paymentId: '2737860_0', productId: 3012 }],
    ['an unusual id, with a note naming both forms', 'pay_123', undefined, { paymentId: 'pay_123', note: expect.stringMatching(/usually 30 digits .* or a number and an attempt \(2737860_0\)/) }],
  ];
  it.each(accepted)('accepts %s', (_, id, product, value) => {
    expect(validateTypedPayment(id, product)).toEqual({ ok: true, value });
  });

  const refused: [string, string, string | number | undefined, string][] = [
    ['no id', '', '3012', 'Enter a payment id: 30 digits (000000123410000595980000100001) or a number and an attempt (2737860_0).'],
    ['Visa', PAY, '1', 'Product 1 has no third-party status: only Bancontact (3012) and WeChat Pay (863) do.'],
    ['Apple Pay as a number', PAY, 302, 'Product 302 has no third-party status: only Bancontact (3012) and WeChat Pay (863) do.'],
    ['a product name', PAY, 'Bancontact', 'A product id is a whole number, like 3012 for Bancontact; "Bancontact" is not.'],
    ['a negative product', PAY, '-3012', 'A product id is a whole number, like 3012 for Bancontact; "-3012" is not.'],
    ['a fractional product', PAY, 3012.5, 'A product id is a whole number, like 3012 for Bancontact; "3012.5" is not.'],
    ['product zero', PAY, 0, 'A product id is a whole number, like 3012 for Bancontact; "0" is not.'],
  ];
  it.each(refused)('refuses %s', (_, id, product, reason) => {
    expect(validateTypedPayment(id, product)).toEqual({ ok: false, reason });
  });

  it('puts the id problem before the product problem', () => {
    expect(validateTypedPayment('1 2', '1')).toMatchObject({ ok: false, reason: expect.stringContaining('a space') });
  });
});

import { describe, expect, it } from 'vitest';
import { findCreatedPayment } from '../../../../src/core/detect/find-created-payment.ts';
import { responseText } from '../../../../src/core/detect/har-entry.ts';
import { harFixture } from './har-fixtures.ts';

const PAY = '000000123410000595980000100001';
const URL_ = 'https://shop.example/api/checkout/pay';
const AT = 1_760_433_180_000;
const action = { actionType: 'SHOW_FORM', showData: [{ key: 'QRCODE', value: 'iVBOR' }, { key: 'URLINTENT', value: 'BEPGenApp://DoTx?TransId=1' }] };
const payment = (output: object = {}) => ({ id: PAY, paymentOutput: output, status: 'PENDING_PAYMENT' });
const find = (body: unknown) => findCreatedPayment(typeof body === 'string' ? body : JSON.stringify(body), URL_, AT);

describe('findCreatedPayment on captured merchant answers', () => {
  it('finds the Bancontact payment nested in the merchant JSON', () => {
    const entry = harFixture('merchant-create-payment-bancontact');
    expect(findCreatedPayment(responseText(entry) ?? '', entry.request.url, 1)).toEqual({
      kind: 'payment',
      at: 1,
      paymentId: PAY,
      source: 'create-payment-response',
      productId: 3012,
      actionType: 'SHOW_FORM',
      showDataKeys: ['QRCODE', 'URLINTENT'],
      url: 'https://shop.example/api/checkout/pay',
    });
  });

  it('finds the WeChat Pay payment at the top and infers 863 from WECHAT_PAYMENTID', () => {
    const entry = harFixture('merchant-create-payment-wechat');
    expect(findCreatedPayment(responseText(entry) ?? '', entry.request.url, 1)).toMatchObject({
      paymentId: '000002000020142549460000100001',
      productId: 863,
      showDataKeys: ['WECHAT_PAYMENTID', 'QRCODE'],
    });
  });
});

describe('findCreatedPayment', () => {
  const found: [string, unknown, object][] = [
    ['the server answer as is', { creationOutput: {}, merchantAction: action, payment: payment() }, { paymentId: PAY, actionType: 'SHOW_FORM' }],
    ['one level down', { result: { payment: payment(), merchantAction: action } }, { paymentId: PAY }],
    ['two levels down', { data: { connect: { payment: payment(), merchantAction: action } } }, { paymentId: PAY }],
    ['inside an array', { results: [{ payment: payment(), merchantAction: action }] }, { paymentId: PAY }],
    [
      'a card product',
      { payment: payment({ cardPaymentMethodSpecificOutput: { paymentProductId: 3012 } }), merchantAction: action },
      { productId: 3012 },
    ],
    [
      'a redirect product',
      { payment: payment({ redirectPaymentMethodSpecificOutput: { paymentProductId: 809 } }), merchantAction: { actionType: 'REDIRECT' } },
      { productId: 809, actionType: 'REDIRECT' },
    ],
    [
      'a product id a wrapper turned into a string',
      { payment: payment({ cardPaymentMethodSpecificOutput: { paymentProductId: '3012' } }), merchantAction: action },
      { productId: 3012 },
    ],
    [
      'WeChat Pay through thirdPartyData',
      { payment: payment(), merchantAction: { actionType: 'CALL_THIRD_PARTY', thirdPartyData: { paymentProduct863: { appId: 'wx1' } } } },
      { productId: 863, actionType: 'CALL_THIRD_PARTY' },
    ],
    ['a merchantAction without showData', { payment: payment(), merchantAction: { actionType: 'REDIRECT' } }, { actionType: 'REDIRECT' }],
    [
      'showData entries that are odd',
      { payment: payment(), merchantAction: { actionType: 'SHOW_FORM', showData: [{ key: 'QRCODE' }, 7, { value: 'x' }, { key: 'K'.repeat(65) }] } },
      { showDataKeys: ['QRCODE'] },
    ],
    ['an actionType of the wrong type', { payment: payment(), merchantAction: { actionType: 5, showData: [{ key: 'QRCODE' }] } }, { showDataKeys: ['QRCODE'] }],
    ['a payment id with spaces around it', { payment: { id: ` ${PAY} ` }, merchantAction: action }, { paymentId: PAY }],
    // Keys as JSON may spell them: the look at the text before the parse must not miss an escaped one.
    ['a key spelled with an escape', `{"payment":{"id":"${PAY}"},"merchant\\u0041ction":{"actionType":"REDIRECT"}}`, { actionType: 'REDIRECT' }],
    ['every letter of the key escaped', `{"payment":{"id":"${PAY}"},${JSON.stringify('merchantAction').replace(/[a-z]/gi, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}:{}}`, { paymentId: PAY }],
  ];
  it.each(found)('finds %s', (_, body, expected) => {
    expect(find(body)).toMatchObject({ kind: 'payment', source: 'create-payment-response', at: AT, url: URL_, ...expected });
  });

  it('leaves the product out when nothing names it', () => {
    expect(find({ payment: payment(), merchantAction: action })).not.toHaveProperty('productId');
  });

  it('leaves the actionType out when it is not text', () => {
    expect(find({ payment: payment(), merchantAction: { actionType: 5 } })).not.toHaveProperty('actionType');
  });

  it('leaves a URL past the limit out', () => {
    const long = `https://shop.example/${'a'.repeat(5000)}`;
    expect(findCreatedPayment(JSON.stringify({ payment: payment(), merchantAction: action }), long, AT)).not.toHaveProperty('url');
  });

  const nothing: [string, unknown][] = [
    ['not JSON', '<html>'],
    ['empty', ''],
    ['JSON null', 'null'],
    ['a number', '42'],
    ['a payment without merchantAction (a get-payment answer)', { payment: payment() }],
    ['a merchantAction without payment', { merchantAction: action }],
    ['a payment without id', { payment: { status: 'PENDING_PAYMENT' }, merchantAction: action }],
    ['a numeric payment id (precision already lost)', { payment: { id: 123 }, merchantAction: action }],
    ['a payment id with a slash', { payment: { id: '1/2' }, merchantAction: action }],
    ['merchantAction as a string', { payment: payment(), merchantAction: 'SHOW_FORM' }],
    ['three levels down', { a: { b: { c: { payment: payment(), merchantAction: action } } } }],
    ['a body past the length cap', JSON.stringify({ payment: payment(), merchantAction: action, pad: 'x'.repeat(600 * 1024) })],
  ];
  it.each(nothing)('finds nothing in %s', (_, body) => {
    expect(find(body)).toBeNull();
  });

  it('stops looking after 64 keys of a level', () => {
    const wide: Record<string, unknown> = {};
    for (let i = 0; i < 70; i++) wide[`k${i}`] = i === 69 ? { payment: payment(), merchantAction: action } : i;
    expect(find(wide)).toBeNull();
    wide.k0 = { payment: payment(), merchantAction: action };
    expect(find(wide)).not.toBeNull();
  });
});

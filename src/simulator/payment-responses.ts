import { randomBytes } from 'node:crypto';
import type { SimulatorContext } from './context.ts';
import { phoneUrl } from './context.ts';
import type { PaymentRecord } from './payments.ts';
import { platformPaymentStatus } from './payments.ts';
import { bancontactFormFields } from './product-catalog.ts';
import { qrCodePng } from './qr-image.ts';
import { callsThirdParty, wechatThirdPartyData } from './wechat.ts';

/** `20240131235959`, the compact timestamp the platform uses in statusOutput. */
function compactTimestamp(at: number): string {
  return new Date(at).toISOString().replace(/\D/g, '').slice(0, 14);
}

/** The Server API `Payment` object (get payment, and `payment` in the create answer). */
export function paymentBody(payment: PaymentRecord) {
  const state = platformPaymentStatus(payment);
  const lastChange = payment.history.at(-1)?.at ?? payment.createdAt;
  return {
    id: payment.id,
    paymentOutput: {
      amountOfMoney: payment.amountOfMoney,
      amountPaid: state.status === 'CAPTURE_REQUESTED' ? payment.amountOfMoney.amount : 0,
      references: {
        ...(payment.merchantReference === undefined ? {} : { merchantReference: payment.merchantReference }),
        paymentReference: '0',
      },
      ...(payment.productId === 863
        ? { paymentMethod: 'redirect', redirectPaymentMethodSpecificOutput: { paymentProductId: 863 } }
        : { paymentMethod: 'card', cardPaymentMethodSpecificOutput: { paymentProductId: payment.productId, card: {} } }),
    },
    status: state.status,
    statusOutput: {
      isCancellable: state.isCancellable,
      isRetriable: false,
      statusCategory: state.statusCategory,
      statusCode: state.statusCode,
      statusCodeChangeDateTime: compactTimestamp(lastChange),
      isAuthorized: state.isAuthorized,
      isRefundable: false,
    },
  };
}

/**
 * The Bancontact transaction reference, shaped like the example's `1example.com*P-2737860$7OLI…`:
 * the host, the payment's number and 26 random base-32 characters.
 */
function bancontactTransId(context: SimulatorContext, payment: PaymentRecord): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const random = [...randomBytes(26)].map((byte) => alphabet[byte % 32]).join('');
  return `1${new URL(context.baseUrl()).hostname}*P-${payment.id.split('_')[0] ?? payment.id}$${random}`;
}

/**
 * Bancontact as Worldline's Swift example shows it: SHOW_FORM with the card fields, a RETURNMAC,
 * the rendering data, the app's own `BEPGenApp://` intent (its Callback is the simulator's phone
 * page, standing in for the platform's redirector) and a QR code of `BEP://DoTx?TransId=…`, which
 * is what the example's QR code holds.
 */
function bancontactCreateBody(context: SimulatorContext, payment: PaymentRecord) {
  const transId = bancontactTransId(context, payment);
  const redirectData = { RETURNMAC: payment.returnMac };
  const formFields = bancontactFormFields();
  const showData = [
    {
      key: 'URLINTENT',
      value: `BEPGenApp://DoTx?TransId=${transId}&Callback=${encodeURIComponent(phoneUrl(context, payment.id))}`,
    },
    { key: 'QRCODE', value: qrCodePng(`BEP://DoTx?TransId=${transId}`).toString('base64') },
  ];
  const body = paymentBody(payment);
  // What the platform's own pages render from: the payment and the action, base64 JSON.
  const renderingData = Buffer.from(
    JSON.stringify({
      createdPaymentOutput: {
        payment: { id: payment.id, status: body.status },
        merchantAction: { actionType: 'SHOW_FORM', formFields, redirectData, showData },
      },
      partialPaymentInput: {
        amount: payment.amountOfMoney.amount,
        currencyCode: payment.amountOfMoney.currencyCode,
        isRecurring: false,
        merchantId: payment.merchantId,
        paymentProductId: payment.productId,
      },
    }),
  ).toString('base64');
  return {
    creationOutput: {},
    merchantAction: { actionType: 'SHOW_FORM', formFields, redirectData, renderingData, showData },
    payment: body,
  };
}

/**
 * WeChat Pay by integration type: a QR code (`weixin://wxpay/bizpayurl?pr=…`, WeChat's native-pay
 * link), or a URL intent (the phone page stands in for WeChat's page), or, for the app, the JS API
 * and mini programs, CALL_THIRD_PARTY with the parameters to pay with. `WECHAT_PAYMENTID` always.
 */
function wechatCreateBody(context: SimulatorContext, payment: PaymentRecord) {
  const type = payment.integrationType ?? 'desktopQRCode';
  const wechatId = { key: 'WECHAT_PAYMENTID', value: `wx${payment.id.replace(/\D/g, '').slice(-20)}` };
  const creationOutput = { additionalReference: payment.id.slice(0, 20), externalReference: payment.id };
  if (callsThirdParty(type)) {
    return {
      creationOutput,
      merchantAction: {
        actionType: 'CALL_THIRD_PARTY',
        showData: [wechatId],
        thirdPartyData: { paymentProduct863: wechatThirdPartyData(type, payment.id, payment.createdAt) },
      },
      payment: paymentBody(payment),
    };
  }
  const shown =
    type === 'urlIntent'
      ? { key: 'URLINTENT', value: phoneUrl(context, payment.id) }
      : {
          key: 'QRCODE',
          value: qrCodePng(`weixin://wxpay/bizpayurl?pr=${randomBytes(6).toString('base64url')}`).toString('base64'),
        };
  return {
    creationOutput,
    merchantAction: { actionType: 'SHOW_FORM', showData: [wechatId, shown] },
    payment: paymentBody(payment),
  };
}

/** The Create Payment answer for a third-party product. */
export function createPaymentBody(context: SimulatorContext, payment: PaymentRecord) {
  return payment.productId === 3012 ? bancontactCreateBody(context, payment) : wechatCreateBody(context, payment);
}

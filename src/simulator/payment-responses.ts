import type { SimulatorContext } from './context.ts';
import { phoneUrl } from './context.ts';
import type { PaymentRecord } from './payments.ts';
import { platformPaymentStatus } from './payments.ts';
import { cardFields } from './product-catalog.ts';
import { qrLikePng } from './qr-image.ts';

/** `20240131235959`, the compact timestamp the platform uses in statusOutput. */
function compactTimestamp(at: number): string {
  return new Date(at).toISOString().replace(/\D/g, '').slice(0, 14);
}

/** The Server API `Payment` object (get payment, and `payment` in the create answer). */
export function paymentBody(payment: PaymentRecord) {
  const state = platformPaymentStatus(payment);
  const lastChange = payment.history.at(-1)?.at ?? payment.createdAt;
  const specificOutput = { paymentProductId: payment.productId };
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
        ? { paymentMethod: 'redirect', redirectPaymentMethodSpecificOutput: specificOutput }
        : { paymentMethod: 'card', cardPaymentMethodSpecificOutput: specificOutput }),
    },
    status: state.status,
    statusOutput: {
      isCancellable: state.statusCategory === 'PENDING_PAYMENT',
      isRetriable: false,
      statusCategory: state.statusCategory,
      statusCode: state.statusCode,
      statusCodeChangeDateTime: compactTimestamp(lastChange),
      isAuthorized: state.isAuthorized,
      isRefundable: false,
    },
  };
}

function showData(context: SimulatorContext, payment: PaymentRecord) {
  const qr = { key: 'QRCODE', value: qrLikePng(`${payment.id}:${payment.productId}`).toString('base64') };
  const intent = { key: 'URLINTENT', value: phoneUrl(context, payment.id) };
  if (payment.productId === 3012) return [qr, intent];
  const wechatId = { key: 'WECHAT_PAYMENTID', value: `wx${payment.id.slice(-20)}` };
  if (payment.integrationType === 'desktopQRCode') return [wechatId, qr];
  if (payment.integrationType === 'urlIntent') return [wechatId, intent];
  return [wechatId, qr, intent];
}

/**
 * The Create Payment answer for a third-party product: SHOW_FORM with the QR code and the URL
 * intent; Bancontact also offers its card fields, for shoppers who would rather type them.
 */
export function createPaymentBody(context: SimulatorContext, payment: PaymentRecord) {
  return {
    creationOutput: { additionalReference: payment.id.slice(0, 20), externalReference: payment.id },
    merchantAction: {
      actionType: 'SHOW_FORM',
      ...(payment.productId === 3012 ? { formFields: cardFields() } : {}),
      showData: showData(context, payment),
    },
    payment: paymentBody(payment),
  };
}

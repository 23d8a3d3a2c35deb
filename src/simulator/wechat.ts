import { createHmac, randomBytes } from 'node:crypto';

/**
 * WeChat Pay's integration types, as Create Payment names them in
 * `redirectPaymentMethodSpecificInput.paymentProduct863SpecificInput.integrationType`.
 */
export const WECHAT_INTEGRATION_TYPES = ['desktopQRCode', 'urlIntent', 'nativeInApp', 'javaScriptAPI', 'miniProgram'] as const;
export type WechatIntegrationType = (typeof WECHAT_INTEGRATION_TYPES)[number];

/** The three that hand the app its signed parameters (`CALL_THIRD_PARTY`) instead of something to show. */
export function callsThirdParty(type: WechatIntegrationType): boolean {
  return type === 'nativeInApp' || type === 'javaScriptAPI' || type === 'miniProgram';
}

/** Paying inside WeChat (its browser or a mini program) names the payer by their WeChat openId. */
export function needsOpenId(type: WechatIntegrationType): boolean {
  return type === 'javaScriptAPI' || type === 'miniProgram';
}

const SIGNING_KEY = 'connect-simulator-wechat';

function alphanumeric(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * `thirdPartyData.paymentProduct863`: the fields connect-sdk-nodejs names
 * (`PaymentProduct863ThirdPartyData`), filled the way WeChat's own SDKs expect them. The app pays
 * with `Sign=WXPay`, the JS API and mini programs with `prepay_id=…`; the signature is the
 * simulator's own, since only the platform holds the merchant's WeChat key.
 */
export function wechatThirdPartyData(type: WechatIntegrationType, paymentId: string, at: number) {
  const prepayId = `wx${new Date(at).toISOString().replace(/\D/g, '').slice(0, 14)}${randomBytes(9).toString('hex')}`;
  const fields = {
    appId: `wx${createHmac('sha256', SIGNING_KEY).update('appId').digest('hex').slice(0, 16)}`,
    nonceStr: alphanumeric(32),
    packageSign: type === 'nativeInApp' ? 'Sign=WXPay' : `prepay_id=${prepayId}`,
    prepayId,
    signType: 'HMAC-SHA256',
    timeStamp: String(Math.floor(at / 1000)),
  };
  const signed = Object.entries({ ...fields, paymentId })
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join('&');
  return { ...fields, paySign: createHmac('sha256', SIGNING_KEY).update(signed).digest('hex').toUpperCase() };
}

import { init } from 'connect-sdk-nodejs';
import type { CreatePaymentRequest } from 'connect-sdk-nodejs/lib/v1/model/domain';
import type { MerchantConnectConfig } from './config.ts';

export type PassThrough = { status: number; body: unknown };

/** The order every demo payment is for: ten euros from a Belgian shopper. */
export function demoPaymentRequest(productId: number, encryptedCustomerInput: string | undefined, returnUrl: string): CreatePaymentRequest {
  const order = {
    amountOfMoney: { amount: 1000, currencyCode: 'EUR' },
    customer: { billingAddress: { countryCode: 'BE' }, locale: 'en_GB' },
    references: { merchantReference: `demo-${Date.now()}` },
  };
  // WeChat Pay is a redirect product; Bancontact (and anything else) goes in as a card product.
  const specific =
    productId === 863
      ? { redirectPaymentMethodSpecificInput: { paymentProductId: productId, returnUrl } }
      : { cardPaymentMethodSpecificInput: { paymentProductId: productId, returnUrl } };
  return { order, ...specific, ...(encryptedCustomerInput === undefined ? {} : { encryptedCustomerInput }) };
}

/**
 * The merchant's three Server API calls through the official SDK, answered as the platform
 * answered them (status and body), the way many merchants pass them on to their page.
 */
export function createConnectCalls(config: MerchantConnectConfig) {
  const client = init({
    host: config.host,
    scheme: config.scheme,
    port: config.port,
    apiKeyId: config.apiKeyId,
    secretApiKey: config.secretApiKey,
    integrator: config.integrator,
  });
  const passThrough = async (call: Promise<{ status: number; body: unknown }>): Promise<PassThrough> => {
    try {
      const response = await call;
      return { status: response.status, body: response.body };
    } catch (error) {
      // No answer, or one that is not JSON: the page gets a gateway error of the merchant's own.
      const message = error instanceof Error ? error.message : String(error);
      return { status: 502, body: { error: { code: 'CONNECT_UNREACHABLE', message } } };
    }
  };
  return {
    createSession: () => passThrough(client.v1.sessions.create(config.merchantId, {}, null)),
    createPayment: (request: CreatePaymentRequest) =>
      passThrough(client.v1.payments.create(config.merchantId, request, null)),
    getPayment: (paymentId: string) => passThrough(client.v1.payments.get(config.merchantId, paymentId, null)),
  };
}

import { z } from 'zod';
import { hasThirdPartyStatus } from '../core/connect/products.ts';
import type { ApiRequest } from './api-request.ts';
import { runAutoFlow } from './auto-flow.ts';
import type { SimulatorContext } from './context.ts';
import { decryptCustomerInput } from './encryption.ts';
import { PLATFORM_ERRORS, frontEndError, platformError } from './errors.ts';
import { verifyV1Hmac } from './hmac.ts';
import { parseJson } from './http-io.ts';
import { createPaymentBody, paymentBody } from './payment-responses.ts';
import { newReturnMac } from './ids.ts';
import { reply, type ApiReply } from './reply.ts';
import { WECHAT_INTEGRATION_TYPES, needsOpenId } from './wechat.ts';

const sessionRequestSchema = z.object({ tokens: z.array(z.string()).optional() }).loose();

const specificInputSchema = z.object({ paymentProductId: z.number().int().optional() }).loose();

const createPaymentSchema = z
  .object({
    order: z
      .object({
        amountOfMoney: z.object({ amount: z.number().int().min(0), currencyCode: z.string().length(3) }),
        references: z.object({ merchantReference: z.string().optional() }).loose().optional(),
      })
      .loose(),
    encryptedCustomerInput: z.string().optional(),
    redirectPaymentMethodSpecificInput: specificInputSchema
      .extend({
        paymentProduct863SpecificInput: z
          .object({ integrationType: z.enum(WECHAT_INTEGRATION_TYPES).optional(), openId: z.string().optional() })
          .loose()
          .optional(),
      })
      .optional(),
  })
  .loose();
type CreatePaymentRequest = z.infer<typeof createPaymentSchema>;

/** The product named by any `*PaymentMethodSpecificInput.paymentProductId`. */
function declaredProductId(body: CreatePaymentRequest): number | undefined {
  for (const [key, value] of Object.entries(body)) {
    if (!key.endsWith('PaymentMethodSpecificInput')) continue;
    const input = specificInputSchema.safeParse(value);
    if (input.success && input.data.paymentProductId !== undefined) return input.data.paymentProductId;
  }
  return undefined;
}

function createSession(context: SimulatorContext, merchantId: string, request: ApiRequest): ApiReply {
  const json = parseJson(request.body);
  const parsed = sessionRequestSchema.safeParse(json.ok ? json.value : null);
  if (!parsed.success) return platformError(PLATFORM_ERRORS.invalidRequest, { message: 'invalid session request' });
  const session = context.sessions.create(merchantId);
  const base = context.baseUrl();
  return reply(201, {
    assetUrl: `${base}/assets/`,
    clientApiUrl: `${base}/client`,
    clientSessionId: session.clientSessionId,
    customerId: session.customerId,
    // The simulator stores no tokens, so every token a merchant sends is unknown to it.
    invalidTokens: parsed.data.tokens ?? [],
    region: 'EU',
  });
}

function createPayment(context: SimulatorContext, merchantId: string, request: ApiRequest): ApiReply {
  const json = parseJson(request.body);
  const parsed = createPaymentSchema.safeParse(json.ok ? json.value : null);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // A body that is not an object lacks its first required property.
    const propertyName = issue && issue.path.length > 0 ? issue.path.join('.') : 'order';
    return platformError(PLATFORM_ERRORS.invalidRequest, { propertyName });
  }
  const body = parsed.data;
  let clientSessionId: string | null = null;
  let productId = declaredProductId(body);
  if (body.encryptedCustomerInput !== undefined) {
    const input = decryptCustomerInput(body.encryptedCustomerInput, context.encryptionKey);
    if (!input.ok) {
      return platformError(PLATFORM_ERRORS.invalidRequest, {
        message: 'encryptedCustomerInput cannot be decrypted',
        propertyName: 'encryptedCustomerInput',
      });
    }
    clientSessionId = input.value.clientSessionId;
    productId ??= input.value.paymentProductId;
  }
  if (productId === undefined || !hasThirdPartyStatus(productId)) {
    return platformError(PLATFORM_ERRORS.unsupportedProduct, {
      message: `SERVICE NOT ALLOWED FOR MERCHANT ${merchantId}, PAYMENTPRODUCTID ${productId ?? 'NONE'}`,
      propertyName: 'paymentProductId',
    });
  }
  const wechatInput = body.redirectPaymentMethodSpecificInput?.paymentProduct863SpecificInput;
  // The platform's default for WeChat Pay is assumed to be the desktop QR code.
  const integrationType = productId === 863 ? (wechatInput?.integrationType ?? 'desktopQRCode') : undefined;
  if (integrationType !== undefined && needsOpenId(integrationType) && !wechatInput?.openId) {
    const propertyName = 'redirectPaymentMethodSpecificInput.paymentProduct863SpecificInput.openId';
    return platformError(PLATFORM_ERRORS.invalidRequest, { message: `${propertyName} is required`, propertyName });
  }
  const payment = context.payments.create({
    id: context.nextPaymentId(productId),
    merchantId,
    productId,
    amountOfMoney: body.order.amountOfMoney,
    merchantReference: body.order.references?.merchantReference,
    integrationType,
    returnMac: newReturnMac(),
    clientSessionId,
  });
  if (context.flow === 'auto') runAutoFlow(context.payments, payment.id, context.autoFlowTimings, context.timers);
  return reply(201, createPaymentBody(context, payment), {
    Location: `${context.baseUrl()}/v1/${merchantId}/payments/${payment.id}`,
  });
}

const ROUTES = new Map([
  ['sessions', ['POST']],
  ['payments', ['POST']],
  ['payments/:id', ['GET']],
  ['payments/:id/thirdpartystatus', ['GET']],
]);

/**
 * `/v1/{merchantId}/…`: the front end routes first (an unknown path or method gets its HTML page),
 * then HMAC, like the platform, so an unsigned caller learns nothing about payments or sessions.
 */
export function handleServerApi(context: SimulatorContext, request: ApiRequest): ApiReply {
  const [, merchantId = '', resource = '', paymentId, action, ...rest] = request.url.pathname.split('/').slice(1);
  const route = `${resource}${paymentId === undefined ? '' : '/:id'}${action === undefined ? '' : `/${action}`}`;
  const methods = ROUTES.get(route);
  if (merchantId === '' || paymentId === '' || rest.length > 0 || !methods) return frontEndError(404);
  if (!methods.includes(request.method)) return frontEndError(405);

  const requestId = context.nextRequestId();
  const auth = verifyV1Hmac(
    { method: request.method, path: request.rawPath, headers: request.headers },
    context.credentials,
    context.now(),
  );
  if (!auth.ok) return platformError(PLATFORM_ERRORS.invalidAuthorization, { requestId });
  if (merchantId !== context.credentials.merchantId) {
    return platformError(PLATFORM_ERRORS.merchantNotAllowed, { requestId });
  }

  if (route === 'sessions') return createSession(context, merchantId, request);
  if (route === 'payments') return createPayment(context, merchantId, request);
  const payment = paymentId === undefined ? undefined : context.payments.get(paymentId);
  if (!payment || payment.merchantId !== merchantId) {
    return platformError(PLATFORM_ERRORS.unknownPayment, { requestId, propertyName: 'paymentId' });
  }
  return action === undefined
    ? reply(200, paymentBody(payment))
    : reply(200, { thirdPartyStatus: payment.thirdPartyStatus });
}

import type { ApiRequest } from './api-request.ts';
import type { SimulatorContext } from './context.ts';
import { PLATFORM_ERRORS, frontEndError, platformError } from './errors.ts';
import { firstValue } from './hmac.ts';
import { productDetails, productList } from './product-catalog.ts';
import { reply, type ApiReply } from './reply.ts';

const CLIENT_AUTHORIZATION = /^GCS v1Client:(\S+)$/;

/** The clientSessionId a request claims, before anything is checked. */
export function claimedClientSessionId(authorization: string | string[] | undefined): string | undefined {
  return CLIENT_AUTHORIZATION.exec(firstValue(authorization) ?? '')?.[1];
}

/** The Client API resources the simulator serves, each GET only; anything else is the front end's. */
const RESOURCES = [/^products$/, /^products\/\d+$/, /^crypto\/publickey$/, /^payments\/[^/]+\/thirdpartystatus$/];

/** `products` and `products/{id}` need the shopper's country and currency, as on the platform. */
const REQUIRED_PRODUCT_QUERY = ['countryCode', 'currencyCode'] as const;

/**
 * `/client/v1/{customerId}/…`: the front end routes first (an unknown path or method gets its HTML
 * page), then the session in `Authorization: GCS v1Client:` must be alive and belong to the
 * customer in the path; anything else is the platform's 403 9008.
 */
export function handleClientApi(context: SimulatorContext, request: ApiRequest): ApiReply {
  const [customerId = '', ...resource] = request.url.pathname.split('/').slice(3);
  const path = resource.join('/');
  if (customerId === '' || !RESOURCES.some((pattern) => pattern.test(path))) return frontEndError(404);
  if (request.method !== 'GET') return frontEndError(405);

  const requestId = context.nextRequestId();
  const clientSessionId = claimedClientSessionId(request.headers.authorization);
  if (clientSessionId === undefined) return platformError(PLATFORM_ERRORS.invalidAuthorization, { requestId });
  const session = context.sessions.authorize(clientSessionId, customerId);
  if (!session) return platformError(PLATFORM_ERRORS.sessionExpired, { requestId });

  if (path === 'crypto/publickey') {
    return reply(200, { keyId: context.encryptionKey.keyId, publicKey: context.encryptionKey.publicKey });
  }
  const paymentStatus = /^payments\/([^/]+)\/thirdpartystatus$/.exec(path);
  if (!paymentStatus) {
    const missing = REQUIRED_PRODUCT_QUERY.find((name) => !request.url.searchParams.get(name));
    if (missing !== undefined) {
      return platformError(PLATFORM_ERRORS.invalidRequest, { requestId, propertyName: missing, message: `${missing} is required` });
    }
    if (path === 'products') return reply(200, productList());
    const details = productDetails(Number(resource[1]), request.url.searchParams.get('forceBasicFlow') === 'true');
    return details
      ? reply(200, details)
      : platformError(PLATFORM_ERRORS.unknownProduct, { requestId, propertyName: 'productId' });
  }
  const payment = context.payments.get(paymentStatus[1] ?? '');
  if (!payment || payment.merchantId !== session.merchantId) {
    return platformError(PLATFORM_ERRORS.unknownPayment, { requestId, propertyName: 'paymentId' });
  }
  context.payments.linkSession(payment, session.clientSessionId);
  return reply(200, { thirdPartyStatus: payment.thirdPartyStatus });
}

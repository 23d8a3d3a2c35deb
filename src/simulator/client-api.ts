import type { ApiRequest } from './api-request.ts';
import type { SimulatorContext } from './context.ts';
import { PLATFORM_ERRORS, platformError } from './errors.ts';
import { firstValue } from './hmac.ts';
import { productDetails, productList } from './product-catalog.ts';
import { reply, type ApiReply } from './reply.ts';

const CLIENT_AUTHORIZATION = /^GCS v1Client:(\S+)$/;

/** The clientSessionId a request claims, before anything is checked. */
export function claimedClientSessionId(authorization: string | string[] | undefined): string | undefined {
  return CLIENT_AUTHORIZATION.exec(firstValue(authorization) ?? '')?.[1];
}

/**
 * `/client/v1/{customerId}/…`: the session in `Authorization: GCS v1Client:` must be alive and
 * belong to the customer in the path; anything else is the platform's 403 9008.
 */
export function handleClientApi(context: SimulatorContext, request: ApiRequest): ApiReply {
  const requestId = context.nextRequestId();
  const clientSessionId = claimedClientSessionId(request.headers.authorization);
  if (clientSessionId === undefined) return platformError(PLATFORM_ERRORS.invalidAuthorization, { requestId });

  const [customerId = '', ...resource] = request.url.pathname.split('/').slice(3);
  const session = context.sessions.authorize(clientSessionId, customerId);
  if (!session) return platformError(PLATFORM_ERRORS.sessionExpired, { requestId });

  const path = resource.join('/');
  const paymentStatus = /^payments\/([^/]+)\/thirdpartystatus$/.exec(path);
  const product = /^products\/(\d+)$/.exec(path);
  const known = path === 'products' || path === 'crypto/publickey' || paymentStatus !== null || product !== null;
  if (!known) return platformError(PLATFORM_ERRORS.unknownResource, { requestId });
  if (request.method !== 'GET') return platformError(PLATFORM_ERRORS.methodNotAllowed, { requestId });

  if (path === 'products') return reply(200, productList());
  if (path === 'crypto/publickey') {
    return reply(200, { keyId: context.encryptionKey.keyId, publicKey: context.encryptionKey.publicKey });
  }
  if (product) {
    const details = productDetails(Number(product[1]), request.url.searchParams.get('forceBasicFlow') === 'true');
    return details
      ? reply(200, details)
      : platformError(PLATFORM_ERRORS.unknownProduct, { requestId, propertyName: 'productId' });
  }
  const payment = context.payments.get(paymentStatus?.[1] ?? '');
  if (!payment || payment.merchantId !== session.merchantId) {
    return platformError(PLATFORM_ERRORS.unknownPayment, { requestId, propertyName: 'paymentId' });
  }
  context.payments.linkSession(payment, session.clientSessionId);
  return reply(200, { thirdPartyStatus: payment.thirdPartyStatus });
}

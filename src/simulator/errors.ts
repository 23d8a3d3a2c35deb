import { SESSION_EXPIRED_CODE, SESSION_EXPIRED_ID } from '../core/connect/error-response.ts';
import { newErrorId } from './ids.ts';
import { reply, type ApiReply } from './reply.ts';

type Category = 'CONNECT_PLATFORM_ERROR' | 'PAYMENT_PLATFORM_ERROR' | 'IO_ERROR';
export type ErrorSpec = { httpStatusCode: number; code: string; id: string; category: Category };

const connect = (httpStatusCode: number, code: string, id: string): ErrorSpec => ({
  httpStatusCode,
  code,
  id,
  category: 'CONNECT_PLATFORM_ERROR',
});

/**
 * Every JSON error the simulator answers with. 9008, 9002, 9999 and 20000000 are bodies seen from
 * the platform; the others are assumptions, listed as such in docs/simulator.md.
 */
export const PLATFORM_ERRORS = {
  sessionExpired: connect(403, SESSION_EXPIRED_CODE, SESSION_EXPIRED_ID),
  invalidAuthorization: connect(401, '9002', 'MISSING_OR_INVALID_AUTHORIZATION'),
  merchantNotAllowed: connect(403, '9007', 'ACCESS_TO_MERCHANT_NOT_ALLOWED'),
  unknownPayment: connect(404, '1002', 'UNKNOWN_PAYMENT_ID'),
  unknownProduct: connect(404, '1007', 'UNKNOWN_PRODUCT_ID'),
  unsupportedProduct: connect(400, '1100', 'SERVICE_NOT_ALLOWED'),
  invalidRequest: connect(400, '20000000', 'PARAMETER_NOT_FOUND_IN_REQUEST'),
  serverError: connect(500, '9999', 'UNKNOWN_SERVER_ERROR'),
  badGateway: connect(502, '9999', 'BAD_GATEWAY'),
  serviceUnavailable: connect(503, '9999', 'SERVICE_UNAVAILABLE'),
  tooManyRequests: connect(429, '9429', 'TOO_MANY_REQUESTS'),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorDetails = { message?: string; propertyName?: string; requestId?: string };

/**
 * The platform's error body: a fresh errorId and one entry naming code, id, category and status.
 * The 9008 the platform was seen sending has no requestId, so none is added to it.
 */
export function platformErrorBody(spec: ErrorSpec, details: ErrorDetails = {}) {
  const requestId = spec.code === SESSION_EXPIRED_CODE ? undefined : details.requestId;
  return {
    errorId: newErrorId(),
    errors: [
      {
        code: spec.code,
        id: spec.id,
        category: spec.category,
        message: details.message ?? spec.id,
        httpStatusCode: spec.httpStatusCode,
        ...(details.propertyName === undefined ? {} : { propertyName: details.propertyName }),
        ...(requestId === undefined ? {} : { requestId }),
      },
    ],
  };
}

export function platformError(
  spec: ErrorSpec,
  details: ErrorDetails = {},
  headers?: Record<string, string>,
): ApiReply {
  return reply(spec.httpStatusCode, platformErrorBody(spec, details), headers);
}

/**
 * What the platform's front end answers before any API code runs: an unknown path or a wrong
 * method gets a plain HTML page, not the JSON error body (connect-sdk-java's test resources).
 */
const FRONT_END_PAGES = { 404: 'Not Found', 405: 'Method Not Allowed' } as const;

export function frontEndError(status: keyof typeof FRONT_END_PAGES): ApiReply {
  const title = `${status} ${FRONT_END_PAGES[status]}`;
  const html = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
  return { status, body: html, html: true };
}

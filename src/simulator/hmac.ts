import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { fail, ok, type Result } from '../core/result.ts';
import { MAX_DATE_SKEW_MS, type Credentials } from './defaults.ts';

export type SignedRequest = {
  method: string;
  /** Path and query exactly as sent, e.g. `/v1/1234/payments?x=1`: the SDK signs the raw path. */
  path: string;
  headers: IncomingHttpHeaders;
};

/**
 * The string connect-sdk-nodejs hashes (lib/utils/authentication.js): method, content type, date,
 * every `X-GCS-*` header as `name:value` sorted by name, then the path, each ending in a newline.
 */
export function stringToSign(request: SignedRequest): string {
  const header = (name: string) => firstValue(request.headers[name]) ?? '';
  const gcsHeaders = Object.keys(request.headers)
    .filter((name) => name.toLowerCase().startsWith('x-gcs'))
    .map((name) => name.toLowerCase())
    .sort()
    .map((name) => `${name}:${header(name).trim()}\n`)
    .join('');
  return [
    request.method.toUpperCase(),
    header('content-type'),
    header('date'),
    `${gcsHeaders}${request.path}`,
    '',
  ].join('\n');
}

export function signV1Hmac(request: SignedRequest, secretApiKey: string): string {
  return createHmac('sha256', secretApiKey).update(stringToSign(request)).digest('base64');
}

/** `GCS v1HMAC:<apiKeyId>:<base64 signature>` */
const AUTHORIZATION = /^GCS v1HMAC:([^:]+):(\S+)$/;

/** Checks a Server API request the way the platform would; the reason is for the log, never the caller. */
export function verifyV1Hmac(
  request: SignedRequest,
  credentials: Credentials,
  now: number,
): Result<{ apiKeyId: string }> {
  const match = AUTHORIZATION.exec(firstValue(request.headers.authorization) ?? '');
  if (!match) return fail('missing or malformed Authorization header');
  const [, apiKeyId = '', signature = ''] = match;
  if (apiKeyId !== credentials.apiKeyId) return fail('unknown API key id');

  const date = Date.parse(firstValue(request.headers.date) ?? '');
  if (Number.isNaN(date)) return fail('missing or unreadable Date header');
  if (Math.abs(now - date) > MAX_DATE_SKEW_MS) return fail('Date header too far from now');

  const expected = Buffer.from(signV1Hmac(request, credentials.secretApiKey));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return fail('signature does not match');
  }
  return ok({ apiKeyId });
}

export function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

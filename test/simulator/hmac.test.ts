import { getV1HMACSignature } from 'connect-sdk-nodejs/lib/utils/authentication';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CREDENTIALS } from '../../src/simulator/defaults.ts';
import { signV1Hmac, verifyV1Hmac, type SignedRequest } from '../../src/simulator/hmac.ts';

const now = Date.parse('2025-05-01T10:00:00Z');
const date = new Date(now).toUTCString();

/** A request signed by connect-sdk-nodejs's own function, headers as Node receives them. */
function sdkSigned(overrides: Partial<{ path: string; date: string; key: string; secret: string }> = {}): SignedRequest {
  const path = overrides.path ?? '/v1/1234/payments/000000123410000595980000100001?x=1';
  const metaInfo = Buffer.from('{"sdkCreator":"Worldline"}').toString('base64');
  const signature = getV1HMACSignature(
    'GET',
    'application/json',
    overrides.date ?? date,
    [{ key: 'X-GCS-ServerMetaInfo', value: metaInfo }, { key: 'X-GCS-Idempotence-Key', value: 'abc' }],
    path,
    overrides.secret ?? DEFAULT_CREDENTIALS.secretApiKey,
  );
  return {
    method: 'GET',
    path,
    headers: {
      authorization: `GCS v1HMAC:${overrides.key ?? DEFAULT_CREDENTIALS.apiKeyId}:${signature}`,
      'content-type': 'application/json',
      date: overrides.date ?? date,
      'x-gcs-servermetainfo': metaInfo,
      'x-gcs-idempotence-key': 'abc',
    },
  };
}

describe('GCS v1HMAC verification', () => {
  it('accepts what the official SDK signs', () => {
    expect(verifyV1Hmac(sdkSigned(), DEFAULT_CREDENTIALS, now)).toEqual({ ok: true, value: { apiKeyId: 'sim-key' } });
  });

  it('signs exactly as the SDK does', () => {
    const request = sdkSigned();
    const signature = String(request.headers.authorization).split(':').at(-1);
    expect(signV1Hmac(request, DEFAULT_CREDENTIALS.secretApiKey)).toBe(signature);
  });

  it.each([
    ['another secret', { secret: 'wrong' }, 'signature does not match'],
    ['another key id', { key: 'other-key' }, 'unknown API key id'],
    ['a Date an hour off', { date: new Date(now - 3_600_000).toUTCString() }, 'Date header too far from now'],
    ['an unreadable Date', { date: 'yesterday' }, 'missing or unreadable Date header'],
  ])('refuses %s', (_label, overrides, reason) => {
    expect(verifyV1Hmac(sdkSigned(overrides), DEFAULT_CREDENTIALS, now)).toEqual({ ok: false, reason });
  });

  it('refuses a request whose path was changed after signing', () => {
    const request = { ...sdkSigned(), path: '/v1/1234/payments/000000123410000595980000100002?x=1' };
    expect(verifyV1Hmac(request, DEFAULT_CREDENTIALS, now)).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('refuses a missing or foreign Authorization header', () => {
    const request = sdkSigned();
    for (const authorization of [undefined, 'Bearer abc', 'GCS v1Client:0123']) {
      const result = verifyV1Hmac({ ...request, headers: { ...request.headers, authorization } }, DEFAULT_CREDENTIALS, now);
      expect(result.ok).toBe(false);
    }
  });
});

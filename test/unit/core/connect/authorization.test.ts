import { describe, expect, it } from 'vitest';
import { parseClientAuthorization } from '../../../../src/core/connect/authorization.ts';

const SID = '51d29012e6ce4b81afa6cc7551ef4e36';

describe('parseClientAuthorization', () => {
  const accepted: [string, string][] = [
    ['as the SDKs send it', `GCS v1Client:${SID}`],
    ['lower-case scheme', `gcs v1client:${SID}`],
    ['upper-case scheme', `GCS V1CLIENT:${SID}`],
    ['surrounding whitespace', `  GCS v1Client:${SID}\t`],
    ['several spaces after GCS', `GCS   v1Client:${SID}`],
    ['space around the colon', `GCS v1Client : ${SID}`],
  ];
  it.each(accepted)('accepts %s', (_, value) => {
    expect(parseClientAuthorization(value)).toEqual({ ok: true, value: SID });
  });

  it('keeps the id as sent, upper-case included', () => {
    expect(parseClientAuthorization('GCS v1Client:CCF8EE1015944AB09E053411E683B43F')).toEqual({
      ok: true,
      value: 'CCF8EE1015944AB09E053411E683B43F',
    });
  });

  const refused: [string, string | undefined, RegExp][] = [
    ['no header', undefined, /no Authorization/],
    ['a Server API signature', 'GCS v1HMAC:5e45c937b9db33ae:J5LjfSBvrQNhu7gG0gvifZt+IWNDReGCmHmBmcuhiJ4=', /v1HMAC/],
    ['a bearer token', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc', /not GCS v1Client/],
    ['basic auth', 'Basic dXNlcjpwYXNz', /not GCS v1Client/],
    ['no id', 'GCS v1Client:', /not GCS v1Client/],
    ['an id too short', 'GCS v1Client:abc123', /not a client session id/],
    ['an id with a slash', 'GCS v1Client:51d29012e6ce4b81/afa6cc7551ef4e36', /not a client session id/],
    ['two values', `GCS v1Client:${SID} GCS v1Client:${SID}`, /not GCS v1Client/],
    ['no space after GCS', `GCSv1Client:${SID}`, /not GCS v1Client/],
    ['huge', `GCS v1Client:${'a'.repeat(10_000)}`, /too long/],
  ];
  it.each(refused)('refuses %s', (_, value, reason) => {
    const result = parseClientAuthorization(value);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });
});

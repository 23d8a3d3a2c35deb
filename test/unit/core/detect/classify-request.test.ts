import { describe, expect, it } from 'vitest';
import { classifyRequest, explainRequest } from '../../../../src/core/detect/classify-request.ts';
import { clientApiCallSchema } from '../../../../src/core/detect/observation.ts';
import { harFixture } from './har-fixtures.ts';

const SID = '51d29012e6ce4b81afa6cc7551ef4e36';
const CUST = '9991-66bb4ae9335c4d11a350d39ddd9a3139';
const SANDBOX = 'https://ams1.sandbox.api-ingenico.com/client';
const PAY = '000000123410000595980000100001';
const V6 = { identifier: 'JavaScriptClientSDK/v6.0.6', name: 'JavaScriptClientSDK', version: '6.0.6', creator: 'Worldline Global Collect' };

/** Each captured-like entry and the facts expected from it. */
const calls: [string, object][] = [
  [
    'v6-products-query',
    {
      kind: 'client-api-call',
      at: Date.parse('2025-10-14T09:12:04.117Z'),
      method: 'GET',
      status: 200,
      durationMs: 187.4,
      clientSessionId: SID,
      customerId: CUST,
      clientApiUrl: SANDBOX,
      path: 'products',
      sdk: V6,
    },
  ],
  ['v6-rpp-publickey', { path: 'crypto/publickey', sdk: { ...V6, identifier: 'rpp-JavaScriptClientSDK/v6.0.6' } }],
  ['v6-thirdpartystatus-completed', { paymentId: PAY, thirdPartyStatus: 'COMPLETED', sdk: V6 }],
  [
    'v4-thirdpartystatus-waiting',
    {
      clientSessionId: 'ccf8ee1015944ab09e053411e683b43f',
      customerId: '11492-214bf4b4c1f64cd2a5cb2b2fbf4e4c2a',
      clientApiUrl: 'https://ams1.preprod.api-ingenico.com/client',
      paymentId: '000002000020142549460000100001',
      thirdPartyStatus: 'WAITING',
      sdk: { identifier: 'JavaScriptClientSDK/v4.0.4', name: 'JavaScriptClientSDK', version: '4.0.4', creator: 'Ingenico' },
    },
  ],
  [
    'android-thirdpartystatus-initialized',
    {
      thirdPartyStatus: 'INITIALIZED',
      sdk: { identifier: 'AndroidClientSDK/v7.0.4', name: 'AndroidClientSDK', version: '7.0.4', creator: 'Worldline Global Collect' },
    },
  ],
  [
    'swift-thirdpartystatus-authorized-uppercase-headers',
    {
      clientSessionId: SID,
      thirdPartyStatus: 'AUTHORIZED',
      sdk: { identifier: 'SwiftClientSDK/v7.0.0', name: 'SwiftClientSDK', version: '7.0.0', creator: 'Wordline Connect' },
    },
  ],
  ['thirdpartystatus-403-session-expired', { status: 403, paymentId: PAY, errorCodes: ['9008'] }],
  ['thirdpartystatus-failed-status-0', { status: 0, paymentId: PAY, durationMs: 30.6 }],
  ['malformed-meta-info', { path: 'products/3012', status: 200 }],
  ['prefixed-client-api', { clientApiUrl: 'https://pay.shop.example/connect-proxy/client', path: 'services/privacypolicy' }],
  [
    'online-payments-v2-dccrate',
    { method: 'POST', customerId: '1234-0d93d6a0e18443bd871c89ec6d38a873', path: 'services/dccrate', sdk: { name: 'OnlinePaymentsAndroidClientSDK' } },
  ],
  ['simulator-thirdpartystatus-waiting', { clientApiUrl: 'http://127.0.0.1:7321/client', thirdPartyStatus: 'WAITING' }],
];

const notCalls: [string, RegExp][] = [
  ['preflight-options', /CORS preflight/],
  ['server-api-hmac', /not a Client API path/],
  // A beacon (`_resourceType: ping`): decided before its path is looked at.
  ['non-connect-analytics', /loaded by the browser as ping: no script sends it/],
  ['client-authorization-without-client-path', /GCS v1Client Authorization, but the path is not/],
  ['client-path-without-authorization', /a Client API path, but no Authorization header/],
  ['merchant-create-payment-bancontact', /not a Client API path/],
];

describe('classifyRequest', () => {
  it.each(calls)('%s is a Client API call', (name, facts) => {
    const call = classifyRequest(harFixture(name), 'network');
    expect(call).toMatchObject({ source: 'network', ...facts });
    expect(clientApiCallSchema.safeParse(call).success).toBe(true);
  });

  it.each(notCalls)('%s is not a call', (name, reason) => {
    const entry = harFixture(name);
    expect(classifyRequest(entry)).toBeNull();
    const explained = explainRequest(entry);
    expect(!explained.ok && explained.reason).toMatch(reason);
  });

  it('keeps the full URL, query included', () => {
    expect(classifyRequest(harFixture('v6-products-query'))?.url).toContain('?countryCode=BE&');
  });

  it('takes the source from the caller', () => {
    expect(classifyRequest(harFixture('v6-products-query'), 'har-import')?.source).toBe('har-import');
  });

  it('has no sdk when the meta-info header is malformed', () => {
    expect(classifyRequest(harFixture('malformed-meta-info'))).not.toHaveProperty('sdk');
  });

  it('reads no status from a failed, an error or a non-status call', () => {
    for (const name of ['thirdpartystatus-failed-status-0', 'thirdpartystatus-403-session-expired', 'v6-products-query']) {
      expect(classifyRequest(harFixture(name))).not.toHaveProperty('thirdPartyStatus');
    }
  });
});

describe('classifyRequest on altered entries', () => {
  const base = harFixture('v6-thirdpartystatus-completed');
  const withText = (text: string | undefined, status = 200) => ({
    ...base,
    response: { ...base.response, status, content: { ...base.response.content, text } },
  });

  it.each([
    ['a body that is not JSON', '<html>oops</html>'],
    ['a body without thirdPartyStatus', '{"status":"WAITING"}'],
    ['a status that is not a string', '{"thirdPartyStatus":3}'],
    ['a status value far too long', JSON.stringify({ thirdPartyStatus: 'W'.repeat(65) })],
    ['no body captured', undefined],
  ])('a 200 with %s is a call without a status', (_, text) => {
    const call = classifyRequest(withText(text));
    expect(call).not.toBeNull();
    expect(call).not.toHaveProperty('thirdPartyStatus');
  });

  it('keeps an undocumented status value as sent', () => {
    expect(classifyRequest(withText('{"thirdPartyStatus":"CANCELLED"}'))?.thirdPartyStatus).toBe('CANCELLED');
  });

  it('keeps every error code of an error answer', () => {
    const body = JSON.stringify({ errorId: 'x', errors: [{ code: '1007', message: 'UNKNOWN_PRODUCT_ID' }, { code: '9999' }] });
    expect(classifyRequest(withText(body, 404))?.errorCodes).toEqual(['1007', '9999']);
  });

  it('reads a base64-encoded body as HAR allows', () => {
    const entry = withText('eyJ0aGlyZFBhcnR5U3RhdHVzIjoiV0FJVElORyJ9');
    const encoded = { ...entry, response: { ...entry.response, content: { ...entry.response.content, encoding: 'base64' } } };
    expect(classifyRequest(encoded)?.thirdPartyStatus).toBe('WAITING');
  });

  it('treats a lower-case method as its upper-case self', () => {
    const preflight = harFixture('preflight-options');
    expect(explainRequest({ ...preflight, request: { ...preflight.request, method: 'options' } }).ok).toBe(false);
    expect(classifyRequest({ ...base, request: { ...base.request, method: 'get' } })?.method).toBe('GET');
  });

  it('takes an unknown duration (-1) as 0', () => {
    expect(classifyRequest({ ...base, time: -1 })?.durationMs).toBe(0);
  });

  it('refuses a URL past the observation limit, with a reason', () => {
    const url = `${base.request.url}?pad=${'a'.repeat(4100)}`;
    const explained = explainRequest({ ...base, request: { ...base.request, url } });
    expect(!explained.ok && explained.reason).toBe('a URL longer than 4096 characters');
  });
});

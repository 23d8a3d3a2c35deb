import { describe, expect, it } from 'vitest';
import {
  buildPollRequest,
  classifyPollResponse,
  encodeClientMetaInfo,
  toPollResponse,
  type RawResponse,
} from '../../../../src/core/poll/poll-request.ts';
import { decodeMetaInfo } from '../../../../src/core/connect/meta-info.ts';
import { MAX_BODY_CHARS, type PollOutcome } from '../../../../src/core/timeline/poll-record.ts';

const NOW = Date.UTC(2025, 0, 15, 9, 0, 0);
const json = (status: number, value: unknown, headers: Record<string, string> = {}): RawResponse => ({
  status,
  headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
  bodyText: JSON.stringify(value),
});
const expiredBody = {
  errorId: '5f0e8d1c-1111',
  errors: [{ code: '9008', id: 'ACCESS_TO_CONSUMER_ID_NOT_ALLOWED', category: 'CONNECT_PLATFORM_ERROR', message: 'ACCESS_TO_CONSUMER_ID_NOT_ALLOWED', httpStatusCode: 403 }],
};
const html = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><script>alert(1)</script></body></html>';

describe('classifyPollResponse', () => {
  const table: [string, RawResponse, PollOutcome][] = [
    ['a documented status', json(200, { thirdPartyStatus: 'WAITING' }), { kind: 'status', status: 'WAITING' }],
    ['extra fields are fine', json(200, { thirdPartyStatus: 'COMPLETED', extra: 1 }), { kind: 'status', status: 'COMPLETED' }],
    ['an undocumented value', json(200, { thirdPartyStatus: 'waiting' }), { kind: 'unknown-status', value: 'waiting' }],
    ['JSON without the field', json(200, { status: 'WAITING' }), { kind: 'malformed', body: 'json', description: 'JSON without thirdPartyStatus' }],
    ['a non-string value', json(200, { thirdPartyStatus: 3 }), { kind: 'malformed', body: 'json', description: 'JSON without thirdPartyStatus' }],
    ['JSON null', json(200, null), { kind: 'malformed', body: 'json', description: 'JSON without thirdPartyStatus' }],
    ['cut-off JSON', { status: 200, headers: { 'Content-Type': 'application/json' }, bodyText: '{"thirdPartyStatus":"WAI' }, { kind: 'malformed', body: 'text', description: 'invalid JSON' }],
    ['an HTML page with 200', { status: 200, headers: { 'content-type': 'text/html' }, bodyText: html }, { kind: 'malformed', body: 'html', description: 'HTML page' }],
    ['HTML without a content type', { status: 200, headers: {}, bodyText: '  <html><body>hi</body></html>' }, { kind: 'malformed', body: 'html', description: 'HTML page' }],
    ['plain text', { status: 200, headers: {}, bodyText: 'OK' }, { kind: 'malformed', body: 'text', description: 'plain text' }],
    ['an empty 200', { status: 200, headers: {}, bodyText: '' }, { kind: 'malformed', body: 'empty', description: 'empty body' }],
    ['403 9008', json(403, expiredBody), {
      kind: 'session-expired',
      error: { errorId: '5f0e8d1c-1111', errors: [{ code: '9008', id: 'ACCESS_TO_CONSUMER_ID_NOT_ALLOWED', category: 'CONNECT_PLATFORM_ERROR', message: 'ACCESS_TO_CONSUMER_ID_NOT_ALLOWED' }] },
    }],
    ['403 with another code', json(403, { errorId: 'a', errors: [{ code: '9007' }] }), { kind: 'client-error', error: { errorId: 'a', errors: [{ code: '9007' }] }, body: 'json' }],
    ['403 with an HTML body', { status: 403, headers: { 'content-type': 'text/html' }, bodyText: html }, { kind: 'client-error', body: 'html' }],
    ['404 with the error shape', json(404, { errorId: 'b', errors: [{ code: '1002', id: 'UNKNOWN_PAYMENT_ID' }] }), { kind: 'not-found', error: { errorId: 'b', errors: [{ code: '1002', id: 'UNKNOWN_PAYMENT_ID' }] }, body: 'json' }],
    ['404 empty', { status: 404, headers: {}, bodyText: '' }, { kind: 'not-found', body: 'empty' }],
    ["the front end's HTML 404", { status: 404, headers: { 'content-type': 'text/html' }, bodyText: '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n</body>\r\n</html>\r\n' }, { kind: 'not-found', body: 'html' }],
    ['404 with JSON that is not the error shape', json(404, { message: 'no route' }), { kind: 'not-found', body: 'json' }],
    ["the front end's HTML 405", { status: 405, headers: { 'content-type': 'text/html' }, bodyText: '<html><head><title>405 Method Not Allowed</title></head></html>' }, { kind: 'client-error', body: 'html' }],
    ['429 with seconds', json(429, {}, { 'Retry-After': '3' }), { kind: 'rate-limited', retryAfterMs: 3000, body: 'json' }],
    ['429 with an HTTP date', { status: 429, headers: { 'retry-after': new Date(NOW + 30_000).toUTCString() }, bodyText: '' }, { kind: 'rate-limited', retryAfterMs: 30_000, body: 'empty' }],
    ['429 with nonsense', { status: 429, headers: { 'retry-after': 'soon' }, bodyText: 'slow down' }, { kind: 'rate-limited', body: 'text' }],
    ['500 with the error shape', json(500, { errorId: 'c', errors: [{ code: '9999', message: 'UNKNOWN_SERVER_ERROR' }] }), { kind: 'server-error', error: { errorId: 'c', errors: [{ code: '9999', message: 'UNKNOWN_SERVER_ERROR' }] }, body: 'json' }],
    ['502 HTML', { status: 502, headers: { 'content-type': 'text/html' }, bodyText: html }, { kind: 'server-error', body: 'html' }],
    ['503 text', { status: 503, headers: {}, bodyText: 'upstream connect error' }, { kind: 'server-error', body: 'text' }],
    ['504 empty', { status: 504, headers: {}, bodyText: '' }, { kind: 'server-error', body: 'empty' }],
    ['400', json(400, { errorId: 'd', errors: [{ code: '21000020' }] }), { kind: 'client-error', error: { errorId: 'd', errors: [{ code: '21000020' }] }, body: 'json' }],
    ['a 304', { status: 304, headers: {}, bodyText: '' }, { kind: 'malformed', body: 'empty', description: 'unexpected HTTP status 304' }],
    ['status 0', { status: 0, headers: {}, bodyText: '' }, { kind: 'malformed', body: 'empty', description: 'unexpected HTTP status 0' }],
  ];
  it.each(table)('%s', (_name, raw, expected) => {
    expect(classifyPollResponse(raw, NOW)).toEqual(expected);
  });

  it('does not parse a body past the cap', () => {
    const huge = `{"thirdPartyStatus":"WAITING","pad":"${'x'.repeat(MAX_BODY_CHARS)}"}`;
    expect(classifyPollResponse({ status: 200, headers: {}, bodyText: huge }, NOW)).toMatchObject({
      kind: 'malformed',
      description: expect.stringContaining('too large'),
    });
  });

  it('caps an undocumented value and keeps a long error list short', () => {
    const long = classifyPollResponse(json(200, { thirdPartyStatus: 'X'.repeat(5000) }), NOW);
    expect(long).toEqual({ kind: 'unknown-status', value: 'X'.repeat(256) });
    const many = classifyPollResponse(json(500, { errorId: 'e', errors: Array.from({ length: 40 }, (_, i) => ({ code: String(i) })) }), NOW);
    expect(many.kind === 'server-error' && many.error?.errors.length).toBe(16);
  });
});

describe('toPollResponse', () => {
  it('keeps a few headers and caps the body', () => {
    const response = toPollResponse({
      status: 200,
      headers: { 'Content-Type': 'text/html', 'Set-Cookie': 'a=b', 'Retry-After': '5', Date: 'Wed, 15 Jan 2025 09:00:00 GMT' },
      bodyText: 'y'.repeat(MAX_BODY_CHARS + 10),
    });
    expect(response.headers).toEqual({ 'content-type': 'text/html', 'retry-after': '5', date: 'Wed, 15 Jan 2025 09:00:00 GMT' });
    expect(response.bodyText).toHaveLength(MAX_BODY_CHARS);
    expect(response.bodyTruncated).toBe(true);
    expect(toPollResponse({ status: 200, headers: {}, bodyText: '{}' })).toEqual({ status: 200, headers: {}, bodyText: '{}' });
  });
});

describe('buildPollRequest', () => {
  const target = {
    clientApiUrl: 'https://eu.api-ingenico.com/client/',
    customerId: '9991-66bb4ae9335c4d11a350d39ddd9a3139',
    paymentId: '000000123410000595980000100001',
    clientSessionId: 'ccf8ee1015944ab09e053411e683b43f',
  };

  it('builds the SDK URL and headers', () => {
    const request = buildPollRequest(target, { toolVersion: '1.2.3', platformIdentifier: 'UA', screenSize: '1280x720' });
    expect(request.url).toBe(
      'https://eu.api-ingenico.com/client/v1/9991-66bb4ae9335c4d11a350d39ddd9a3139/payments/000000123410000595980000100001/thirdpartystatus',
    );
    expect(request.headers.Authorization).toBe('GCS v1Client:ccf8ee1015944ab09e053411e683b43f');
    expect(JSON.parse(atob(request.headers['X-GCS-ClientMetaInfo']!))).toEqual({
      sdkIdentifier: 'ConnectDevTools/v1.2.3',
      sdkCreator: 'Connect DevTools',
      platformIdentifier: 'UA',
      screenSize: '1280x720',
    });
  });

  it('writes a meta info header the detector reads back as this tool, not as a page SDK', () => {
    const request = buildPollRequest(target, { toolVersion: '1.2.3', platformIdentifier: 'UA' });
    const decoded = decodeMetaInfo(request.headers['X-GCS-ClientMetaInfo']);
    expect(decoded).toEqual({ ok: true, value: { sdkIdentifier: 'ConnectDevTools/v1.2.3', sdkCreator: 'Connect DevTools', platformIdentifier: 'UA' } });
  });

  it('encodes path segments so a hostile id cannot change the path', () => {
    const request = buildPollRequest({ ...target, paymentId: '../../products?x=1#' }, { toolVersion: '1', platformIdentifier: 'UA' });
    expect(request.url).toBe(
      'https://eu.api-ingenico.com/client/v1/9991-66bb4ae9335c4d11a350d39ddd9a3139/payments/..%2F..%2Fproducts%3Fx%3D1%23/thirdpartystatus',
    );
  });

  it('encodes meta info as UTF-8, where plain btoa would throw', () => {
    const encoded = encodeClientMetaInfo({ toolVersion: '1', platformIdentifier: 'Navigateur – ☃' });
    const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
    expect(JSON.parse(new TextDecoder().decode(bytes))).toMatchObject({ platformIdentifier: 'Navigateur – ☃' });
  });
});

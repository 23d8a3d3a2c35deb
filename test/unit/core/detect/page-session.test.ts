import { describe, expect, it } from 'vitest';
import { checkPageSession, checkPageSessions } from '../../../../src/core/detect/page-session.ts';

const SID = '51d29012e6ce4b81afa6cc7551ef4e36';
const CUST = '9991-66bb4ae9335c4d11a350d39ddd9a3139';
const reported = {
  global: 'connectsdk',
  clientSessionId: SID,
  customerId: CUST,
  clientApiUrl: 'https://ams1.sandbox.api-ingenico.com/client/v1',
  assetUrl: 'https://assets.pay1.sandbox.secured-by-ingenico.com/',
};

describe('checkPageSession', () => {
  it('keeps a session as the SDK holds it, with its clientApiUrl normalised to end in /client', () => {
    expect(checkPageSession(reported)).toEqual({
      ok: true,
      value: { ...reported, clientApiUrl: 'https://ams1.sandbox.api-ingenico.com/client' },
    });
    expect(checkPageSession({ ...reported, global: 'onlinepaymentssdk', clientApiUrl: 'https://payment.example' })).toMatchObject({
      ok: true,
      value: { global: 'onlinepaymentssdk', clientApiUrl: 'https://payment.example/client' },
    });
  });

  it('never keeps a time the page sent: the extension stamps the arrival', () => {
    const checked = checkPageSession({ ...reported, at: 4_102_444_800_000 });
    expect(checked.ok && checked.value).not.toHaveProperty('at');
  });

  it.each([
    ['not an object', 'hello', 'A page session is an object with global, clientSessionId, customerId, clientApiUrl and assetUrl.'],
    ['another global', { ...reported, global: 'Gcsdk' }, 'global is none of connectsdk, GCsdk and onlinepaymentssdk.'],
    ['a missing customerId', { ...reported, customerId: undefined }, 'customerId is missing or not text.'],
    ['a huge clientApiUrl', { ...reported, clientApiUrl: `https://h/${'a'.repeat(5000)}` }, 'clientApiUrl is longer than 4096 characters.'],
    [
      'a clientSessionId with a space',
      { ...reported, clientSessionId: `${SID} x` },
      'clientSessionId is not a client session id (16 to 128 letters, digits or dashes).',
    ],
    ['an empty clientSessionId', { ...reported, clientSessionId: '' }, 'clientSessionId is not a client session id'],
    ['a customerId with a slash', { ...reported, customerId: '9991/../x' }, 'customerId is not a customer id'],
    ['a clientApiUrl that is not http(s)', { ...reported, clientApiUrl: 'javascript:alert(1)' }, 'clientApiUrl cannot be used: not an http(s) URL.'],
    ['a clientApiUrl with another path', { ...reported, clientApiUrl: 'https://h/api/v9' }, 'clientApiUrl cannot be used: the path must be empty'],
    ['an empty clientApiUrl (a v3 region session)', { ...reported, clientApiUrl: '' }, 'clientApiUrl cannot be used'],
  ])('refuses %s, saying why', (_, raw, reason) => {
    const checked = checkPageSession(raw);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : checked.reason).toContain(reason);
  });

  it.each([
    ['empty', '', ''],
    ['an http URL', 'http://127.0.0.1:4010/assets/', 'http://127.0.0.1:4010/assets/'],
    ['a javascript: URL', 'javascript:alert(1)', ''],
    ['protocol-relative', '//assets.example/', ''],
    ['not a URL', 'assets', ''],
  ])('keeps an assetUrl that is %s only if it is http(s)', (_, assetUrl, kept) => {
    const checked = checkPageSession({ ...reported, assetUrl });
    expect(checked.ok && checked.value.assetUrl).toBe(kept);
  });
});

describe('checkPageSession: SDK generations', () => {
  it('keeps a GCsdk (v1–v2) session, whose apiBaseUrl ends in /client/v1', () => {
    expect(checkPageSession({ ...reported, global: 'GCsdk' })).toMatchObject({
      ok: true,
      value: { global: 'GCsdk', clientApiUrl: 'https://ams1.sandbox.api-ingenico.com/client' },
    });
  });

  it('resolves a protocol-relative clientApiUrl and assetUrl with the scheme of the frame that reported them', () => {
    const relative = { ...reported, clientApiUrl: '//ams1.sandbox.api-ingenico.com/client', assetUrl: '//assets.pay1.sandbox.secured-by-ingenico.com/' };
    expect(checkPageSession(relative, 'https://shop.example/checkout')).toMatchObject({
      ok: true,
      value: { clientApiUrl: 'https://ams1.sandbox.api-ingenico.com/client', assetUrl: 'https://assets.pay1.sandbox.secured-by-ingenico.com/' },
    });
    expect(checkPageSession(relative, 'http://127.0.0.1:4020/')).toMatchObject({
      ok: true,
      value: { clientApiUrl: 'http://ams1.sandbox.api-ingenico.com/client' },
    });
    // Without the frame's URL (or from a page that is not http(s)) there is no scheme to take.
    expect(checkPageSession(relative)).toMatchObject({ ok: false, reason: expect.stringContaining('protocol-relative') });
    expect(checkPageSession(relative, 'about:srcdoc').ok).toBe(false);
    expect(checkPageSessions([relative], 'https://shop.example/')).toMatchObject({ dropped: 0, sessions: [{ clientApiUrl: 'https://ams1.sandbox.api-ingenico.com/client' }] });
  });

  it('keeps hostedCheckout only when the hook says true', () => {
    expect(checkPageSession({ ...reported, hostedCheckout: true })).toMatchObject({ ok: true, value: { hostedCheckout: true } });
    for (const value of [false, 'yes', 1, undefined]) {
      const checked = checkPageSession({ ...reported, hostedCheckout: value });
      expect(checked.ok && checked.value).not.toHaveProperty('hostedCheckout');
    }
  });
});

describe('checkPageSessions', () => {
  it('keeps the good ones in order and counts the rest', () => {
    const other = { ...reported, clientSessionId: 'ccf8ee1015944ab09e053411e683b43f' };
    expect(checkPageSessions([reported, null, { ...reported, customerId: '' }, other])).toEqual({
      sessions: [
        { ...reported, clientApiUrl: 'https://ams1.sandbox.api-ingenico.com/client' },
        { ...other, clientApiUrl: 'https://ams1.sandbox.api-ingenico.com/client' },
      ],
      dropped: 2,
    });
    expect(checkPageSessions([])).toEqual({ sessions: [], dropped: 0 });
  });
});

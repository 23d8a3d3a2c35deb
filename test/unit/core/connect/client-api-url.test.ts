import { describe, expect, it } from 'vitest';
import {
  normaliseClientApiUrl,
  parseClientApiRequestUrl,
  resolveProtocolRelative,
  thirdPartyStatusUrl,
} from '../../../../src/core/connect/client-api-url.ts';

const CUST = '9991-66bb4ae9335c4d11a350d39ddd9a3139';
const PAY = '000000123410000595980000100001';

describe('parseClientApiRequestUrl', () => {
  const rows: [string, string, object][] = [
    [
      'a products call with its query',
      `https://ams1.sandbox.api-ingenico.com/client/v1/${CUST}/products?countryCode=BE&currencyCode=EUR&hide=fields`,
      { clientApiUrl: 'https://ams1.sandbox.api-ingenico.com/client', version: 'v1', customerId: CUST, path: 'products' },
    ],
    [
      'a thirdpartystatus call',
      `https://eu.api-ingenico.com/client/v1/${CUST}/payments/${PAY}/thirdpartystatus`,
      { clientApiUrl: 'https://eu.api-ingenico.com/client', path: `payments/${PAY}/thirdpartystatus`, paymentId: PAY },
    ],
    [
      'a v2 call (Online Payments)',
      'https://payment.example/client/v2/1234-0d93d6a0e18443bd871c89ec6d38a873/services/dccrate',
      { version: 'v2', customerId: '1234-0d93d6a0e18443bd871c89ec6d38a873', path: 'services/dccrate' },
    ],
    [
      'a prefix path before client/',
      `https://pay.shop.example/connect-proxy/client/v1/${CUST}/crypto/publickey`,
      { clientApiUrl: 'https://pay.shop.example/connect-proxy/client', path: 'crypto/publickey' },
    ],
    [
      'a port and a fragment',
      `http://127.0.0.1:7321/client/v1/${CUST}/products/3012#x`,
      { clientApiUrl: 'http://127.0.0.1:7321/client', path: 'products/3012' },
    ],
    [
      'a trailing slash',
      `https://eu.api-ingenico.com/client/v1/${CUST}/payments/${PAY}/thirdpartystatus/`,
      { path: `payments/${PAY}/thirdpartystatus`, paymentId: PAY },
    ],
    [
      'a percent-encoded payment id',
      `https://eu.api-ingenico.com/client/v1/${CUST}/payments/pay%5F1/thirdpartystatus`,
      { paymentId: 'pay_1', path: 'payments/pay%5F1/thirdpartystatus' },
    ],
    [
      'the double slash an SDK makes from a bare host ending in /',
      `https://eu.api-ingenico.com//client/v1/${CUST}/products`,
      { clientApiUrl: 'https://eu.api-ingenico.com//client', path: 'products' },
    ],
  ];
  it.each(rows)('reads %s', (_, url, expected) => {
    expect(parseClientApiRequestUrl(url)).toMatchObject(expected);
  });

  it('gives no paymentId for other payment paths', () => {
    const url = parseClientApiRequestUrl(`https://eu.api-ingenico.com/client/v1/${CUST}/payments/${PAY}`);
    expect(url).not.toBeNull();
    expect(url && 'paymentId' in url).toBe(false);
  });

  const notCalls: [string, string][] = [
    ['the Server API', `https://eu.api-ingenico.com/v1/1234/payments/${PAY}/thirdpartystatus`],
    ['no path after the customer id', `https://eu.api-ingenico.com/client/v1/${CUST}`],
    ['no customer id', 'https://eu.api-ingenico.com/client/v1/'],
    ['an unknown version', `https://eu.api-ingenico.com/client/v3/${CUST}/products`],
    ['upper-case Client', `https://eu.api-ingenico.com/Client/v1/${CUST}/products`],
    ['a malformed percent escape as customer id', 'https://eu.api-ingenico.com/client/v1/%E0%A4%A/products'],
    ['a customer id with a dot', 'https://eu.api-ingenico.com/client/v1/9991.66bb/products'],
    ['not a URL', 'client/v1/9991-66bb/products'],
    ['another scheme', `ws://eu.api-ingenico.com/client/v1/${CUST}/products`],
    ['a huge URL', `https://eu.api-ingenico.com/client/v1/${CUST}/products?${'a'.repeat(5000)}`],
    // No browser sends these: its URL parser removes them first, so no request it reports has one.
    ['a tab inside client', `https://eu.api-ingenico.com/cli\tent/v1/${CUST}/products`],
    ['a newline in the path', `https://eu.api-ingenico.com/client/v1/${CUST}/prod\nucts`],
    ['a carriage return in the query', `https://eu.api-ingenico.com/client/v1/${CUST}/products?a=\r1`],
  ];
  it.each(notCalls)('is null for %s', (_, url) => {
    expect(parseClientApiRequestUrl(url)).toBeNull();
  });
});

describe('normaliseClientApiUrl', () => {
  const rows: [string, string][] = [
    ['https://ams1.preprod.api-ingenico.com/client', 'https://ams1.preprod.api-ingenico.com/client'],
    ['https://ams1.preprod.api-ingenico.com', 'https://ams1.preprod.api-ingenico.com/client'],
    ['https://ams1.preprod.api-ingenico.com/', 'https://ams1.preprod.api-ingenico.com/client'],
    ['https://ams1.preprod.api-ingenico.com/client/v1', 'https://ams1.preprod.api-ingenico.com/client'],
    ['https://ams1.preprod.api-ingenico.com/client/v1/', 'https://ams1.preprod.api-ingenico.com/client'],
    ['https://AMS1.Preprod.api-ingenico.com:443/client', 'https://ams1.preprod.api-ingenico.com/client'],
    ['http://localhost:7321/client/v1', 'http://localhost:7321/client'],
    ['https://pay.shop.example/connect-proxy/client', 'https://pay.shop.example/connect-proxy/client'],
    [' https://eu.api-ingenico.com/client ', 'https://eu.api-ingenico.com/client'],
  ];
  it.each(rows)('normalises %s', (input, expected) => {
    expect(normaliseClientApiUrl(input)).toEqual({ ok: true, value: expected });
  });

  // SDK v3–v6 accept `//host/client`: the browser gives it the page's scheme.
  const protocolRelative: [string, string | undefined, string | RegExp][] = [
    ['//eu.api-ingenico.com/client', 'https://shop.example/checkout', 'https://eu.api-ingenico.com/client'],
    ['//eu.api-ingenico.com/client/v1', 'https://shop.example/', 'https://eu.api-ingenico.com/client'],
    ['//127.0.0.1:4010/client', 'http://127.0.0.1:4020/v3.html', 'http://127.0.0.1:4010/client'],
    ['//eu.api-ingenico.com', 'https://shop.example/', 'https://eu.api-ingenico.com/client'],
    ['//eu.api-ingenico.com/client', undefined, /protocol-relative/],
    ['//eu.api-ingenico.com/client', 'about:blank', /protocol-relative/],
    ['//eu.api-ingenico.com/client', 'chrome-extension://abc/panel.html', /protocol-relative/],
    ['//eu.api-ingenico.com/elsewhere', 'https://shop.example/', /must be empty/],
  ];
  it.each(protocolRelative)('resolves %s on the page %s', (input, pageUrl, expected) => {
    const result = normaliseClientApiUrl(input, pageUrl);
    if (typeof expected === 'string') expect(result).toEqual({ ok: true, value: expected });
    else expect(!result.ok && result.reason).toMatch(expected);
  });

  it('resolves nothing but a protocol-relative URL', () => {
    expect(resolveProtocolRelative('https://a.example/client', 'http://b.example/')).toEqual({ ok: true, value: 'https://a.example/client' });
    expect(resolveProtocolRelative('//a.example/client', 'http://b.example/')).toEqual({ ok: true, value: 'http://a.example/client' });
  });

  const refused: [string, RegExp][] = [
    ['https://eu.api-ingenico.com/api', /must be empty, \/client or \/client\/v1/],
    ['https://eu.api-ingenico.com/client/v1/9991-66bb', /must be empty/],
    ['https://eu.api-ingenico.com/myclient', /must be empty/],
    ['//eu.api-ingenico.com/client', /protocol-relative/],
    ['eu.api-ingenico.com/client', /not an http\(s\) URL/],
    ['ftp://eu.api-ingenico.com/client', /not an http\(s\) URL/],
    ['https://eu.api-ingenico.com/client?x=1', /no query/],
    ['', /not an http\(s\) URL/],
  ];
  it.each(refused)('refuses %j', (input, reason) => {
    const result = normaliseClientApiUrl(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });
});

describe('thirdPartyStatusUrl', () => {
  it('builds the URL the SDKs call', () => {
    expect(thirdPartyStatusUrl('https://ams1.sandbox.api-ingenico.com/client', CUST, PAY)).toBe(
      `https://ams1.sandbox.api-ingenico.com/client/v1/${CUST}/payments/${PAY}/thirdpartystatus`,
    );
  });

  it('encodes the path segments', () => {
    expect(thirdPartyStatusUrl('https://h/client', 'a/b', '1?x=#')).toBe('https://h/client/v1/a%2Fb/payments/1%3Fx%3D%23/thirdpartystatus');
  });

  it('does not double a trailing slash', () => {
    expect(thirdPartyStatusUrl('https://h/client/', CUST, PAY)).toBe(`https://h/client/v1/${CUST}/payments/${PAY}/thirdpartystatus`);
  });

  it('round-trips through parseClientApiRequestUrl', () => {
    const url = thirdPartyStatusUrl('https://pay.shop.example/proxy/client', CUST, PAY);
    expect(parseClientApiRequestUrl(url)).toEqual({
      clientApiUrl: 'https://pay.shop.example/proxy/client',
      version: 'v1',
      customerId: CUST,
      path: `payments/${PAY}/thirdpartystatus`,
      paymentId: PAY,
    });
  });
});

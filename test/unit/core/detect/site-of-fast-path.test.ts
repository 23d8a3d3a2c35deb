import { describe, expect, it } from 'vitest';
import { siteOf } from '../../../../src/core/detect/merchant-answer.ts';
import { siteOfBefore } from './merchant-answer-before.ts';

/**
 * `siteOf` reads a simple `http(s)://host[:port]…` without `new URL`; everything the URL parser
 * would rewrite or refuse must still go through it. Each case here is one where a reader of the
 * text alone would go wrong; the property test (test/unit/property/classification-prefilter.test.ts)
 * tries 10,000 generated URLs more.
 */
const CASES = [
  // The fast path proper.
  'https://www.shop.example/checkout',
  'https://api.shop.example:8443/payments',
  'http://localhost:3000/',
  'https://a.b.c.shop.example/?q=1#x',
  'https://pay.shop.co.uk/',
  'https://co.uk/',
  'https://shop.example',
  'https://shop.example?x',
  'https://shop.example#x',
  'https://shop.example./x',
  'https://-a.-b/',
  'https://a--b.example/',
  'https://a.com:/',
  'https://a.com:0080/',
  'https://a.com:65535/',
  'https://a.com/path@evil.example/',
  // Numbers: IPv4 in its many forms, rewritten or refused by the parser.
  'http://127.0.0.1:4010/client',
  'http://127.1/',
  'http://0x7f.1/',
  'http://a.0x1/',
  'http://a.1/',
  'http://1.2.3/',
  'http://010.0.0.1/',
  'http://256.256.256.256/',
  'http://4294967295/',
  'http://a.b.09/',
  // Punycode, checked by the parser.
  'https://xn--bcher-kva.example/',
  'https://a.xn--/',
  'https://xn--a.com/',
  // Ports past 65535, or not numbers.
  'https://a.com:65536/',
  'https://a.com:99999/',
  'https://a.com:123456/',
  'https://a.com:x/',
  // What the parser trims, lowers, decodes or reads differently from the text.
  'HTTPS://Shop.Example/',
  'https://SHOP.example/',
  'https:shop.example/',
  'https:/shop.example/',
  'https:///shop.example/',
  'https:\\\\shop.example\\x',
  'https://shop.example\\x',
  ' https://shop.example/',
  'https://shop.example /',
  'https://sh\top.example/',
  'https://sh\nop.example/',
  'https://user@shop.example/',
  'https://user:pass@shop.example/',
  'https://shop%2eexample/',
  'https://bücher.example/',
  'https://a..b/',
  'https://.a.b/',
  'https://a.b../',
  'https://[::1]:4020/',
  'https://shop_example.com/',
  'https:// /',
  'https://',
  'http://',
  'ftp://shop.example/',
  '//shop.example/',
  'not a url',
  '',
];

describe('siteOf without the URL parser for simple URLs', () => {
  it.each(CASES)('%j has the site it had before', (url) => {
    expect(siteOf(url)).toBe(siteOfBefore(url));
  });

  it('still gives no site past 8192 characters, simple or not', () => {
    const long = `https://shop.example/${'x'.repeat(8192)}`;
    expect(siteOf(long)).toBeUndefined();
    expect(siteOfBefore(long)).toBeUndefined();
  });
});

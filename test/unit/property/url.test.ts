import fc from 'fast-check';
import { describe, it } from 'vitest';
import { normaliseClientApiUrl, parseClientApiRequestUrl, thirdPartyStatusUrl } from '../../../src/core/connect/client-api-url.ts';
import { guessEnvironment, isHostedCheckoutHost } from '../../../src/core/connect/environment.ts';
import { CUSTOMER_ID } from '../../../src/core/connect/ids.ts';
import { siteOf } from '../../../src/core/detect/merchant-answer.ts';
import { originOf } from '../../../src/core/url-origin.ts';
import { clientApiBase, clientApiRequestUrl, customerId, goodClientApiBase, pageUrl, paymentId } from './connect-values.ts';
import { hostileText, longText } from './hostile-values.ts';
import { checkProperty, PROPERTY_TIMEOUT_MS, must, mustBeResult } from './property-run.ts';

/** URLs of every kind, and a few of the lengths the readers cut at (4096, 8192). */
const anyUrl = fc.oneof(
  { arbitrary: clientApiRequestUrl, weight: 5 },
  { arbitrary: clientApiBase, weight: 3 },
  { arbitrary: pageUrl, weight: 3 },
  { arbitrary: hostileText, weight: 1 },
  {
    arbitrary: fc
      .tuple(clientApiRequestUrl, fc.constantFrom(4096, 8192), fc.integer({ min: -2, max: 2 }))
      .map(([url, limit, off]) => `${url}?pad=${'x'.repeat(Math.max(0, limit + off - url.length - 5))}`),
    weight: 1,
  },
  { arbitrary: longText(9_000, 20_000).map((tail) => `https://shop.example/${tail}`), weight: 1 },
);

const frameUrl = fc.option(fc.oneof(fc.constantFrom('https://shop.example/checkout', 'http://127.0.0.1:4020/', 'about:blank', 'data:text/html,x'), pageUrl), { nil: undefined });

const ENVIRONMENTS = ['sandbox', 'pre-production', 'production', 'simulator', 'unknown'];

/** `client/v1/{customerId}/` in a path: the Client API reader takes the first one it finds. */
const CLIENT_API_PATH = /(^|\/)client\/v[12]\/[^/]+\//;

describe('URLs', () => {
  it('reads any text as a Client API request, a clientApiUrl, an origin and a site, or refuses it', () => {
    checkProperty(
      fc.property(anyUrl, frameUrl, (url, frame) => {
        const origin = originOf(url);
        if (origin !== undefined) {
          must(/^https?:\/\//.test(origin) && new URL(origin).origin === origin, 'an origin is an http(s) origin, as the URL parser writes it', url, origin);
        }

        const request = parseClientApiRequestUrl(url);
        if (request !== null) {
          must(url.length <= 4096, 'a URL past 4096 characters is not read', url.length);
          must(origin !== undefined && request.clientApiUrl.startsWith(`${origin}/`), 'the clientApiUrl keeps the origin of the call', url, request);
          must(request.clientApiUrl.endsWith('/client'), 'the clientApiUrl ends in /client', request);
          must(request.version === 'v1' || request.version === 'v2', 'the version is v1 or v2', request);
          must(CUSTOMER_ID.test(request.customerId), 'the customer id passes the rule', request);
          must(!/[?#]/.test(request.path), 'the path has no query or fragment', request);
          if (request.paymentId !== undefined) {
            must(request.paymentId.length >= 1 && request.paymentId.length <= 256, 'a payment id of 1 to 256 characters', request);
            must(/^payments\/[^/]+\/thirdpartystatus$/.test(request.path), 'a payment id only from a thirdpartystatus path', request);
          }
        }

        const base = normaliseClientApiUrl(url, frame);
        mustBeResult(base);
        if (base.ok) {
          must(/^https?:\/\/[^?#]*client$/.test(base.value) && originOf(base.value) !== undefined, 'an http(s) URL ending in client, without query or fragment', url, base.value);
          must(/(^|\/)client$/.test(new URL(base.value).pathname), 'its path ends in the client segment', base.value);
          const again = normaliseClientApiUrl(base.value);
          must(again.ok && again.value === base.value, 'a normalised clientApiUrl stays as it is', base.value, again);
          if (!url.trim().startsWith('//')) must(originOf(base.value) === originOf(url.trim()), 'the origin is kept', url, base.value);
        }

        const site = siteOf(url);
        if (site !== undefined) {
          must(url.length <= 8192 && origin !== undefined, 'a site only for an http(s) URL within 8192 characters', url);
          must(/^https?:\/\/[^/?#:]+$|^https?:\/\/\[[0-9a-f:.]+\]$/.test(site), 'a site is a scheme and a host, no port or path', site);
          // A host with an empty label (`https://..`) is no real host; its "site" is not stable, and harmless.
          if (!new URL(url).hostname.split('.').slice(0, -1).includes('')) must(siteOf(site) === site, 'the site of a site is itself', url, site);
        }
        if (origin !== undefined && url.length <= 8192) must(siteOf(origin) === site, 'port and path never change the site', url, origin, site);

        must(ENVIRONMENTS.includes(guessEnvironment(url)), 'an environment from the list', url);
        must(typeof isHostedCheckoutHost(url) === 'boolean', 'a hosted checkout host or not', url);
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('reads back the thirdpartystatus URL the panel polls (round trip)', () => {
    checkProperty(
      fc.property(goodClientApiBase, customerId, paymentId, (raw, customer, payment) => {
        const base = normaliseClientApiUrl(raw);
        fc.pre(base.ok && !CLIENT_API_PATH.test(new URL(base.value).pathname.slice(1)));
        if (!base.ok) return;
        const url = thirdPartyStatusUrl(base.value, customer, payment);
        fc.pre(url.length <= 4096);
        const read = parseClientApiRequestUrl(url);
        must(
          read !== null &&
            read.clientApiUrl === base.value &&
            read.version === 'v1' &&
            read.customerId === customer &&
            read.paymentId === payment &&
            read.path === `payments/${payment}/thirdpartystatus`,
          'the poll URL reads back as the session, customer and payment it was built from',
          url,
          read,
        );
      }),
    );
  }, PROPERTY_TIMEOUT_MS);
});

import { describe, expect, it } from 'vitest';
import headers from '../../../fixtures/meta-info/headers.json' with { type: 'json' };
import {
  classifyPlatform,
  guessEnvironment,
  guessPlatform,
  isHostedCheckout,
  isHostedCheckoutHost,
  type Environment,
  type PlatformEvidence,
  type PlatformSign,
} from '../../../../src/core/connect/environment.ts';
import { decodeMetaInfo, toSdkIdentity } from '../../../../src/core/connect/meta-info.ts';
import type { SdkIdentity } from '../../../../src/core/detect/observation.ts';

describe('guessEnvironment', () => {
  const rows: [string, Environment][] = [
    ['https://ams1.sandbox.api-ingenico.com/client', 'sandbox'],
    ['https://par.sandbox.api-ingenico.com/client/v1', 'sandbox'],
    ['https://us.sandbox.api-ingenico.com/client/v1', 'sandbox'],
    ['https://eu.sandbox.api-ingenico.com', 'sandbox'],
    ['https://api-eu-sandbox.globalcollect.com/client/v1', 'sandbox'],
    ['https://assets.pay1.sandbox.secured-by-ingenico.com/', 'sandbox'],
    ['https://ams1.preprod.api-ingenico.com/client', 'pre-production'],
    ['https://us.preprod.api-ingenico.com/client/v1', 'pre-production'],
    ['https://par-preprod.api-ingenico.com/client/v1', 'pre-production'],
    ['https://api.preprod.connect.worldline-solutions.com', 'pre-production'],
    ['https://api-eu-preprod.globalcollect.com/client/v1', 'pre-production'],
    ['https://assets.pay1.preprod.poweredbyglobalcollect.com/', 'pre-production'],
    ['https://payment.pay1.preprod.secured-by-ingenico.com/', 'pre-production'],
    ['https://ams1.api-ingenico.com/client/v1', 'production'],
    ['https://ams2.api-ingenico.com/client/v1', 'production'],
    ['https://eu.api-ingenico.com/client', 'production'],
    ['https://api.connect.worldline-solutions.com', 'production'],
    ['https://api-eu.globalcollect.com/client/v1', 'production'],
    ['https://assets.pay1.secured-by-ingenico.com/', 'production'],
    ['https://payment.pay2.secured-by-ingenico.com/', 'production'],
    ['https://shop.checkout.worldline-solutions.com/', 'production'],
    // Online Payments (Direct) hosts.
    ['https://payment.direct.worldline-solutions.com/client', 'production'],
    ['https://payment.preprod.direct.worldline-solutions.com/client', 'pre-production'],
    ['https://payment.direct.ingenico.com/client', 'production'],
    ['https://payment.preprod.direct.ingenico.com/client', 'pre-production'],
    // Protocol-relative URLs are resolved before they get here; as they are, they say nothing.
    ['//ams1.sandbox.api-ingenico.com/client', 'unknown'],
    ['http://localhost:7321/client', 'simulator'],
    ['http://sim.localhost/client', 'simulator'],
    ['http://127.0.0.1:7321/client', 'simulator'],
    ['http://127.8.9.10/client', 'simulator'],
    ['http://[::1]:7321/client', 'simulator'],
    ['https://sandbox.shop.example/client', 'unknown'],
    ['https://api-ingenico.com.evil.example/client', 'unknown'],
    ['https://notapi-ingenico.com/client', 'unknown'],
    ['https://direct.worldline-solutions.com.evil.example/client', 'unknown'],
    ['http://128.0.0.1/client', 'unknown'],
    ['not a url', 'unknown'],
    ['', 'unknown'],
  ];
  it.each(rows)('%s is %s', (url, environment) => {
    expect(guessEnvironment(url)).toBe(environment);
  });
});

type Header = keyof typeof headers;
/** The identity a call with this real header gets, as live capture reads it. */
function identity(row: Header): SdkIdentity {
  const meta = decodeMetaInfo(headers[row].header);
  if (!meta.ok) throw new Error(`fixture ${row}: ${meta.reason}`);
  return toSdkIdentity(meta.value);
}

const CUSTOM_HOST = 'https://pay.shop.example/client';
const SIMULATOR = 'http://127.0.0.1:4010/client';

describe('classifyPlatform, from real meta-info headers and hosts', () => {
  const rows: [string, PlatformEvidence, ReturnType<typeof guessPlatform>, PlatformSign][] = [
    // Page globals come first: the page said which SDK it loaded.
    ['the connectsdk global', { global: 'connectsdk' }, 'connect', 'page-global'],
    ['the GCsdk global (v1–v2)', { global: 'GCsdk' }, 'connect', 'page-global'],
    ['the onlinepaymentssdk global', { global: 'onlinepaymentssdk' }, 'online-payments', 'page-global'],
    ['the global before the identity', { global: 'connectsdk', sdk: identity('online-payments-js-v3') }, 'connect', 'page-global'],
    // Connect SDKs, by their creator, wherever the Client API is.
    ['JS v2 (GCsdk era)', { sdk: identity('js-v2-gcsdk'), clientApiUrl: CUSTOM_HOST }, 'connect', 'sdk-creator'],
    ['JS v3', { sdk: identity('js-v3'), clientApiUrl: CUSTOM_HOST }, 'connect', 'sdk-creator'],
    ['JS v3 on a hosted checkout', { sdk: identity('js-v3-rpp'), clientApiUrl: CUSTOM_HOST }, 'connect', 'sdk-creator'],
    ['JS v4', { sdk: identity('js-v4-padded'), clientApiUrl: SIMULATOR }, 'connect', 'sdk-creator'],
    ['JS v6', { sdk: identity('js-v6'), clientApiUrl: CUSTOM_HOST }, 'connect', 'sdk-creator'],
    ['JS v6 on a hosted checkout', { sdk: identity('js-v6-rpp') }, 'connect', 'sdk-creator'],
    ['Swift 7 ("Wordline Connect")', { sdk: identity('swift-v7'), clientApiUrl: CUSTOM_HOST }, 'connect', 'sdk-creator'],
    ['Android 7, URL-safe header', { sdk: identity('android-v7-url-safe'), clientApiUrl: CUSTOM_HOST }, 'connect', 'sdk-creator'],
    // Online Payments, by each of its signs.
    ['Online Payments JS 3.6.2 (creator OnlinePayments)', { sdk: identity('online-payments-js-v3'), clientApiUrl: SIMULATOR }, 'online-payments', 'sdk-creator'],
    ['Online Payments Android', { sdk: identity('online-payments-android') }, 'online-payments', 'sdk-creator'],
    [
      'Online Payments Swift (same identifier as Connect)',
      { sdk: { identifier: 'SwiftClientSDK/v2.0.2', name: 'SwiftClientSDK', creator: 'Online Payments' } },
      'online-payments',
      'sdk-creator',
    ],
    ['an OnlinePayments SDK name without creator', { sdk: { identifier: 'OnlinePaymentsSdkClientJS/4.1.3', name: 'OnlinePaymentsSdkClientJS' } }, 'online-payments', 'sdk-name'],
    [
      'Online Payments JS v4 with an appIdentifier, on its host',
      { sdk: identity('online-payments-js-v4-app'), clientApiUrl: 'https://payment.direct.worldline-solutions.com/client' },
      'online-payments',
      'online-payments-host',
    ],
    [
      'Online Payments JS v4 with an empty creator, on its preprod host',
      { sdk: identity('online-payments-js-v4-empty'), clientApiUrl: 'https://payment.preprod.direct.worldline-solutions.com/client' },
      'online-payments',
      'online-payments-host',
    ],
    ['an ingenico.com Online Payments host', { clientApiUrl: 'https://payment.preprod.direct.ingenico.com/client' }, 'online-payments', 'online-payments-host'],
    ['a call under /client/v2/, anywhere', { calledV2: true, clientApiUrl: CUSTOM_HOST, sdk: identity('online-payments-js-v4-empty') }, 'online-payments', 'client-api-v2'],
    ['a /client/v2/ call beats a Connect-looking creator', { calledV2: true, sdk: identity('js-v4-padded') }, 'online-payments', 'client-api-v2'],
    // Online Payments v4 off its hosts looks like nothing: the creator is the merchant's word.
    ['Online Payments JS v4 with an appIdentifier, on a custom host', { sdk: identity('online-payments-js-v4-app'), clientApiUrl: CUSTOM_HOST }, 'unknown', 'none'],
    ['Online Payments JS v4 with an empty creator, on the simulator', { sdk: identity('online-payments-js-v4-empty'), clientApiUrl: SIMULATOR }, 'unknown', 'none'],
    // Connect's own hosts, when nothing else says.
    ['no meta info on a Connect sandbox host', { clientApiUrl: 'https://ams1.sandbox.api-ingenico.com/client' }, 'connect', 'connect-host'],
    ['no meta info on a hosted checkout host', { clientApiUrl: 'https://payment.pay1.secured-by-ingenico.com/client' }, 'connect', 'connect-host'],
    ['Online Payments v4 (empty creator) on a Connect host', { sdk: identity('online-payments-js-v4-empty'), clientApiUrl: 'https://eu.api-ingenico.com/client' }, 'connect', 'connect-host'],
    ['an identifier alone', { sdk: { identifier: 'JavaScriptClientSDK/v6.0.6', name: 'JavaScriptClientSDK' } }, 'unknown', 'none'],
    ['no meta info on the simulator', { clientApiUrl: SIMULATOR }, 'unknown', 'none'],
    ['an unreadable URL', { clientApiUrl: 'not a url' }, 'unknown', 'none'],
    ['nothing', {}, 'unknown', 'none'],
  ];
  it.each(rows)('%s', (_, from, platform, sign) => {
    expect(classifyPlatform(from)).toEqual({ platform, sign });
    expect(guessPlatform(from)).toBe(platform);
  });
});

describe('hosted checkout (MyCheckout, formerly RPP)', () => {
  const hosts: [string, boolean][] = [
    ['https://payment.pay1.secured-by-ingenico.com/checkout/1234/abc', true],
    ['https://payment.pay2.preprod.secured-by-ingenico.com/', true],
    ['https://payment.pay4.sandbox.secured-by-ingenico.com/', true],
    ['https://merchant.checkout.worldline-solutions.com/pay', true],
    ['https://payment.preprod.checkout.worldline-solutions.com/', true],
    ['https://checkout.worldline-solutions.com/', false],
    ['https://assets.pay1.secured-by-ingenico.com/', false],
    ['https://payment.payX.secured-by-ingenico.com/', false],
    ['https://payment.pay1.secured-by-ingenico.com.evil.example/', false],
    ['https://shop.example/checkout', false],
    ['not a url', false],
  ];
  it.each(hosts)('%s is a hosted checkout host: %s', (url, expected) => {
    expect(isHostedCheckoutHost(url)).toBe(expected);
  });

  const rows: [string, Parameters<typeof isHostedCheckout>[0], boolean][] = [
    ['an rpp- JS v6 identifier', { sdkIdentifiers: [identity('js-v6-rpp').identifier] }, true],
    ['an rpp- JS v3 identifier', { sdkIdentifiers: [identity('js-v3').identifier, identity('js-v3-rpp').identifier] }, true],
    ['document.GC.rppEnabledPage seen by the page hook', { rppEnabledPage: true }, true],
    ['a frame on a hosted checkout host', { pageUrls: ['https://shop.example/', 'https://payment.pay1.secured-by-ingenico.com/x'] }, true],
    ['a plain JS v6 identifier on a shop', { sdkIdentifiers: [identity('js-v6').identifier], pageUrls: ['https://shop.example/'] }, false],
    ['Online Payments 3.6.2', { sdkIdentifiers: [identity('online-payments-js-v3').identifier] }, false],
    ['"rpp-" anywhere but the start', { sdkIdentifiers: ['JavaScriptClientSDK/v6.0.6-rpp-'] }, false],
    ['nothing', {}, false],
  ];
  it.each(rows)('%s: %s', (_, from, expected) => {
    expect(isHostedCheckout(from)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { guessEnvironment, guessPlatform, type Environment } from '../../../../src/core/connect/environment.ts';

describe('guessEnvironment', () => {
  const rows: [string, Environment][] = [
    ['https://ams1.sandbox.api-ingenico.com/client', 'sandbox'],
    ['https://par.sandbox.api-ingenico.com/client/v1', 'sandbox'],
    ['https://eu.sandbox.api-ingenico.com', 'sandbox'],
    ['https://api-eu-sandbox.globalcollect.com/client/v1', 'sandbox'],
    ['https://assets.pay1.sandbox.secured-by-ingenico.com/', 'sandbox'],
    ['https://ams1.preprod.api-ingenico.com/client', 'pre-production'],
    ['https://par-preprod.api-ingenico.com/client/v1', 'pre-production'],
    ['https://api.preprod.connect.worldline-solutions.com', 'pre-production'],
    ['https://api-eu-preprod.globalcollect.com/client/v1', 'pre-production'],
    ['https://assets.pay1.preprod.poweredbyglobalcollect.com/', 'pre-production'],
    ['https://ams1.api-ingenico.com/client/v1', 'production'],
    ['https://eu.api-ingenico.com/client', 'production'],
    ['https://api.connect.worldline-solutions.com', 'production'],
    ['https://api-eu.globalcollect.com/client/v1', 'production'],
    ['https://assets.pay1.secured-by-ingenico.com/', 'production'],
    ['http://localhost:7321/client', 'simulator'],
    ['http://sim.localhost/client', 'simulator'],
    ['http://127.0.0.1:7321/client', 'simulator'],
    ['http://127.8.9.10/client', 'simulator'],
    ['http://[::1]:7321/client', 'simulator'],
    ['https://sandbox.shop.example/client', 'unknown'],
    ['https://api-ingenico.com.evil.example/client', 'unknown'],
    ['https://notapi-ingenico.com/client', 'unknown'],
    ['https://payment.preprod.direct.worldline-solutions.com/client', 'unknown'],
    ['http://128.0.0.1/client', 'unknown'],
    ['not a url', 'unknown'],
    ['', 'unknown'],
  ];
  it.each(rows)('%s is %s', (url, environment) => {
    expect(guessEnvironment(url)).toBe(environment);
  });
});

describe('guessPlatform', () => {
  const rows: [string, Parameters<typeof guessPlatform>[0], string][] = [
    ['the connectsdk global', { global: 'connectsdk' }, 'connect'],
    ['the onlinepaymentssdk global', { global: 'onlinepaymentssdk' }, 'online-payments'],
    [
      'the global before the identity',
      { global: 'connectsdk', sdk: { identifier: 'x', name: 'x', creator: 'OnlinePayments' } },
      'connect',
    ],
    ['JS v6', { sdk: { identifier: 'JavaScriptClientSDK/v6.0.6', name: 'JavaScriptClientSDK', creator: 'Worldline Global Collect' } }, 'connect'],
    ['JS v4', { sdk: { identifier: 'JavaScriptClientSDK/v4.0.4', name: 'JavaScriptClientSDK', creator: 'Ingenico' } }, 'connect'],
    ['Swift 7', { sdk: { identifier: 'SwiftClientSDK/v7.0.0', name: 'SwiftClientSDK', creator: 'Wordline Connect' } }, 'connect'],
    ['Online Payments Swift (same identifier)', { sdk: { identifier: 'SwiftClientSDK/v2.0.2', name: 'SwiftClientSDK', creator: 'Online Payments' } }, 'online-payments'],
    ['Online Payments Android', { sdk: { identifier: 'OnlinePaymentsAndroidClientSDK/v5.0.0', name: 'OnlinePaymentsAndroidClientSDK' } }, 'online-payments'],
    ['an identifier alone', { sdk: { identifier: 'JavaScriptClientSDK/v6.0.6', name: 'JavaScriptClientSDK' } }, 'unknown'],
    ['nothing', {}, 'unknown'],
  ];
  it.each(rows)('%s', (_, from, platform) => {
    expect(guessPlatform(from)).toBe(platform);
  });
});

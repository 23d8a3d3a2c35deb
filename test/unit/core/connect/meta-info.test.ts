import { describe, expect, it } from 'vitest';
import headers from '../../../fixtures/meta-info/headers.json' with { type: 'json' };
import { decodeMetaInfo, parseSdkIdentifier, toSdkIdentity } from '../../../../src/core/connect/meta-info.ts';

type Row = keyof typeof headers;
const header = (row: Row) => headers[row].header;

describe('decodeMetaInfo', () => {
  const decoded: [Row, Record<string, string | undefined>][] = [
    ['js-v6', { sdkIdentifier: 'JavaScriptClientSDK/v6.0.6', sdkCreator: 'Worldline Global Collect', screenSize: '1512x828' }],
    ['js-v6-rpp', { sdkIdentifier: 'rpp-JavaScriptClientSDK/v6.0.6', sdkCreator: 'Worldline Global Collect' }],
    ['js-v4-padded', { sdkIdentifier: 'JavaScriptClientSDK/v4.0.4', sdkCreator: 'Ingenico', screenSize: '800x600' }],
    ['js-v4-unpadded-length', { sdkIdentifier: 'JavaScriptClientSDK/v4.0.4', sdkCreator: 'Ingenico', screenSize: '1366x657' }],
    ['js-v2-gcsdk', { sdkIdentifier: 'JavaScriptClientSDK/v2.1.0', sdkCreator: 'Ingenico' }],
    ['js-v3', { sdkIdentifier: 'JavaScriptClientSDK/v3.5.0', sdkCreator: 'Ingenico', screenSize: '1366x657' }],
    ['js-v3-rpp', { sdkIdentifier: 'rpp-JavaScriptClientSDK/v3.5.0', sdkCreator: 'Ingenico' }],
    [
      'online-payments-js-v3',
      {
        sdkIdentifier: 'JavaScriptClientSDK/v3.6.2',
        sdkCreator: 'OnlinePayments',
        platformIdentifier: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:97.0) Gecko/20100101 Firefox/97.0',
      },
    ],
    ['online-payments-js-v4-app', { sdkIdentifier: 'JavaScriptClientSDK/v4.1.3', sdkCreator: 'MyShop checkout/2.3' }],
    ['online-payments-js-v4-empty', { sdkIdentifier: 'JavaScriptClientSDK/v4.1.3', sdkCreator: '' }],
    [
      'android-v7-url-safe',
      { sdkIdentifier: 'AndroidClientSDK/v7.0.4', appIdentifier: 'Bio’s Market/2.0', platformIdentifier: 'Android/14', deviceBrand: 'samsung' },
    ],
    ['swift-v7', { sdkIdentifier: 'SwiftClientSDK/v7.0.0', sdkCreator: 'Wordline Connect', platformIdentifier: 'iOS/17.5.1', appIdentifier: 'UNKNOWN' }],
    ['online-payments-android', { sdkIdentifier: 'OnlinePaymentsAndroidClientSDK/v5.0.0', sdkCreator: 'OnlinePayments' }],
    ['wrong-type-field', { sdkIdentifier: 'JavaScriptClientSDK/v6.0.6', screenSize: undefined }],
  ];
  it.each(decoded)('decodes %s', (row, expected) => {
    const result = decodeMetaInfo(header(row));
    expect(result).toMatchObject({ ok: true, value: expected });
  });

  it('reads the v6 user agent whole', () => {
    const result = decodeMetaInfo(header('js-v6'));
    expect(result.ok && result.value.platformIdentifier).toBe(
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36',
    );
  });

  it('splits each generation into name, version and creator', () => {
    const rows: [Row, object][] = [
      ['js-v2-gcsdk', { name: 'JavaScriptClientSDK', version: '2.1.0', creator: 'Ingenico' }],
      ['js-v3-rpp', { identifier: 'rpp-JavaScriptClientSDK/v3.5.0', name: 'JavaScriptClientSDK', version: '3.5.0' }],
      ['js-v4-padded', { name: 'JavaScriptClientSDK', version: '4.0.4', creator: 'Ingenico' }],
      ['js-v6', { name: 'JavaScriptClientSDK', version: '6.0.6', creator: 'Worldline Global Collect' }],
      ['swift-v7', { name: 'SwiftClientSDK', version: '7.0.0', creator: 'Wordline Connect' }],
      ['android-v7-url-safe', { name: 'AndroidClientSDK', version: '7.0.4', creator: 'Worldline Global Collect' }],
      ['online-payments-js-v3', { name: 'JavaScriptClientSDK', version: '3.6.2', creator: 'OnlinePayments' }],
      ['online-payments-js-v4-app', { name: 'JavaScriptClientSDK', version: '4.1.3', creator: 'MyShop checkout/2.3' }],
    ];
    for (const [row, expected] of rows) {
      const meta = decodeMetaInfo(header(row));
      expect(meta.ok && toSdkIdentity(meta.value), row).toMatchObject(expected);
    }
    // An empty creator (Online Payments v4 without appIdentifier) is no creator.
    const empty = decodeMetaInfo(header('online-payments-js-v4-empty'));
    expect(empty.ok && toSdkIdentity(empty.value)).not.toHaveProperty('creator');
  });

  it('the Online Payments v4 headers are URL-safe base64 without padding, as its Util writes them', () => {
    expect(header('online-payments-js-v4-app')).not.toMatch(/[+/=]/);
    expect(header('online-payments-js-v4-empty')).not.toMatch(/[+/=]/);
  });

  it('the Android header really is URL-safe and unpadded, and the v4 one padded', () => {
    expect(header('android-v7-url-safe')).toMatch(/[-_]/);
    expect(header('android-v7-url-safe')).not.toMatch(/=$/);
    expect(header('js-v4-padded')).toMatch(/=$/);
  });

  const refused: [string, string | undefined, RegExp][] = [
    ['no header', undefined, /no X-GCS-ClientMetaInfo/],
    ['empty', header('empty'), /empty/],
    ['not base64', header('not-base64'), /not base64/],
    ['impossible length', header('impossible-length'), /not base64/],
    ['base64 of text', header('base64-of-text'), /not JSON/],
    ['base64 of an array', header('base64-of-array'), /array, not an object/],
    ['base64 of null', header('base64-of-null'), /null, not an object/],
    ['no sdkIdentifier', header('no-sdk-identifier'), /sdkIdentifier/],
    ['huge', 'A'.repeat(100_000), /too long/],
    ['header value with spaces inside', 'eyJ zZGtJ', /not base64/],
  ];
  it.each(refused)('refuses %s with a reason', (_, value, reason) => {
    const result = decodeMetaInfo(value);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it('tolerates surrounding whitespace', () => {
    expect(decodeMetaInfo(`  ${header('js-v6')} `).ok).toBe(true);
  });
});

describe('parseSdkIdentifier', () => {
  const rows: [string, object][] = [
    ['JavaScriptClientSDK/v6.0.6', { name: 'JavaScriptClientSDK', version: '6.0.6', rpp: false }],
    ['rpp-JavaScriptClientSDK/v3.5.0', { name: 'JavaScriptClientSDK', version: '3.5.0', rpp: true }],
    ['JavaScriptClientSDK/v2.1.0', { name: 'JavaScriptClientSDK', version: '2.1.0', rpp: false }],
    ['rpp-JavaScriptClientSDK/v4.0.4', { identifier: 'rpp-JavaScriptClientSDK/v4.0.4', name: 'JavaScriptClientSDK', version: '4.0.4', rpp: true }],
    ['SwiftClientSDK/v7.0.0', { name: 'SwiftClientSDK', version: '7.0.0', rpp: false }],
    ['AndroidClientSDK/v7.0.4', { name: 'AndroidClientSDK', version: '7.0.4', rpp: false }],
    ['OnlinePaymentsSdkClientJS/4.1.3', { name: 'OnlinePaymentsSdkClientJS', version: '4.1.3' }],
    ['OnlinePaymentsAndroidClientSDK/v5.0.0', { name: 'OnlinePaymentsAndroidClientSDK', version: '5.0.0' }],
    ['JavaScriptClientSDK/v7.0.0-beta.1', { name: 'JavaScriptClientSDK', version: '7.0.0-beta.1' }],
    ['SomeSDK', { name: 'SomeSDK', rpp: false }],
  ];
  it.each(rows)('parses %s', (id, expected) => {
    const result = parseSdkIdentifier(id);
    expect(result).toMatchObject({ ok: true, value: expected });
  });

  it('has no version when none is sent', () => {
    const result = parseSdkIdentifier('SomeSDK');
    expect(result.ok && 'version' in result.value).toBe(false);
  });

  const garbage: [string, string][] = [
    ['empty', ''],
    ['a script tag', '<script>alert(1)</script>'],
    ['two slashes', 'JavaScriptClientSDK/v6/extra'],
    ['huge', 'A'.repeat(300)],
    ['version only', '/v6.0.6'],
  ];
  it.each(garbage)('refuses %s', (_, id) => {
    expect(parseSdkIdentifier(id).ok).toBe(false);
  });
});

describe('toSdkIdentity', () => {
  it('splits a known identifier and keeps the creator', () => {
    expect(toSdkIdentity({ sdkIdentifier: 'rpp-JavaScriptClientSDK/v6.0.6', sdkCreator: 'Worldline Global Collect' })).toEqual({
      identifier: 'rpp-JavaScriptClientSDK/v6.0.6',
      name: 'JavaScriptClientSDK',
      version: '6.0.6',
      creator: 'Worldline Global Collect',
    });
  });

  it('keeps an identifier of an unknown form whole as the name', () => {
    expect(toSdkIdentity({ sdkIdentifier: 'weird / thing' })).toEqual({ identifier: 'weird / thing', name: 'weird / thing' });
  });
});

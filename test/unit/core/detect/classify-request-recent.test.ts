import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeMetaInfo, toSdkIdentity } from '../../../../src/core/connect/meta-info.ts';
import { classifyRequest } from '../../../../src/core/detect/classify-request.ts';
import type { HarEntry } from '../../../../src/core/detect/har-entry.ts';
import { harFixture } from './har-fixtures.ts';

const captured = Object.values(
  JSON.parse(readFileSync(new URL('../../../fixtures/meta-info/headers.json', import.meta.url), 'utf8')) as Record<string, { header: string }>,
).map((h) => h.header);

/** More distinct headers than the classifier keeps decoded, broken ones and one longer than it keeps among them. */
const HEADERS = [
  ...captured,
  ...Array.from({ length: 10 }, (_, i) => btoa(JSON.stringify({ sdkIdentifier: `JavaScriptClientSDK/v6.0.${i}`, sdkCreator: 'Worldline Global Collect' }))),
  'not base64 !',
  btoa('[1,2]'),
  btoa(JSON.stringify({ sdkIdentifier: 'JavaScriptClientSDK/v6.0.6', platformIdentifier: 'x'.repeat(3000) })),
];

function withMetaInfo(entry: HarEntry, value: string): HarEntry {
  const headers = entry.request.headers.map((h) => (h.name.toLowerCase() === 'x-gcs-clientmetainfo' ? { ...h, value } : h));
  return { ...entry, request: { ...entry.request, headers } };
}

describe('classifyRequest keeps the last meta-info headers decoded', () => {
  const base = harFixture('v6-products-query');

  it('gives every call the SDK its own header names, however often and in whatever order headers come', () => {
    const order = [...HEADERS, ...HEADERS.slice().reverse(), ...HEADERS, HEADERS[0] ?? '', HEADERS[0] ?? ''];
    for (const header of order) {
      const decoded = decodeMetaInfo(header);
      const call = classifyRequest(withMetaInfo(base, header));
      expect(call?.sdk).toEqual(decoded.ok ? toSdkIdentity(decoded.value) : undefined);
    }
  });

  it('shares one frozen SDK identity between the calls of a header: changing one call cannot change another', () => {
    const header = HEADERS[0] ?? '';
    const first = classifyRequest(withMetaInfo(base, header));
    expect(Object.isFrozen(first?.sdk)).toBe(true);
    expect(() => {
      if (first?.sdk) first.sdk.name = 'changed';
    }).toThrow(TypeError);
    expect(classifyRequest(withMetaInfo(base, header))?.sdk?.name).toBe('JavaScriptClientSDK');
  });
});

describe('classifyRequest keeps the status of the last status answers read', () => {
  const base = harFixture('v6-thirdpartystatus-completed');
  const withBody = (text: string): HarEntry => ({ ...base, response: { ...base.response, content: { ...base.response.content, text, size: text.length } } });
  /** More distinct answers than are kept, odd ones and one longer than any kept, again and in another order. */
  const bodies = [
    ...['WAITING', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED', 'PENDING_PHONE', 'X', 'Y', 'Z', 'W'].map((s) => JSON.stringify({ thirdPartyStatus: s })),
    '{"thirdPartyStatus": 7}',
    'not json',
    `{"thirdPartyStatus":"WAITING"${' '.repeat(300)}}`,
    JSON.stringify({ thirdPartyStatus: 'S'.repeat(65) }),
  ];
  const expected = (text: string) => {
    try {
      const value = (JSON.parse(text) as { thirdPartyStatus?: unknown }).thirdPartyStatus;
      return typeof value === 'string' && value.length <= 64 ? value : undefined;
    } catch {
      return undefined;
    }
  };

  it('gives every answer its own status, however often and in whatever order answers come', () => {
    for (const text of [...bodies, ...bodies.slice().reverse(), bodies[0] ?? '', bodies[3] ?? '', bodies[0] ?? '']) {
      expect(classifyRequest(withBody(text))?.thirdPartyStatus, text.slice(0, 40)).toBe(expected(text));
    }
  });
});

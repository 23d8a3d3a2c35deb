import { describe, expect, it } from 'vitest';
import { headerValue, parseHarEntry, responseText } from '../../../../src/core/detect/har-entry.ts';
import { harFixture } from './har-fixtures.ts';

const minimal = (over: Record<string, unknown> = {}) => ({
  startedDateTime: '2025-10-14T09:12:04.117Z',
  time: 12,
  request: { method: 'GET', url: 'https://h/', headers: [] },
  response: { status: 200, headers: [], content: { mimeType: 'application/json', text: '{}' } },
  ...over,
});

describe('parseHarEntry', () => {
  it('accepts a Chrome entry and keeps the fields it does not read', () => {
    const entry = harFixture('v6-thirdpartystatus-completed');
    expect(entry.request.method).toBe('GET');
    expect((entry as Record<string, unknown>)._resourceType).toBe('fetch');
  });

  const refused: [string, unknown, RegExp][] = [
    ['null', null, /not a HAR entry/],
    ['an array', [], /not a HAR entry/],
    ['no request', { ...minimal(), request: undefined }, /request/],
    ['a date that is not one', minimal({ startedDateTime: 'yesterday' }), /startedDateTime: not a date/],
    ['a string status', minimal({ response: { status: '200', headers: [], content: { mimeType: '' } } }), /response\.status/],
    ['a huge URL', minimal({ request: { method: 'GET', url: `https://h/${'a'.repeat(9000)}`, headers: [] } }), /request\.url/],
    ['headers that are not a list', minimal({ request: { method: 'GET', url: 'https://h/', headers: { a: 'b' } } }), /headers/],
  ];
  it.each(refused)('refuses %s', (_, raw, reason) => {
    const result = parseHarEntry(raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it('drops an oversized body or header value instead of refusing the entry', () => {
    const result = parseHarEntry(
      minimal({
        request: { method: 'GET', url: 'https://h/', headers: [{ name: 'cookie', value: 'c'.repeat(40_000) }] },
        response: { status: 200, headers: [], content: { mimeType: 'text/html', text: 'x'.repeat(2 * 1024 * 1024) } },
      }),
    );
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.request.headers[0]?.value).toBe('');
    expect(result.ok && result.value.response.content.text).toBeUndefined();
  });

  it('takes a missing mimeType as empty', () => {
    const result = parseHarEntry(minimal({ response: { status: 0, headers: [], content: { size: 0 } } }));
    expect(result.ok && result.value.response.content.mimeType).toBe('');
  });
});

describe('headerValue', () => {
  const headers = [
    { name: 'Authorization', value: 'first' },
    { name: 'authorization', value: 'second' },
    { name: 'X-GCS-CLIENTMETAINFO', value: 'meta' },
  ];
  it.each([
    ['authorization', 'first'],
    ['AUTHORIZATION', 'first'],
    ['x-gcs-clientmetainfo', 'meta'],
    ['content-type', undefined],
  ])('finds %s', (name, value) => {
    expect(headerValue(headers, name)).toBe(value);
  });
});

describe('responseText', () => {
  const withContent = (content: object) => {
    const result = parseHarEntry(minimal({ response: { status: 200, headers: [], content } }));
    if (!result.ok) throw new Error(result.reason);
    return result.value;
  };
  it.each([
    ['plain text', { mimeType: 'application/json', text: '{"a":1}' }, '{"a":1}'],
    ['base64 text', { mimeType: 'application/json', text: 'eyJhIjoxfQ==', encoding: 'base64' }, '{"a":1}'],
    ['an empty encoding', { mimeType: 'application/json', text: '{"a":1}', encoding: '' }, '{"a":1}'],
    ['no text', { mimeType: 'application/json' }, undefined],
    ['an unknown encoding', { mimeType: 'application/json', text: 'x', encoding: 'gzip' }, undefined],
    ['broken base64', { mimeType: 'application/json', text: '%%%', encoding: 'base64' }, undefined],
  ])('reads %s', (_, content, text) => {
    expect(responseText(withContent(content))).toBe(text);
  });
});

import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildHarEntry, HAR_CAPS } from '../../../src/core/detect/har-entry-build.ts';
import { parseHarEntry, parseHarEntryBySchema } from '../../../src/core/detect/har-entry.ts';
import { harEntry, rawHarEntry } from './connect-values.ts';
import { jsonText } from './hostile-values.ts';
import { checkProperty, must, PROPERTY_TIMEOUT_MS } from './property-run.ts';

/**
 * `buildHarEntry` is `harEntrySchema`'s parse written out by hand for speed: it must accept what the
 * schema accepts and give the very value the schema gives (same keys, an absent optional absent, a
 * present but wrong one present as undefined, every other key kept as it is).
 */

/** Where a capped text sits in an entry, and its cap. */
const CAPPED: readonly { cap: number; set: (entry: Record<string, any>, value: string) => void }[] = [
  { cap: HAR_CAPS.method, set: (e, v) => (e.request.method = v) },
  { cap: HAR_CAPS.url, set: (e, v) => (e.request.url = v) },
  { cap: HAR_CAPS.headerName, set: (e, v) => e.request.headers.push({ name: v, value: 'x' }) },
  { cap: HAR_CAPS.headerValue, set: (e, v) => e.response.headers.push({ name: 'x-long', value: v }) },
  { cap: HAR_CAPS.mimeType, set: (e, v) => (e.response.content.mimeType = v) },
  { cap: HAR_CAPS.text, set: (e, v) => (e.response.content.text = v) },
  { cap: HAR_CAPS.encoding, set: (e, v) => (e.response.content.encoding = v) },
];

/** An entry with one capped field at, just under or just past its cap, counted in code units or in code points. */
const entryAtACap = fc
  .tuple(harEntry, fc.constantFrom(...CAPPED), fc.integer({ min: -1, max: 1 }), fc.constantFrom('a', '😀'))
  .map(([generated, { cap, set }, off, unit]) => {
    const entry = structuredClone(generated) as Record<string, any>;
    set(entry, unit.repeat(cap + off));
    return entry;
  });

function agrees(raw: unknown): void {
  const built = buildHarEntry(raw);
  const bySchema = parseHarEntryBySchema(raw);
  must((built !== undefined) === bySchema.ok, 'accepts exactly what the schema accepts', raw, bySchema);
  if (built && bySchema.ok) must(isDeepStrictEqual(built, bySchema.value), 'gives the value the schema gives', built, bySchema.value);
}

describe('buildHarEntry, the schema by hand', () => {
  it('accepts what harEntrySchema accepts and gives what it gives, for any entry, as it is and as JSON has it', () => {
    checkProperty(
      fc.property(rawHarEntry, (raw) => {
        agrees(raw);
        let fromJson: unknown;
        try {
          fromJson = JSON.parse(jsonText(raw));
        } catch {
          return;
        }
        agrees(fromJson);
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('measures every cap as the schema does', () => {
    checkProperty(fc.property(entryAtACap, agrees), { numRuns: 500 });
  }, PROPERTY_TIMEOUT_MS);

  it('hands plain data back as it is, and copies what the schema would change without touching the input', () => {
    const plain = JSON.parse(JSON.stringify(HAR_ENTRY)) as typeof HAR_ENTRY;
    expect(buildHarEntry(plain)).toBe(plain);

    const noValue = JSON.parse(JSON.stringify(HAR_ENTRY)) as typeof HAR_ENTRY;
    (noValue.request.headers as { name: string; value?: string }[]).push({ name: 'X-Empty' });
    const built = buildHarEntry(noValue);
    expect(built).not.toBe(noValue);
    expect(built?.request.headers.at(-1)).toEqual({ name: 'X-Empty', value: '' });
    expect((noValue.request.headers as object[]).at(-1)).toEqual({ name: 'X-Empty' });
    // What did not change is shared; what did is new.
    expect(built?.response).toBe(noValue.response);
    expect(built?.request).not.toBe(noValue.request);

    const ownProto = JSON.parse('{"__proto__":{"x":1},"a":1}') as Record<string, unknown>;
    const withProto = { ...JSON.parse(JSON.stringify(HAR_ENTRY)), response: { ...HAR_ENTRY.response, content: { ...ownProto, mimeType: 'text/html' } } };
    const copied = buildHarEntry(withProto);
    expect(copied?.response.content).not.toBe(withProto.response.content);
    expect(Object.hasOwn(copied!.response.content, '__proto__')).toBe(false);
  });

  it('refuses with the schema’s reason', () => {
    const entry = structuredClone(HAR_ENTRY);
    entry.response.status = 1.5;
    expect(parseHarEntry(entry)).toEqual({ ok: false, reason: expect.stringMatching(/^not a HAR entry: response\.status: /) });
  });
});

const HAR_ENTRY = {
  startedDateTime: '2025-06-01T09:00:00.000Z',
  time: 12,
  request: { method: 'GET', url: 'https://shop.example/', headers: [{ name: 'Accept', value: '*/*' }] } as Record<string, unknown>,
  response: { status: 200, headers: [], content: { mimeType: 'text/html' } } as Record<string, unknown>,
};

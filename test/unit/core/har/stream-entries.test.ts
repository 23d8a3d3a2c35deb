import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HarEntryReader, type HarOutline } from '../../../../src/core/har/stream-entries.ts';
import type { Result } from '../../../../src/core/result.ts';

const harText = readFileSync(new URL('../../../fixtures/timeline/checkout-bancontact.har', import.meta.url), 'utf8');

type Read = { entries: string[]; restarts: number; pages: unknown[]; outline: Result<HarOutline>; pushes: Result<void>[] };

/** Reads `text` cut into pieces of `size` code units (the last shorter). */
function read(text: string, size = text.length || 1, handler?: Partial<{ entry(text: string): void }>): Read {
  const entries: string[] = [];
  const pages: unknown[] = [];
  let restarts = 0;
  const reader = new HarEntryReader({
    entry: handler?.entry ?? ((t) => entries.push(t)),
    restart: () => {
      restarts += 1;
      entries.length = 0;
    },
    pages: (value) => pages.push(value),
  });
  const pushes: Result<void>[] = [];
  for (let at = 0; at < text.length; at += size) pushes.push(reader.push(text.slice(at, at + size)));
  return { entries, restarts, pages, outline: reader.end(), pushes };
}

const reason = (result: Result<unknown>) => (result.ok ? '' : result.reason);

describe('HarEntryReader', () => {
  it.each([1, 2, 3, 7, 64, 4096, Infinity])('hands over every entry of a Chrome HAR cut into pieces of %s', (size) => {
    const har = JSON.parse(harText) as { log: { version: string; entries: unknown[]; pages: unknown } };
    const result = read(harText, Number.isFinite(size) ? size : harText.length);
    expect(result.outline.ok).toBe(true);
    expect(result.entries.map((text) => JSON.parse(text) as unknown)).toEqual(har.log.entries);
    expect(result.outline.ok && result.outline.value).toEqual({ document: { log: { version: har.log.version, pages: har.log.pages, entries: [] } }, entries: har.log.entries.length });
    expect(result.pages).toEqual([undefined, har.log.pages]);
  });

  it('hands each entry over as its own text, white space inside kept', () => {
    const text = '{ "log" : { "entries" : [ {"a": [1, 2]} , "x\\"]}" ,\n 3.5e-2 , null , [ ] ] } }';
    const result = read(text, 5);
    expect(result.entries).toEqual(['{"a": [1, 2]}', '"x\\"]}"', '3.5e-2', 'null', '[ ]']);
  });

  it('reads escaped keys, and a surrogate pair cut in two, as JSON.parse does', () => {
    const text = '{"\\u006cog":{"pag\\u0065s":[{"title":"😀"}],"entries":[{"t":"a😀b\\ud83d\\ude00"}]}}';
    for (let size = 1; size <= 4; size++) {
      const result = read(text, size);
      expect(result.entries.map((t) => JSON.parse(t) as unknown)).toEqual([{ t: 'a😀b😀' }]);
      expect(result.pages.at(-1)).toEqual([{ title: '😀' }]);
    }
  });

  it('keeps only the last log and the last entries, as JSON.parse keeps the last of two keys', () => {
    const text = '{"log":{"entries":[1,2]},"log":{"entries":[3],"entries":[4,5]}}';
    const result = read(text, 3);
    expect(result.entries).toEqual(['4', '5']);
    expect(result.restarts).toBe(2);
    expect(result.outline.ok && result.outline.value).toEqual({ document: { log: { entries: [] } }, entries: 2 });
  });

  it('keeps the top-level format, and stands in for what is not an object where one is read', () => {
    expect(read('{"format":"connect-devtools-timeline","version":1,"payments":[]}').outline).toEqual({
      ok: true,
      value: { document: { format: 'connect-devtools-timeline' }, entries: 0 },
    });
    expect(read('[{"log":{}}]').outline).toEqual({ ok: true, value: { document: [], entries: 0 } });
    expect(read('{"log":"text"}').outline).toEqual({ ok: true, value: { document: { log: '' }, entries: 0 } });
    expect(read('{"log":{"version":"1.2","creator":{"name":"x"},"entries":{"a":1}}}').outline).toEqual({ ok: true, value: { document: { log: { version: '1.2', entries: { a: 1 } } }, entries: 0 } });
    expect(read(' 12 ', 1).outline).toEqual({ ok: true, value: { document: 12, entries: 0 } });
    expect(read('{"log":-1e999}', 2).outline).toEqual({ ok: true, value: { document: { log: -Infinity }, entries: 0 } });
    expect(read('{"__proto__":{"log":1},"log":{"entries":[]}}').outline).toEqual({ ok: true, value: { document: { log: { entries: [] } }, entries: 0 } });
  });

  it.each([
    ['', 'line 1, column 1 (character 1): the file is empty'],
    ['HAR?', 'line 1, column 1 (character 1): "H" where a value should be'],
    ['{"log":{"entries":[\n  {"a":1},\n  {"a":01}]}}', 'line 3, column 8 (character 39): the number "01" is not written as JSON writes numbers'],
    ['{"log":{"entries":[{"a":1},]}}', 'line 1, column 28 (character 28): "]" where a value should be'],
    ['{"log":{"entries":[{"a":1}}}', 'line 1, column 27 (character 27): "}" where a comma or "]" should be'],
    ['{"log":{"entries":["tab\there"]}}', 'line 1, column 24 (character 24): the control character U+0009 inside a string (it must be escaped)'],
    ['{"log":{"entries":["\\x"]}}', 'line 1, column 22 (character 22): the escape "\\x", which JSON does not have'],
    ['{"log":{"entries":["\\u12g4"]}}', 'line 1, column 25 (character 25): a \\u escape without four hexadecimal digits'],
    ['{"log":{"entries":[tru]}}', 'line 1, column 23 (character 23): "]" where "true" should be'],
    ['{"log":{}} {}', 'line 1, column 12 (character 12): "{" after the end of the JSON'],
    ['{"log":{"entries":[{"a":1}', 'line 1, column 27 (character 27): the file ends before its JSON does'],
    ['{"log" {}}', 'line 1, column 8 (character 8): "{" where a colon should be'],
    ['{log:1}', 'line 1, column 2 (character 2): "l" where a key in quotes or "}" should be'],
    ['\uFEFF{}', 'line 1, column 1 (character 1): "\uFEFF" where a value should be'],
  ])('refuses %j with where and what', (text, message) => {
    expect(() => JSON.parse(text)).toThrow();
    for (const size of [1, 2, 5, text.length || 1]) expect(reason(read(text, size).outline)).toBe(message);
  });

  it('stops at the first fault and says it again on every later call', () => {
    const reader = new HarEntryReader({ entry: () => {} });
    expect(reader.push('{"log":x').ok).toBe(false);
    expect(reader.push('{}').ok).toBe(false);
    expect(reason(reader.end())).toBe(reason(reader.push('')));
    expect(reader.error).toMatchObject({ offset: 7, line: 1, column: 8 });
  });

  it('turns a handler that throws into a failure, never a throw', () => {
    const result = read('{"log":{"entries":[1,2]}}', 4, {
      entry: () => {
        throw new Error('boom');
      },
    });
    expect(result.outline.ok).toBe(false);
    expect(reason(result.outline)).toContain('boom');
  });

  it('reads a document nested 100,000 deep without a stack', () => {
    const text = `{"log":{"entries":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}}`;
    const result = read(text, 4096);
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]).toHaveLength(200_000);
  });

  it('holds the pieces of one entry at a time: a 16 MB entry comes whole, the next one alone', () => {
    const big = `{"body":"${'x'.repeat(16 * 2 ** 20)}"}`;
    const result = read(`{"log":{"entries":[${big},{"small":true}]}}`, 65_536);
    expect(result.entries.map((e) => e.length)).toEqual([big.length, 14]);
  });
});

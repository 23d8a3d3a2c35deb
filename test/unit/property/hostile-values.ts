import fc from 'fast-check';

/**
 * Generic hostile input for the property tests: text and JSON a page, a network answer or a file
 * could hold. The Connect-shaped near-misses built from them are in connect-values.ts.
 */

/** Keys that reach the prototype or mean something to a reader of the object. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then', 'length'];

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 2 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }), weight: 1 },
);

/** Characters that break naive handling: controls, separators, bidi overrides, lone surrogates, BOM. */
const AWKWARD_CHARS = [
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
  '\u007f', '\u0085', '\u00a0', '\u200b', '\u200d', '\u2028', '\u2029', '\u202e', '\ufeff', '\ufffd', '\ud800', '\udfff', '\ud83d\udcb3',
  'é', 'İ', 'ß', 'ﬃ', '…', '%', '\\', '"', "'", '`', '<', '>', '&', '=', '/', '+', '-', '_', ':', '.', '?', '#', '@', ' ',
];
export const awkwardText = fc.string({ unit: fc.constantFrom(...AWKWARD_CHARS), maxLength: 40 });

/** Markup, script, template and format strings: they must come out as inert text. */
export const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '${globalThis.x=1}',
  '{{constructor.constructor("return 1")()}}',
  '%s%s%n%x',
  '\u202egnp.exe',
  '<!doctype html><html><body>Sign in</body></html>',
];

/** A long run of one unit, cheap to build: `min`..`max` repetitions. */
export function longText(min: number, max: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom('a', '0', '=', '/', 'é', '\u0000', '\ud83d\udcb3', '{"a":', '%2F'), fc.integer({ min, max }))
    .map(([unit, times]) => unit.repeat(Math.ceil(times / unit.length)));
}

/** Any short text, weighted towards the awkward: arbitrary, full unicode, lone surrogates, controls, markup. */
export const shortHostileText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 2 },
  { arbitrary: awkwardText, weight: 2 },
  { arbitrary: fc.constantFrom(...MARKUP, ...PROTOTYPE_KEYS, '', ' ', 'null', 'undefined', 'NaN', '-0', '1e999'), weight: 2 },
);

/** Any text: mostly short and awkward, now and then thousands of characters. */
export const hostileText: fc.Arbitrary<string> = fc.oneof({ arbitrary: shortHostileText, weight: 19 }, { arbitrary: longText(1_000, 20_000), weight: 1 });

/** Numbers JSON allows and some it does not (a page message is not JSON). */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, 1e21, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, Number.NaN, Infinity, -Infinity),
);

/** An object with exactly these own keys, `__proto__` included as an own property, as JSON.parse and structured clone make it. */
export function ownObject(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

/**
 * JSON objects that pose as strings or arrays: a `length` that cannot be turned into a number
 * (its `toString` is not a function) throws on comparison in any code that measures before checking the type.
 */
export const UNMEASURABLE: readonly unknown[] = [
  '{"length":{"toString":""}}',
  '{"length":{"valueOf":0,"toString":0}}',
  '{"length":{"toString":"","valueOf":""},"0":"a"}',
  '{"length":1e999}',
  '{"length":-1,"size":{"toString":""}}',
  '{"length":"9","0":"a"}',
].map((text) => JSON.parse(text));

const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: shortHostileText, weight: 4 },
  { arbitrary: hostileNumber, weight: 2 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.constantFrom(...UNMEASURABLE).map((value) => structuredClone(value)), weight: 1 },
);

/** A JSON-like tree with hostile keys and leaves, a few levels deep. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', maxDepth: 4 }, hostileLeaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 5 }).map(ownObject),
})).value;

/** `depth` nested arrays or objects around a value, built without recursion. */
export function nest(depth: number, inner: unknown, asObject: boolean): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
}

/** Nesting far past anything real: JSON.stringify still copes at this depth, and a recursive reader would not. */
export const deepJson: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 100, max: 1_000 }), fc.boolean(), hostileLeaf)
  .map(([depth, asObject, inner]) => nest(depth, inner, asObject));

/**
 * Nested JSON text, built as text: mostly a few hundred levels, one in ten deeper than a recursive
 * reader's stack (about 10,000 frames). JSON.parse takes 4 ms at 10,000 levels, so deep ones stay rare.
 */
export const deepJsonText: fc.Arbitrary<string> = fc
  .tuple(fc.oneof({ arbitrary: fc.integer({ min: 1, max: 300 }), weight: 9 }, { arbitrary: fc.integer({ min: 5_000, max: 12_000 }), weight: 1 }), fc.boolean())
  .map(([depth, asObject]) => (asObject ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth)));

/** Values JSON cannot carry but a structured clone or a direct call can: cycles, Maps, Dates, typed arrays, bigints. */
export const structuredCloneValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ key: hostileKey, maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withBoxedValues: true }),
  hostileJson.map((value) => {
    const cyclic: Record<string, unknown> = { value };
    cyclic.self = cyclic;
    cyclic.list = [cyclic, value];
    return cyclic;
  }),
);

/** Any value at all, JSON-like or not, deep or not. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileJson, weight: 4 },
  { arbitrary: structuredCloneValue, weight: 2 },
  { arbitrary: deepJson, weight: 1 },
);

/** JSON text of a value; values JSON cannot hold become what JSON.stringify makes of them. */
export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    // A cycle or a bigint; then String, which a null-prototype object refuses too.
    return Object.prototype.toString.call(value);
  }
}

type TextEdit = { at: number; kind: 'insert' | 'delete' | 'replace' | 'truncate' | 'upper' | 'duplicate'; text: string };

const textEdit: fc.Arbitrary<TextEdit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('insert', 'delete', 'replace', 'truncate', 'upper', 'duplicate'),
  text: fc.oneof(fc.constantFrom(...AWKWARD_CHARS), fc.string({ maxLength: 4 })),
});

function applyEdit(text: string, { at, kind, text: inserted }: TextEdit): string {
  const i = text.length === 0 ? 0 : at % (text.length + 1);
  switch (kind) {
    case 'insert':
      return text.slice(0, i) + inserted + text.slice(i);
    case 'delete':
      return text.slice(0, i) + text.slice(i + 1);
    case 'replace':
      return text.slice(0, i) + inserted + text.slice(i + inserted.length);
    case 'truncate':
      return text.slice(0, i);
    case 'upper':
      return text.slice(0, i) + text.slice(i).toUpperCase();
    case 'duplicate':
      return text.slice(0, i) + text.slice(i - 1, i + 8) + text.slice(i);
  }
}

/** A real-looking text with a few small edits: the near-miss a strict reader must still refuse or read correctly. */
export function mutatedText(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(base, fc.array(textEdit, { minLength: 1, maxLength: 3 })).map(([text, edits]) => edits.reduce(applyEdit, text));
}

/** Mostly the real thing, sometimes a near miss, sometimes anything. */
export function nearMiss(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: mutatedText(valid), weight: 3 }, { arbitrary: hostileText, weight: 2 });
}

type JsonEdit = { at: number; kind: 'replace' | 'delete' | 'add' | 'wrap'; key: string; value: unknown };

const jsonEdit: fc.Arbitrary<JsonEdit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'add', 'wrap'),
  key: hostileKey,
  value: fc.oneof({ arbitrary: hostileJson, weight: 5 }, { arbitrary: structuredCloneValue, weight: 1 }),
});

/** Every container in a JSON-like tree with its parent slot, in document order (a cycle is walked once). */
function containers(root: unknown): { parent: Record<string, unknown> | unknown[]; key: string | number }[] {
  const found: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const seen = new Set<unknown>();
  const walk = (node: unknown) => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    for (const [key, child] of Object.entries(node)) {
      found.push({ parent: node as Record<string, unknown>, key: Array.isArray(node) ? Number(key) : key });
      walk(child);
    }
  };
  walk(root);
  return found;
}

function applyJsonEdit(root: unknown, { at, kind, key, value }: JsonEdit): unknown {
  const slots = containers(root);
  const slot = slots[at % Math.max(1, slots.length)];
  if (slot === undefined) return value;
  const parent = slot.parent as Record<string | number, unknown>;
  try {
    switch (kind) {
      case 'replace':
        parent[slot.key] = value;
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.splice(Number(slot.key), 1);
        else delete parent[slot.key];
        break;
      case 'add':
        if (!Array.isArray(parent)) Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
        else parent.push(value);
        break;
      case 'wrap':
        parent[slot.key] = [parent[slot.key]];
        break;
    }
  } catch {
    // A typed array or a boxed string inserted by an earlier edit cannot take every edit: leave it.
  }
  return root;
}

/** A fresh copy of a real-looking JSON value with a few fields replaced, removed, added or wrapped. */
export function mutatedJson<T>(base: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc
    .tuple(base, fc.array(jsonEdit, { minLength: 1, maxLength: 3 }))
    .map(([value, edits]) => edits.reduce<unknown>(applyJsonEdit, structuredClone(value)));
}

/** UTF-8 bytes in base64, as `btoa` over `TextEncoder` (and this tool's own meta info) writes them. */
export function base64Utf8(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** The same text in each base64 form an SDK writes: padded, URL-safe unpadded, or with surrounding spaces. */
export function base64Forms(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(text, fc.constantFrom('padded', 'url-safe', 'spaced', 'latin-1')).map(([plain, form]) => {
    const encoded = base64Utf8(plain);
    switch (form) {
      case 'padded':
        return encoded;
      case 'url-safe':
        return encoded.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
      case 'spaced':
        return ` ${encoded}\t`;
      case 'latin-1':
        // The v4 SDK's encoder: one byte per UTF-16 code unit, which only works below U+0100.
        return [...plain].every((c) => c.charCodeAt(0) <= 0xff) ? btoa(plain) : encoded;
    }
  });
}

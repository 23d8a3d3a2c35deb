import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { classifyRequest } from '../../../src/core/detect/classify-request.ts';
import { parseHarEntry } from '../../../src/core/detect/har-entry.ts';
import { isMerchantAnswerCandidate } from '../../../src/core/detect/merchant-answer.ts';
import { isHarEntryShape, mayGiveObservation } from '../../../src/core/detect/raw-entry.ts';
import { HarEntryReader, LONG_STRING, withoutLongStrings, type HarOutline } from '../../../src/core/har/stream-entries.ts';
import type { Result } from '../../../src/core/result.ts';
import { HarImportStream } from '../../../src/core/timeline/import-har.ts';
import { importHarBefore } from '../core/timeline/import-har-before.ts';
import { CHECKOUT_HAR_TEXT, HAR_FIXTURES, pageUrl, rawHarEntry, shortRawHarEntry } from './connect-values.ts';
import { awkwardText, deepJsonText, hostileJson, hostileKey, jsonText, longText, mutatedJson, mutatedText, ownObject, shortHostileText } from './hostile-values.ts';
import { checkProperty, must, mustBeResult, PROPERTY_TIMEOUT_MS } from './property-run.ts';

/**
 * The streamed HAR reader against JSON.parse, and the streamed import against the import it replaced
 * (the whole text parsed at once, every entry parsed by the schema), on documents cut into pieces
 * at random places: inside strings, escapes, numbers, literals and surrogate pairs.
 */

/** `text` cut at up to eight random places (any code unit, a surrogate pair's middle included). */
const cuts = fc.array(fc.nat(), { maxLength: 8 });
function cut(text: string, at: readonly number[]): string[] {
  const points = [...new Set(at.map((n) => n % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const point of points) {
    pieces.push(text.slice(from, point));
    from = point;
  }
  pieces.push(text.slice(from));
  return pieces;
}

/** Text with a surrogate pair, escapes of every kind and the characters a naive scanner trips on. */
const trickyString = fc.oneof(
  awkwardText,
  fc.constantFrom('a😀b', '"}]', '\\"', '\\\\"', 'line\nbreak', '\u2028', '\ud83d', '\ude00', '{"log":{"entries":[1]}}', 'entries', 'log'),
);
const entryValue = fc.oneof(
  { arbitrary: shortRawHarEntry, weight: 4 },
  { arbitrary: hostileJson, weight: 2 },
  { arbitrary: trickyString, weight: 1 },
  { arbitrary: fc.constantFrom<unknown>(0, -0.5, 1e21, 2 ** 80, 5e-324, true, false, null, [], {}), weight: 1 },
);
const page = fc.record({ startedDateTime: fc.oneof(fc.constant('2025-01-15T09:00:00.000Z'), shortHostileText), id: fc.constant('page_1'), title: fc.oneof(pageUrl, trickyString) });

/** A log whose members come in any order (pages after entries too), with any others beside them. */
const logObject = fc
  .tuple(
    fc.shuffledSubarray(['version', 'creator', 'pages', 'entries', 'comment'] as const),
    fc.array(page, { maxLength: 2 }),
    fc.array(entryValue, { maxLength: 4 }),
    fc.array(fc.tuple(hostileKey, hostileJson), { maxLength: 2 }),
  )
  .map(([keys, pages, entries, extra]) => {
    const values = { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages, entries, comment: 'log "entries": [' };
    return ownObject([...keys.map((key) => [key, values[key]] as const), ...extra]);
  });

const documentValue = fc
  .tuple(logObject, fc.array(fc.tuple(fc.oneof(hostileKey, fc.constant('format')), fc.oneof(hostileJson, fc.constant('connect-devtools-timeline'))), { maxLength: 2 }), fc.boolean())
  .map(([log, extra, logFirst]) => ownObject(logFirst ? [['log', log], ...extra] : [...extra, ['log', log]]));

/** Written with or without indentation, sometimes with keys written as escapes. */
const documentText = fc.tuple(documentValue, fc.constantFrom<undefined | number | string>(undefined, undefined, 2, '\t'), fc.boolean()).map(([value, indent, escape]) => {
  let text: string;
  try {
    text = JSON.stringify(value, null, indent);
  } catch {
    // A cycle from a mutated entry: what a file could not hold.
    return jsonText(value);
  }
  return escape ? text.replace('"log":', '"\\u006cog":').replace('"entries":', '"\\u0065ntr\\u0069es":').replace('"pages":', '"p\\u0061ges":') : text;
});

/** Two logs, or two lists of entries in one log: JSON.parse keeps the last. */
const duplicateText = fc.tuple(logObject, logObject, fc.array(entryValue, { maxLength: 3 }), fc.boolean()).map(([a, b, entries, twoLogs]) => {
  if (twoLogs) return `{"log":${jsonText(a)},"log":${jsonText(b)}}`;
  const inner = jsonText(a).slice(1, -1);
  return `{"log":{${inner}${inner === '' ? '' : ','}"entries":${jsonText(entries)}}}`;
});

const readerText = fc.oneof(
  { arbitrary: documentText, weight: 20 },
  { arbitrary: duplicateText, weight: 3 },
  { arbitrary: mutatedText(documentText), weight: 10 },
  { arbitrary: fc.oneof(hostileJson.map(jsonText), deepJsonText, shortHostileText, longText(1_000, 5_000)), weight: 3 },
  { arbitrary: fc.constantFrom('', ' ', '{', '{"log":', '{"log":{"entries":[', '[]', '"log"', '{"log":{"entries":[1,]}}', '{"log":{}}x', '1 2', '-', '01', '1.', '.5', '1e', 'tru', 'nul', '"\\u12"'), weight: 1 },
);

type Read = { entries: unknown[]; outline: Result<HarOutline> };

function readInPieces(pieces: readonly string[]): Read {
  const entries: string[] = [];
  const reader = new HarEntryReader({ entry: (text) => entries.push(text), restart: () => (entries.length = 0) });
  let failed = false;
  for (const piece of pieces) {
    const pushed = reader.push(piece);
    mustBeResult(pushed);
    if (!pushed.ok) failed = true;
    else must(!failed, 'a reader that failed fails on');
  }
  const outline = reader.end();
  mustBeResult(outline);
  must(!failed || !outline.ok, 'a failed push fails the end');
  return { entries: entries.map((text) => JSON.parse(text) as unknown), outline };
}

const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
const isObject = (value: unknown): value is Record<string, unknown> => kindOf(value) === 'object';
const own = (value: Record<string, unknown>, key: string) => (Object.hasOwn(value, key) ? value[key] : undefined);

describe('the streamed HAR reader', () => {
  it('hands over what JSON.parse finds in log.entries, whatever the pieces, and refuses what JSON.parse refuses', () => {
    checkProperty(
      fc.property(readerText, cuts, (text, at) => {
        let parsed: { value: unknown } | undefined;
        try {
          parsed = { value: JSON.parse(text) as unknown };
        } catch {
          parsed = undefined;
        }
        const { entries, outline } = readInPieces(cut(text, at));
        must(outline.ok === (parsed !== undefined), 'read exactly when JSON.parse reads it', text.slice(0, 200), outline);
        if (!parsed || !outline.ok) {
          if (!outline.ok) must(/^line \d+, column \d+ \(character \d+\): ./.test(outline.reason), 'a fault says where', outline.reason);
          return;
        }
        const document = parsed.value;
        const outlined = outline.value.document;
        must(kindOf(outlined) === kindOf(document), 'the document is of the type JSON.parse gives', outlined);
        if (!isObject(document) || !isObject(outlined)) return;
        must(isDeepStrictEqual(own(outlined, 'format'), own(document, 'format')), 'the format as written', outlined);
        const log = own(document, 'log');
        const outlinedLog = own(outlined, 'log');
        must(kindOf(outlinedLog) === kindOf(log), 'the log is of its type', outlinedLog);
        if (!isObject(log) || !isObject(outlinedLog)) return;
        must(isDeepStrictEqual(own(outlinedLog, 'pages'), own(log, 'pages')), 'the pages as written', outlinedLog);
        const list = own(log, 'entries');
        must(kindOf(own(outlinedLog, 'entries')) === kindOf(list), 'the entries are of their type', outlinedLog);
        if (!Array.isArray(list)) return;
        must(isDeepStrictEqual(entries, list) && outline.value.entries === list.length, 'every entry, in order, as JSON.parse reads it', entries, list);
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('reads any raw entry as the schema would count it, and drops only entries that give nothing', () => {
    checkProperty(
      fc.property(rawHarEntry, fc.array(pageUrl, { maxLength: 3 }), (generated, pageUrls) => {
        // What JSON.parse makes of it: the import only sees JSON.
        const text = jsonText(generated);
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch {
          return;
        }
        const parsed = parseHarEntry(raw);
        must(isHarEntryShape(raw) === parsed.ok, 'the shape check agrees with the schema', raw, parsed);
        const kept = mayGiveObservation(raw, pageUrls);
        if (!mayGiveObservation(raw, undefined)) must(!kept, 'what is dropped before the pages are known is dropped with any pages');
        if (kept || !parsed.ok) return;
        must(classifyRequest(parsed.value, 'har-import') === null, 'a dropped entry is no Client API call', raw);
        must(!isMerchantAnswerCandidate(parsed.value, pageUrls), 'a dropped entry is no merchant answer to scan', raw, pageUrls);
      }),
    );
  }, PROPERTY_TIMEOUT_MS);
});

/** Text that holds about LONG_STRING code units: plain, surrogate pairs (half as many code points), or escaped when written. */
const longValue = fc
  .tuple(fc.integer({ min: LONG_STRING - 2, max: LONG_STRING + 6 }), fc.constantFrom('a', '😀', '"', '\\', '\u0001', 'é', 'json', 'https://www.shop.example/', 'authorization'))
  .map(([units, unit]) => unit.repeat(Math.max(1, Math.round(units / unit.length))));

/** Every string value of a JSON value with where it sits, in document order. */
function stringSlots(root: unknown): { parent: Record<string, unknown> | unknown[]; key: string | number }[] {
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) {
      if (typeof child === 'string') slots.push({ parent: node as Record<string, unknown>, key: Array.isArray(node) ? Number(key) : key });
      else walk(child);
    }
  };
  walk(root);
  return slots;
}

/** A raw entry (as JSON has it) with one or two of its strings, any of them, made long. */
const entryWithLongStrings = fc.tuple(shortRawHarEntry, fc.array(fc.tuple(fc.nat(), longValue), { minLength: 1, maxLength: 2 })).map(([generated, longs]) => {
  let entry: unknown;
  try {
    entry = JSON.parse(jsonText(generated));
  } catch {
    return jsonText(generated);
  }
  const slots = stringSlots(entry);
  for (const [at, value] of longs) {
    const slot = slots[at % Math.max(1, slots.length)];
    if (slot) (slot.parent as Record<string | number, unknown>)[slot.key] = value;
  }
  return JSON.stringify(entry);
});

describe('a look at an entry without its long strings', () => {
  it('decides what a look at the whole entry decides, and each long string is found', () => {
    checkProperty(
      fc.property(entryWithLongStrings, cuts, fc.array(pageUrl, { maxLength: 2 }), (text, at, pageUrls) => {
        const handed: { text: string; longStrings: readonly number[] }[] = [];
        const reader = new HarEntryReader({ entry: (entryText, longStrings) => handed.push({ text: entryText, longStrings: [...longStrings] }) });
        for (const piece of cut(`{"log":{"entries":[${text}]}}`, at)) reader.push(piece);
        const outline = reader.end();
        if (!outline.ok) return;
        must(handed.length === 1 && handed[0]!.text === text, 'the entry as written', handed);
        const { longStrings } = handed[0]!;
        const whole: unknown = JSON.parse(text);
        const long = stringSlots(whole).filter(({ parent, key }) => ((parent as Record<string | number, string>)[key] ?? '').length > LONG_STRING);
        must(longStrings.length === 2 * long.length, 'every long string value, and only those', longStrings, long.length);
        for (let k = 0; k < longStrings.length; k += 2) {
          const value: unknown = JSON.parse(text.slice(longStrings[k], longStrings[k + 1]));
          must(typeof value === 'string' && value.length > LONG_STRING, 'a range is a long string', longStrings);
        }
        const light: unknown = JSON.parse(withoutLongStrings(text, longStrings));
        const parsed = parseHarEntry(whole);
        must(isHarEntryShape(light) === parsed.ok, 'the shape without the long strings is the shape of the whole', parsed);
        if (!parsed.ok) return;
        for (const pages of [pageUrls, undefined]) {
          if (mayGiveObservation(light, pages)) continue;
          must(classifyRequest(parsed.value, 'har-import') === null, 'dropped without its long strings: no Client API call', text.slice(0, 300));
          must(!isMerchantAnswerCandidate(parsed.value, pages ?? [parsed.value.request.url]), 'dropped without its long strings: no merchant answer to scan', text.slice(0, 300), pages);
        }
      }),
      // Every case carries 16 to 33 KB of long strings.
      { numRuns: 1_000 },
    );
  }, PROPERTY_TIMEOUT_MS);
});

const harEntries = fc.array(fc.oneof({ arbitrary: shortRawHarEntry, weight: 8 }, { arbitrary: fc.constantFrom(...HAR_FIXTURES), weight: 2 }), { maxLength: 3 });
const harPage = fc.record({ startedDateTime: fc.oneof(fc.constant('2025-01-15T09:00:00.000Z'), shortHostileText), id: fc.constant('page_1'), title: pageUrl });

/** A HAR as Chrome writes it, or with its pages after its entries (decided only at the end). */
const harDocument = fc
  .tuple(fc.array(harPage, { maxLength: 2 }), harEntries, fc.boolean(), fc.boolean())
  .map(([pages, entries, pagesFirst, withPages]) => {
    const log = pagesFirst
      ? { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, ...(withPages ? { pages } : {}), entries }
      : { version: '1.2', entries, ...(withPages ? { pages } : {}) };
    return { log };
  });

const harText = fc.oneof(
  { arbitrary: harDocument.map(jsonText), weight: 30 },
  { arbitrary: mutatedJson(harDocument).map(jsonText), weight: 9 },
  { arbitrary: mutatedText(harDocument.map(jsonText)), weight: 6 },
  { arbitrary: fc.oneof(fc.constant(CHECKOUT_HAR_TEXT), mutatedText(fc.constant(CHECKOUT_HAR_TEXT))), weight: 1 },
  { arbitrary: fc.oneof(hostileJson.map(jsonText), deepJsonText, shortHostileText), weight: 2 },
  { arbitrary: fc.constantFrom('{"log":{"entries":[]}}', '{"format":"connect-devtools-timeline","version":1}', '{"log":null}', '{"log":{"entries":{}}}', ''), weight: 1 },
);

describe('the streamed HAR import', () => {
  it('gives what the whole-text import gave, for any text cut anywhere', () => {
    checkProperty(
      fc.property(harText, cuts, (text, at) => {
        const before = importHarBefore(text);
        const stream = new HarImportStream();
        for (const piece of cut(text, at)) if (!stream.push(piece).ok) break;
        const streamed = stream.end();
        mustBeResult(streamed);
        if (before.ok) {
          must(streamed.ok && isDeepStrictEqual(streamed.value, before.value), 'the same import', streamed, before);
        } else if (before.reason === 'The file is not JSON, so it is not a HAR file.') {
          must(!streamed.ok && streamed.reason.startsWith(`${before.reason} At line `), 'not JSON, and where', streamed);
        } else {
          must(!streamed.ok && streamed.reason === before.reason, 'the same refusal', streamed, before.reason);
        }
      }),
    );
  }, PROPERTY_TIMEOUT_MS);
});

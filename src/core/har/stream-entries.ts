import { fail, ok, type Result } from '../result.ts';

/**
 * A HAR file read as a stream of text: each element of `log.entries` is handed over as its own JSON
 * text, one by one, while the rest of the file is read through. Memory is held for one entry at a
 * time (and for `log.pages`), never for the whole file, so a HAR of hundreds of megabytes can be read
 * in slices. Text comes in chunks cut anywhere (inside a string, an escape, a number, a surrogate
 * pair); turning bytes into text is the caller's job (`TextDecoder` with `stream: true`).
 *
 * The reader checks the JSON grammar as strictly as `JSON.parse` (control characters in strings,
 * escapes, numbers, literals, commas, text after the end), so every entry it hands over parses, and
 * a file `JSON.parse` refuses is refused, with the line and column of the first fault. It never
 * throws: a fault (or a handler that throws) stops it and every later call returns the same failure.
 */

/** What the reader tells as it goes. */
export interface HarEntryHandler {
  /**
   * One element of `log.entries`, as JSON text, in file order, with where its long strings are
   * (`longStrings`: start and end in `text` of each string value, quotes included, that holds more
   * than `LONG_STRING` code units), so that a reader can look at the entry without them first.
   */
  entry(text: string, longStrings: readonly number[]): void;
  /**
   * What was handed so far belongs to a value `JSON.parse` would drop (a second `log`, or a second
   * `entries` in the same log: the last key wins). The caller forgets those entries.
   */
  restart?(): void;
  /** `log.pages` was read (the last one counts); undefined when a new `log` starts. */
  pages?(value: unknown): void;
}

/** The file around its entries, once the whole file was read. */
export type HarOutline = {
  /**
   * The document as `JSON.parse` gives it, reduced to what a HAR reader looks at: the top-level
   * `format`, `log.version`, `log.pages` and `log.entries` (an empty list in place of the entries,
   * which were handed over one by one; the value itself when it is not a list). Any other value is
   * left out, and a `log` that is not an object is a stand-in of its type (`[]`, `""`, `true`,
   * `false`, `null`, or the number itself), as is a document that is not an object.
   */
  document: unknown;
  /** Elements of the last `log.entries` list read. */
  entries: number;
};

export type HarStreamPosition = { offset: number; line: number; column: number };

/** A fault in the file, with where it is: `offset` in UTF-16 code units from the start, `line` and `column` from 1. */
export type HarStreamFault = HarStreamPosition & { message: string };

// The grammar's states.
const VALUE = 0; // a value must come
const VALUE_OR_CLOSE = 1; // right after '['
const KEY_OR_CLOSE = 2; // right after '{'
const KEY = 3; // after ',' in an object
const COLON = 4;
const AFTER = 5; // after a value inside a list or an object
const DONE = 6; // after the top-level value: only white space
const STRING = 7;
const NUMBER = 8;
const LITERAL = 9;

// Frames of the stack, and what a frame is to the HAR.
const OBJECT = 0;
const ARRAY = 1;
const PLAIN = 0;
const TOP = 1; // the top-level object
const LOG = 2; // the object under the top-level "log"
const ENTRIES = 3; // the list under log's "entries"

// Which captured value is being read.
const CAPTURE_NONE = 0;
const CAPTURE_ENTRY = 1;
const CAPTURE_FORMAT = 2;
const CAPTURE_PAGES = 3;
const CAPTURE_VERSION = 4;
const CAPTURE_ENTRIES = 5;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Characters of a string that need no look: neither a quote, a backslash nor a control character (below U+0020). */
const STRING_RUN = /[ !#-[\]-\uffff]+/y;
/** A JSON number, whole. */
const NUMBER_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const LITERALS = ['true', 'false', 'null'] as const;
/**
 * A string value of an entry that holds more than this (in UTF-16 code units, escapes decoded) is a
 * long one: a body, nearly always. It is more than 8,192 code points, past every cap of the HAR
 * entry schema but the body's and the header value's.
 */
export const LONG_STRING = 16_384;

/** What a long string stands as in `withoutLongStrings`: as long, so as far past every cap; no site, no MIME type. */
const LONG_STAND_IN = `"${'-'.repeat(LONG_STRING + 1)}"`;

/**
 * An entry's text with its long strings (`longStrings` as handed over) replaced by a stand-in of
 * the same class: text past every cap of the schema but the body's and the header value's, which
 * names no site and no MIME type. Parsing it costs a fraction of the whole entry when it carries
 * bodies, and a look at it decides what a look at the whole would (the pre-filter, the shape check).
 */
export function withoutLongStrings(text: string, longStrings: readonly number[]): string {
  if (longStrings.length === 0) return text;
  let light = '';
  let from = 0;
  for (let k = 0; k < longStrings.length; k += 2) {
    light += text.slice(from, longStrings[k]) + LONG_STAND_IN;
    from = longStrings[k + 1]!;
  }
  return light + text.slice(from);
}

/** A key longer than this (raw, with its quotes) is none of the few keys looked for, even fully escaped. */
const MAX_KEY_TEXT = 64;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
/** Past the white space from `i`: the indentation of a pretty-printed HAR, in one go. */
function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}
const isNumberChar = (c: number) => (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;
const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const isEscaped = (c: number) => c === QUOTE || c === BACKSLASH || c === 0x2f || c === 0x62 || c === 0x66 || c === 0x6e || c === 0x72 || c === 0x74;

/** An own data property, as `JSON.parse` makes one (a key `__proto__` included). */
function setMember(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The stand-in for a value nobody reads, of the type its first character says. */
function standIn(first: number): unknown {
  switch (first) {
    case 0x7b:
      return {};
    case 0x5b:
      return [];
    case QUOTE:
      return '';
    case 0x74:
      return true;
    case 0x66:
      return false;
    case 0x6e:
      return null;
    default:
      return 0;
  }
}

function describeChar(c: number): string {
  if (c < 0x20 || c === 0x7f) return `the control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${String.fromCharCode(c)}"`;
}

export class HarEntryReader {
  private readonly handler: HarEntryHandler;
  private state = VALUE;
  private readonly kinds: number[] = [];
  private readonly roles: number[] = [];

  // Inside a string: whether it is a key, and where an escape stands (0: none, 1: after '\', 2–5: hex digits to come).
  private stringIsKey = false;
  private escape = 0;
  // A key of the top-level object or of the log is read (its raw text, up to MAX_KEY_TEXT).
  private keyWanted = false;
  private keyText = '';
  private keyFrom = 0;
  private key: string | undefined;

  private numberText = '';
  /** Where a number that stands for a `log`, an `entries` or the document goes once read (zod names ±Infinity apart). */
  private numberSlot: ((value: number) => void) | undefined;
  private literal = '';
  private literalAt = 0;

  // A value whose text is kept: an entry, `format` or `pages`.
  private capture = CAPTURE_NONE;
  private captureDepth = 0;
  private captureFrom = 0;
  private readonly pieces: string[] = [];
  /** Where the captured value starts in the file, where the string being read starts, and the entry's long strings. */
  private captureAt = 0;
  private stringAt = 0;
  /** Code units of the string being read that its escapes add to what it holds. */
  private overhead = 0;
  private longStrings: number[] = [];

  // The document's outline.
  private document: unknown = undefined;
  private top: Record<string, unknown> | undefined;
  private log: Record<string, unknown> | undefined;
  private entryCount = 0;
  private handed = false;

  // Where the current chunk starts, and the lines before it.
  private chunkOffset = 0;
  private line = 1;
  private lineStart = 0;
  private fault: HarStreamFault | undefined;

  constructor(handler: HarEntryHandler) {
    this.handler = handler;
  }

  /** Code units read so far. */
  get offset(): number {
    return this.chunkOffset;
  }

  /** Reads the next piece of text. A failure is the file's first fault; it is returned again by every later call. */
  push(chunk: string): Result<void> {
    if (this.fault) return this.failure();
    try {
      this.scan(chunk);
    } catch (error) {
      // A handler that threw, or text past what the engine can hold in one string: the reading stops there.
      if (!this.fault) this.fault = { ...this.position(chunk, chunk.length), message: `the file could not be read on (${error instanceof Error ? error.message : String(error)})` };
    }
    if (this.fault) return this.failure();
    this.advance(chunk);
    return ok(undefined);
  }

  /** The file ended: its outline, or the fault that the end reveals (a value left open). */
  end(): Result<HarOutline> {
    if (this.fault) return this.failure();
    try {
      if (this.state === NUMBER) this.endNumber('', 0);
      if (!this.fault && this.state !== DONE) {
        this.fault = { ...this.position('', 0), message: this.state === VALUE && this.document === undefined && this.chunkOffset === 0 ? 'the file is empty' : 'the file ends before its JSON does' };
      }
    } catch (error) {
      if (!this.fault) this.fault = { ...this.position('', 0), message: `the file could not be read to its end (${error instanceof Error ? error.message : String(error)})` };
    }
    if (this.fault) return this.failure();
    return ok({ document: this.document, entries: this.entryCount });
  }

  private failure<T>(): Result<T> {
    const f = this.fault!;
    return fail(`line ${f.line}, column ${f.column} (character ${f.offset + 1}): ${f.message}`);
  }

  /** The fault found so far, with its position; undefined while the file reads well. */
  get error(): HarStreamFault | undefined {
    return this.fault;
  }

  /** Lines and offset move past a chunk read to its end; a captured value keeps its piece. */
  private advance(chunk: string): void {
    let at = chunk.indexOf('\n');
    while (at !== -1) {
      this.line += 1;
      this.lineStart = this.chunkOffset + at + 1;
      at = chunk.indexOf('\n', at + 1);
    }
    if (this.capture !== CAPTURE_NONE && this.captureFrom < chunk.length) this.pieces.push(chunk.slice(this.captureFrom));
    this.captureFrom = 0;
    if (this.keyWanted && this.keyText.length <= MAX_KEY_TEXT) this.keyText += chunk.slice(this.keyFrom, this.keyFrom + MAX_KEY_TEXT + 1);
    this.keyFrom = 0;
    this.chunkOffset += chunk.length;
  }

  private position(chunk: string, index: number): HarStreamPosition {
    let line = this.line;
    let lineStart = this.lineStart;
    let at = chunk.indexOf('\n');
    while (at !== -1 && at < index) {
      line += 1;
      lineStart = this.chunkOffset + at + 1;
      at = chunk.indexOf('\n', at + 1);
    }
    const offset = this.chunkOffset + index;
    return { offset, line, column: offset - lineStart + 1 };
  }

  private stop(chunk: string, index: number, message: string): void {
    this.fault = { ...this.position(chunk, index), message };
  }

  private unexpected(chunk: string, index: number, expected: string): void {
    this.stop(chunk, index, `${describeChar(chunk.charCodeAt(index))} where ${expected} should be`);
  }

  private scan(chunk: string): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case STRING: {
          STRING_RUN.lastIndex = i;
          if (this.escape === 0 && STRING_RUN.test(chunk)) i = STRING_RUN.lastIndex;
          if (i >= n) break;
          const c = chunk.charCodeAt(i);
          if (this.escape === 1) {
            if (c === 0x75) {
              this.escape = 5;
              this.overhead += 4;
            }
            else if (isEscaped(c)) this.escape = 0;
            else return this.stop(chunk, i, `the escape "\\${String.fromCharCode(c)}", which JSON does not have`);
            i++;
          } else if (this.escape > 1) {
            if (!isHex(c)) return this.stop(chunk, i, 'a \\u escape without four hexadecimal digits');
            this.escape = this.escape === 2 ? 0 : this.escape - 1;
            i++;
          } else if (c === QUOTE) {
            i++;
            if (this.stringIsKey) {
              if (!this.endKey(chunk, i)) return;
              this.state = COLON;
            } else {
              if (this.capture === CAPTURE_ENTRY) this.noteLongString(this.chunkOffset + i);
              this.endValue(chunk, i);
            }
          } else if (c === BACKSLASH) {
            this.escape = 1;
            this.overhead += 1;
            i++;
          } else {
            return this.stop(chunk, i, `${describeChar(c)} inside a string (it must be escaped)`);
          }
          break;
        }
        case AFTER: {
          const c = chunk.charCodeAt(i);
          if (isSpace(c)) {
            i = skipSpace(chunk, i + 1);
            break;
          }
          const kind = this.kinds[this.kinds.length - 1];
          if (c === 0x2c) {
            this.state = kind === OBJECT ? KEY : VALUE;
            i++;
          } else if ((c === 0x7d && kind === OBJECT) || (c === 0x5d && kind === ARRAY)) {
            i++;
            this.close(chunk, i);
          } else {
            return this.unexpected(chunk, i, kind === OBJECT ? 'a comma or "}"' : 'a comma or "]"');
          }
          break;
        }
        case NUMBER: {
          const from = i;
          while (i < n && isNumberChar(chunk.charCodeAt(i))) i++;
          if (i >= n) {
            this.numberText += chunk.slice(from);
            break;
          }
          if (!this.endNumber(chunk.slice(from, i), i, chunk)) return;
          break;
        }
        case LITERAL: {
          const c = chunk.charCodeAt(i);
          if (c !== this.literal.charCodeAt(this.literalAt)) return this.unexpected(chunk, i, `"${this.literal}"`);
          i++;
          this.literalAt++;
          if (this.literalAt === this.literal.length) this.endValue(chunk, i);
          break;
        }
        case COLON: {
          const c = chunk.charCodeAt(i);
          if (isSpace(c)) i++;
          else if (c === 0x3a) {
            this.state = VALUE;
            i++;
          } else return this.unexpected(chunk, i, 'a colon');
          break;
        }
        case DONE: {
          const c = chunk.charCodeAt(i);
          if (!isSpace(c)) return this.stop(chunk, i, `${describeChar(c)} after the end of the JSON`);
          i++;
          break;
        }
        default: {
          // VALUE, VALUE_OR_CLOSE, KEY_OR_CLOSE, KEY
          const c = chunk.charCodeAt(i);
          if (isSpace(c)) {
            i = skipSpace(chunk, i + 1);
            break;
          }
          if (this.state === KEY || this.state === KEY_OR_CLOSE) {
            if (c === QUOTE) {
              this.beginKey(i);
              i++;
            } else if (c === 0x7d && this.state === KEY_OR_CLOSE) {
              i++;
              this.close(chunk, i);
            } else return this.unexpected(chunk, i, this.state === KEY ? 'a key in quotes' : 'a key in quotes or "}"');
            break;
          }
          if (c === 0x5d && this.state === VALUE_OR_CLOSE) {
            i++;
            this.close(chunk, i);
            break;
          }
          if (!this.beginValue(chunk, i, c)) return;
          i++;
        }
      }
    }
  }

  private beginKey(i: number): void {
    this.state = STRING;
    this.stringIsKey = true;
    this.escape = 0;
    const role = this.roles[this.roles.length - 1];
    this.keyWanted = role === TOP || role === LOG;
    this.keyText = '';
    this.keyFrom = i;
  }

  /** The key ends before `end`: the one looked for is decoded, anything longer than any of them is no key of interest. */
  private endKey(chunk: string, end: number): boolean {
    this.stringIsKey = false;
    if (!this.keyWanted) return true;
    this.keyWanted = false;
    const raw = this.keyText.length > MAX_KEY_TEXT ? this.keyText : this.keyText + chunk.slice(this.keyFrom, Math.min(end, this.keyFrom + MAX_KEY_TEXT + 1));
    if (raw.length > MAX_KEY_TEXT) {
      this.key = undefined;
      return true;
    }
    this.key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    return true;
  }

  /** A value starts with `c` at `i`; what the HAR makes of it depends on where it stands. */
  private beginValue(chunk: string, i: number, c: number): boolean {
    const depth = this.kinds.length;
    const role = depth === 0 ? PLAIN : this.roles[depth - 1];
    let childRole = PLAIN;
    this.numberSlot = undefined;
    if (depth === 0) {
      if (c === 0x7b) {
        childRole = TOP;
        this.top = {};
        this.document = this.top;
      } else {
        this.document = standIn(c);
        this.numberSlot = (value) => (this.document = value);
      }
    } else if (role === TOP && this.capture === CAPTURE_NONE) {
      if (this.key === 'log') {
        if (c === 0x7b) {
          childRole = LOG;
          this.log = {};
          setMember(this.top!, 'log', this.log);
          this.forget();
          this.handler.pages?.(undefined);
        } else {
          const top = this.top!;
          this.log = undefined;
          setMember(top, 'log', standIn(c));
          this.numberSlot = (value) => setMember(top, 'log', value);
        }
      } else if (this.key === 'format') {
        this.startCapture(CAPTURE_FORMAT, i, depth);
      }
    } else if (role === LOG && this.capture === CAPTURE_NONE) {
      if (this.key === 'entries') {
        if (c === 0x5b) {
          childRole = ENTRIES;
          setMember(this.log!, 'entries', []);
          this.forget();
        } else {
          // Not a list: the file is refused, and the schema says why from the value itself.
          this.startCapture(CAPTURE_ENTRIES, i, depth);
        }
      } else if (this.key === 'pages') {
        this.startCapture(CAPTURE_PAGES, i, depth);
      } else if (this.key === 'version') {
        this.startCapture(CAPTURE_VERSION, i, depth);
      }
    } else if (role === ENTRIES) {
      this.startCapture(CAPTURE_ENTRY, i, depth);
    }

    switch (c) {
      case 0x7b:
        this.kinds.push(OBJECT);
        this.roles.push(childRole);
        this.state = KEY_OR_CLOSE;
        return true;
      case 0x5b:
        this.kinds.push(ARRAY);
        this.roles.push(childRole);
        this.state = VALUE_OR_CLOSE;
        return true;
      case QUOTE:
        this.state = STRING;
        this.stringIsKey = false;
        this.escape = 0;
        this.stringAt = this.chunkOffset + i;
        this.overhead = 0;
        return true;
      case 0x74:
      case 0x66:
      case 0x6e:
        this.literal = LITERALS[c === 0x74 ? 0 : c === 0x66 ? 1 : 2];
        this.literalAt = 1;
        this.state = LITERAL;
        return true;
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          this.numberText = String.fromCharCode(c);
          this.state = NUMBER;
          return true;
        }
        this.unexpected(chunk, i, 'a value');
        return false;
    }
  }

  /** Entries handed before belong to a value JSON.parse would drop. */
  private forget(): void {
    this.entryCount = 0;
    if (this.handed) this.handler.restart?.();
    this.handed = false;
  }

  private startCapture(what: number, i: number, depth: number): void {
    this.capture = what;
    this.captureDepth = depth;
    this.captureFrom = i;
    this.captureAt = this.chunkOffset + i;
    this.pieces.length = 0;
    if (what === CAPTURE_ENTRY) this.longStrings = [];
  }

  /** A string of the entry ended before `end` (in the file): noted when what it holds is long. */
  private noteLongString(end: number): void {
    if (end - this.stringAt - 2 - this.overhead > LONG_STRING) this.longStrings.push(this.stringAt - this.captureAt, end - this.captureAt);
  }

  /** A number ends at `end` (where its last piece `tail` ends) in `chunk`. */
  private endNumber(tail: string, end: number, chunk = ''): boolean {
    const text = this.numberText + tail;
    this.numberText = '';
    if (!NUMBER_TEXT.test(text)) {
      // Where the number starts: on the line where it ends, since a number holds no line break.
      const at = this.position(chunk, end);
      this.fault = { offset: at.offset - text.length, line: at.line, column: at.column - text.length, message: `the number ${JSON.stringify(text.slice(0, 40))} is not written as JSON writes numbers` };
      return false;
    }
    if (this.numberSlot) this.numberSlot(Number(text));
    this.numberSlot = undefined;
    this.endValue(chunk, end);
    return true;
  }

  private close(chunk: string, end: number): void {
    this.kinds.pop();
    this.roles.pop();
    this.endValue(chunk, end);
  }

  /** A value ended before `end` in `chunk`: a captured one is handed over. */
  private endValue(chunk: string, end: number): void {
    const depth = this.kinds.length;
    this.state = depth === 0 ? DONE : AFTER;
    if (this.capture === CAPTURE_NONE || depth !== this.captureDepth) return;
    const last = chunk.slice(this.captureFrom, end);
    // One join, so the text is flat: a rope would be copied again by the first slice or parse of it.
    if (this.pieces.length > 0) this.pieces.push(last);
    const text = this.pieces.length === 0 ? last : this.pieces.join('');
    this.pieces.length = 0;
    const what = this.capture;
    this.capture = CAPTURE_NONE;
    if (what === CAPTURE_ENTRY) {
      this.entryCount++;
      this.handed = true;
      this.handler.entry(text, this.longStrings);
    } else if (what === CAPTURE_FORMAT) {
      setMember(this.top!, 'format', JSON.parse(text));
    } else if (what === CAPTURE_VERSION || what === CAPTURE_ENTRIES) {
      setMember(this.log!, what === CAPTURE_VERSION ? 'version' : 'entries', JSON.parse(text));
    } else {
      const pages: unknown = JSON.parse(text);
      setMember(this.log!, 'pages', pages);
      this.handler.pages?.(pages);
    }
  }
}

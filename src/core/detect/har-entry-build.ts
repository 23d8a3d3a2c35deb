import type { HarEntry, HarHeader } from './har-entry.ts';

/**
 * `harEntrySchema`'s parse written out by hand: the same acceptance and the same output (a
 * property test holds it to the schema on generated entries, hostile ones included), at a
 * fraction of the cost. The devtools page parses every Client API call and candidate answer of a
 * busy page, and the schema's walk was most of what each cost. The schema stays the definition, and
 * gives the message when this refuses.
 *
 * An entry of plain data (what JSON and the DevTools protocol give: ordinary objects, no own
 * `__proto__`) whose caught fields need no replacing is handed back as it is, which is what the
 * schema's copy would equal: a copy of its twenty-odd headers was most of what a parse cost. Anything
 * else is copied as the schema copies it. Either way the result must be treated as read-only.
 */

/** The caps of `harEntrySchema`, which is built from these. */
export const HAR_CAPS = {
  method: 16,
  url: 8192,
  date: 64,
  headerName: 256,
  headerValue: 32 * 1024,
  headers: 1000,
  mimeType: 256,
  /** A body past this is dropped (not fatal): an unrelated big body must not stop a request from being read. */
  text: 1024 * 1024,
  encoding: 32,
} as const;

const REQUEST_KEYS = new Set(['method', 'url', 'headers']);
const RESPONSE_KEYS = new Set(['status', 'headers', 'content']);
const CONTENT_KEYS = new Set(['mimeType', 'text', 'encoding']);
const HEADER_KEYS = new Set(['name', 'value']);
const ENTRY_KEYS = new Set(['startedDateTime', 'time', 'request', 'response']);

type Loose = Record<string, unknown>;

export const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Text within `max`, measured as the schema measures it: in code points (a surrogate pair is one). */
export function isText(value: unknown, max: number): value is string {
  if (typeof value !== 'string') return false;
  if (value.length <= max) return true;
  if (value.length > 2 * max) return false;
  let length = value.length;
  for (let i = 0; i < value.length - 1; i++) {
    if ((value.charCodeAt(i) & 0xfc00) === 0xd800 && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length--;
      i++;
    }
  }
  return length <= max;
}

/**
 * Whether the schema can measure a value where it caps a length: it reads the `length` of anything
 * that has one, text or not, and compares it with a number, which throws for a `length` that is an
 * object with neither a usable `valueOf` nor `toString` (`{"length":{"toString":""}}`). A value
 * it cannot measure fails the whole entry, even where a wrong value is otherwise caught.
 */
export function isMeasurable(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  try {
    const { length } = value as { length?: unknown };
    if (length !== undefined) Number(length);
    return true;
  } catch {
    return false;
  }
}

/** Thrown inside the walk when the schema would refuse; caught once at the top. */
const REFUSED = Symbol('refused');

/** The schema's looseObject: its own keys first, then every other enumerable key as it is (`__proto__` left out, as zod leaves it). */
function looseCopy(input: Loose, known: ReadonlySet<string>, own: Loose): Loose {
  for (const key in input) {
    if (known.has(key) || key === '__proto__') continue;
    own[key] = input[key];
  }
  return own;
}

/** A field kept when it is text within `max`, `fallback` otherwise (the schema's `z.catch`); a value that cannot be measured refuses the entry. */
function caughtText<T>(value: unknown, max: number, fallback: T): string | T {
  if (!isMeasurable(value)) throw REFUSED;
  return isText(value, max) ? value : fallback;
}

function requiredText(value: unknown, max: number): string {
  if (!isText(value, max)) throw REFUSED;
  return value;
}

/** An ordinary object the schema's copy would equal: its prototype is Object's, and it has no own `__proto__` (which the schema drops). */
function isPlain(value: Loose): boolean {
  return Object.getPrototypeOf(value) === Object.prototype && !Object.hasOwn(value, '__proto__');
}

/** The headers as the schema reads them: the list itself when every header is plain and its value text within the cap. */
function headerList(value: unknown): HarHeader[] {
  if (!Array.isArray(value) || value.length > HAR_CAPS.headers) throw REFUSED;
  let asIs = Object.getPrototypeOf(value) === Array.prototype;
  for (let i = 0; i < value.length; i++) {
    const header: unknown = value[i];
    if (!isObject(header)) throw REFUSED;
    requiredText(header.name, HAR_CAPS.headerName);
    const headerValue: unknown = header.value;
    if (!isMeasurable(headerValue)) throw REFUSED;
    if (asIs && !(isText(headerValue, HAR_CAPS.headerValue) && isPlain(header))) asIs = false;
  }
  if (asIs) return value as HarHeader[];
  const headers: HarHeader[] = [];
  for (let i = 0; i < value.length; i++) {
    const header = value[i] as Loose;
    const name = header.name as string;
    headers.push(looseCopy(header, HEADER_KEYS, { name, value: caughtText(header.value, HAR_CAPS.headerValue, '') }) as HarHeader);
  }
  return headers;
}

/** An optional caught field: absent stays absent, present but wrong is present as undefined. */
function setOptionalText(into: Loose, from: Loose, key: string, max: number): void {
  if (!(key in from)) return;
  into[key] = caughtText(from[key], max, undefined);
}

/** Whether an optional caught field is absent, or text within its cap: as the schema would keep it. */
function keptAsIs(from: Loose, key: string, max: number): boolean {
  if (!(key in from)) return true;
  const value = from[key];
  return value === undefined || isText(value, max);
}

function content(value: unknown): HarEntry['response']['content'] {
  if (!isObject(value)) throw REFUSED;
  const mimeType: unknown = value.mimeType;
  if (!isMeasurable(mimeType) || !isMeasurable(value.text) || !isMeasurable(value.encoding)) throw REFUSED;
  if (isText(mimeType, HAR_CAPS.mimeType) && keptAsIs(value, 'text', HAR_CAPS.text) && keptAsIs(value, 'encoding', HAR_CAPS.encoding) && isPlain(value)) {
    return value as HarEntry['response']['content'];
  }
  const own: Loose = { mimeType: caughtText(mimeType, HAR_CAPS.mimeType, '') };
  setOptionalText(own, value, 'text', HAR_CAPS.text);
  setOptionalText(own, value, 'encoding', HAR_CAPS.encoding);
  return looseCopy(value, CONTENT_KEYS, own) as HarEntry['response']['content'];
}

function build(raw: unknown): HarEntry {
  if (!isObject(raw)) throw REFUSED;
  const startedDateTime = requiredText(raw.startedDateTime, HAR_CAPS.date);
  if (Number.isNaN(Date.parse(startedDateTime))) throw REFUSED;
  const time = raw.time;
  if (typeof time !== 'number' || !Number.isFinite(time)) throw REFUSED;

  const request: unknown = raw.request;
  if (!isObject(request)) throw REFUSED;
  const method = requiredText(request.method, HAR_CAPS.method);
  const url = requiredText(request.url, HAR_CAPS.url);
  const requestHeaders = headerList(request.headers);

  const response: unknown = raw.response;
  if (!isObject(response)) throw REFUSED;
  const status = response.status;
  if (!Number.isSafeInteger(status)) throw REFUSED;
  const responseHeaders = headerList(response.headers);
  const responseContent = content(response.content);

  const requestAsIs = requestHeaders === request.headers && isPlain(request);
  const responseAsIs = responseHeaders === response.headers && responseContent === response.content && isPlain(response);
  if (requestAsIs && responseAsIs && isPlain(raw)) return raw as HarEntry;
  return looseCopy(raw, ENTRY_KEYS, {
    startedDateTime,
    time,
    request: requestAsIs ? request : looseCopy(request, REQUEST_KEYS, { method, url, headers: requestHeaders }),
    response: responseAsIs ? response : looseCopy(response, RESPONSE_KEYS, { status, headers: responseHeaders, content: responseContent }),
  }) as HarEntry;
}

/** The entry `parseHarEntry` gives, or undefined where the schema refuses it (a throwing getter included). */
export function buildHarEntry(raw: unknown): HarEntry | undefined {
  try {
    return build(raw);
  } catch {
    return undefined;
  }
}

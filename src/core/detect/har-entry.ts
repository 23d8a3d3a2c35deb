import { z } from '../zod.ts';
import { fail, ok, type Result } from '../result.ts';
import { decodeBase64Text } from '../connect/base64-text.ts';
import { safeParse } from '../safe-parse.ts';
import { buildHarEntry, HAR_CAPS } from './har-entry-build.ts';

/**
 * The part of a HAR 1.2 entry this extension reads. Chrome's `devtools.network.onRequestFinished`
 * and "Save all as HAR" both give it; everything else in an entry is kept but not looked at.
 *
 * Caps: a body or header value past its cap is dropped (not fatal), since an unrelated big body or
 * cookie must not stop a request from being read; the fields we decide on are far shorter.
 */
export const HAR_TEXT_MAX_LENGTH = HAR_CAPS.text;

const maxText = (max: number) => z.string().check(z.maxLength(max));

const headerSchema = z.looseObject({
  name: maxText(HAR_CAPS.headerName),
  value: z.catch(maxText(HAR_CAPS.headerValue), ''),
});
export type HarHeader = z.infer<typeof headerSchema>;

const headersSchema = z.array(headerSchema).check(z.maxLength(HAR_CAPS.headers));

export const harEntrySchema = z.looseObject({
  startedDateTime: maxText(HAR_CAPS.date).check(z.refine((s) => !Number.isNaN(Date.parse(s)), 'not a date')),
  /** Total time in milliseconds; HAR uses -1 for "not known". */
  time: z.number(),
  request: z.looseObject({
    method: maxText(HAR_CAPS.method),
    url: maxText(HAR_CAPS.url),
    headers: headersSchema,
  }),
  response: z.looseObject({
    /** 0 when the request failed (network error, CORS, blocked). */
    status: z.number().check(z.int()),
    headers: headersSchema,
    content: z.looseObject({
      mimeType: z.catch(maxText(HAR_CAPS.mimeType), ''),
      text: z.catch(z.optional(maxText(HAR_TEXT_MAX_LENGTH)), undefined),
      encoding: z.catch(z.optional(maxText(HAR_CAPS.encoding)), undefined),
    }),
  }),
});
export type HarEntry = z.infer<typeof harEntrySchema>;

/** The entry as `harEntrySchema` reads it: by `buildHarEntry` (the same, faster), and by the schema for the reason when that refuses. */
export function parseHarEntry(raw: unknown): Result<HarEntry> {
  const built = buildHarEntry(raw);
  if (built) return ok(built);
  return parseHarEntryBySchema(raw);
}

/** The schema's own parse: the definition `buildHarEntry` is held to. */
export function parseHarEntryBySchema(raw: unknown): Result<HarEntry> {
  const parsed = safeParse(harEntrySchema, raw);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  return fail(`not a HAR entry: ${issue ? `${issue.path.join('.') || 'entry'}: ${issue.message}` : 'invalid'}`);
}

/**
 * Whether a header name is `lower` (lower-case ASCII) in any case. Only `A`–`Z` lower to ASCII
 * letters (and the Kelvin sign to `k`), one for one, so a name of another length or with another
 * first letter never is: two looks that spare nearly every header of a request its `toLowerCase`.
 */
export function isNamed(name: string, lower: string): boolean {
  return name.length === lower.length && (name.charCodeAt(0) | 0x20) === lower.charCodeAt(0) && name.toLowerCase() === lower;
}

/** The first header of that name; HTTP header names are case-insensitive (HTTP/2 sends them lowercase). */
export function headerValue(headers: readonly HarHeader[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const header of headers) if (isNamed(header.name, wanted)) return header.value;
  return undefined;
}

/** The response body as text, decoding HAR's `encoding: "base64"`; undefined when not captured. */
export function responseText(entry: HarEntry): string | undefined {
  const { text, encoding } = entry.response.content;
  if (text === undefined || !encoding) return text;
  if (encoding !== 'base64') return undefined;
  const decoded = decodeBase64Text(text);
  return decoded.ok ? decoded.value : undefined;
}

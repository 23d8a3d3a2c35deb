import { z } from '../zod.ts';
import { fail, ok, type Result } from '../result.ts';
import { decodeBase64Text } from '../connect/base64-text.ts';
import { safeParse } from '../safe-parse.ts';

/**
 * The part of a HAR 1.2 entry this extension reads. Chrome's `devtools.network.onRequestFinished`
 * and "Save all as HAR" both give it; everything else in an entry is kept but not looked at.
 *
 * Caps: a body or header value past its cap is dropped (not fatal), since an unrelated big body or
 * cookie must not stop a request from being read; the fields we decide on are far shorter.
 */
export const HAR_TEXT_MAX_LENGTH = 1024 * 1024;

const maxText = (max: number) => z.string().check(z.maxLength(max));

const headerSchema = z.looseObject({
  name: maxText(256),
  value: z.catch(maxText(32 * 1024), ''),
});
export type HarHeader = z.infer<typeof headerSchema>;

const headersSchema = z.array(headerSchema).check(z.maxLength(1000));

export const harEntrySchema = z.looseObject({
  startedDateTime: maxText(64).check(z.refine((s) => !Number.isNaN(Date.parse(s)), 'not a date')),
  /** Total time in milliseconds; HAR uses -1 for "not known". */
  time: z.number(),
  request: z.looseObject({
    method: maxText(16),
    url: maxText(8192),
    headers: headersSchema,
  }),
  response: z.looseObject({
    /** 0 when the request failed (network error, CORS, blocked). */
    status: z.number().check(z.int()),
    headers: headersSchema,
    content: z.looseObject({
      mimeType: z.catch(maxText(256), ''),
      text: z.catch(z.optional(maxText(HAR_TEXT_MAX_LENGTH)), undefined),
      encoding: z.catch(z.optional(maxText(32)), undefined),
    }),
  }),
});
export type HarEntry = z.infer<typeof harEntrySchema>;

export function parseHarEntry(raw: unknown): Result<HarEntry> {
  const parsed = safeParse(harEntrySchema, raw);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  return fail(`not a HAR entry: ${issue ? `${issue.path.join('.') || 'entry'}: ${issue.message}` : 'invalid'}`);
}

/** The first header of that name; HTTP header names are case-insensitive (HTTP/2 sends them lowercase). */
export function headerValue(headers: readonly HarHeader[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === wanted)?.value;
}

/** The response body as text, decoding HAR's `encoding: "base64"`; undefined when not captured. */
export function responseText(entry: HarEntry): string | undefined {
  const { text, encoding } = entry.response.content;
  if (text === undefined || !encoding) return text;
  if (encoding !== 'base64') return undefined;
  const decoded = decodeBase64Text(text);
  return decoded.ok ? decoded.value : undefined;
}

import { z } from 'zod';
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

const headerSchema = z
  .object({
    name: z.string().max(256),
    value: z.string().max(32 * 1024).catch(''),
  })
  .loose();
export type HarHeader = z.infer<typeof headerSchema>;

const headersSchema = z.array(headerSchema).max(1000);

export const harEntrySchema = z
  .object({
    startedDateTime: z
      .string()
      .max(64)
      .refine((s) => !Number.isNaN(Date.parse(s)), 'not a date'),
    /** Total time in milliseconds; HAR uses -1 for "not known". */
    time: z.number(),
    request: z
      .object({
        method: z.string().max(16),
        url: z.string().max(8192),
        headers: headersSchema,
      })
      .loose(),
    response: z
      .object({
        /** 0 when the request failed (network error, CORS, blocked). */
        status: z.number().int(),
        headers: headersSchema,
        content: z
          .object({
            mimeType: z.string().max(256).catch(''),
            text: z.string().max(HAR_TEXT_MAX_LENGTH).optional().catch(undefined),
            encoding: z.string().max(32).optional().catch(undefined),
          })
          .loose(),
      })
      .loose(),
  })
  .loose();
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

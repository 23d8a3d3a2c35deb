import { fail, ok, type Result } from '../result.ts';

/**
 * Standard (`+/`, `=` padded, as `btoa` and the v4 SDK's own encoder write it) and URL-safe
 * (`-_`, unpadded, as the Android SDK writes it) alphabets, in one pattern: a header is never
 * both, but accepting either per character costs nothing and avoids guessing first.
 */
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Decodes base64 to text. Never throws: `atob` and `TextDecoder` errors become reasons. */
export function decodeBase64Text(input: string): Result<string> {
  const trimmed = input.trim();
  if (trimmed === '') return fail('empty');
  if (!BASE64.test(trimmed)) return fail('not base64: it has characters outside the base64 alphabets');
  const unpadded = trimmed.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  // A length of 4n+1 cannot come from any byte string.
  if (unpadded.length % 4 === 1) return fail('not base64: its length cannot come from any data');
  let binary: string;
  try {
    binary = atob(unpadded + '='.repeat((4 - (unpadded.length % 4)) % 4));
  } catch {
    return fail('not base64');
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  try {
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    // The v4 SDK encodes UTF-16 code units, not UTF-8 bytes: for text below U+0100 that is Latin-1.
    return ok(binary);
  }
}

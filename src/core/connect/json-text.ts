import { fail, ok, type Result } from '../result.ts';

/** Parses JSON text from outside, refusing text longer than `maxLength` before any work is done. */
export function parseJsonText(text: string, maxLength: number): Result<unknown> {
  if (text.length > maxLength) return fail(`too long to read (${text.length} characters, limit ${maxLength})`);
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return fail('not JSON');
  }
}

/** A JSON object, as opposed to an array, a string, a number or null. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { z } from './zod.ts';

/**
 * `schema.safeParse(value)` that never throws. zod measures a `length` before it knows the value is
 * a string or an array, so where text or a list is expected, `{"length":{"toString":""}}` (valid JSON)
 * throws "Cannot convert object to primitive value" out of safeParse. Here that is a failed parse.
 */
export function safeParse<S extends z.core.$ZodType>(schema: S, value: unknown): z.util.SafeParseResult<z.output<S>> {
  try {
    return z.safeParse(schema, value);
  } catch {
    const error = new z.core.$ZodRealError([{ code: 'custom', message: 'a value that cannot be measured', path: [], input: value }]);
    return { success: false, error: error as z.core.$ZodError<z.output<S>> };
  }
}

import { z } from '../zod.ts';
import { SESSION_EXPIRED_CODE } from './error-codes.ts';
import { isJsonObject } from './json-text.ts';

/** One entry of the platform's error list (connect-sdk-nodejs APIError). */
export const apiErrorSchema = z.looseObject({
  code: z.string(),
  id: z.optional(z.string()),
  category: z.optional(z.string()),
  message: z.optional(z.string()),
  httpStatusCode: z.optional(z.number()),
  propertyName: z.optional(z.string()),
  requestId: z.optional(z.string()),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** "For every 4xx and 5xx response an errorId and an array of errors is returned." */
export const errorResponseSchema = z.looseObject({ errorId: z.string(), errors: z.array(apiErrorSchema) });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** The optional text fields of `apiErrorSchema`. */
const API_ERROR_TEXT_FIELDS = ['id', 'category', 'message', 'propertyName', 'requestId'] as const;

/**
 * The codes of an error answer's errors, in order, where `errorResponseSchema` accepts the value;
 * undefined where it refuses it. The schema's parse written out by hand (a property test holds the
 * two together on generated and hostile values): the devtools page reads every error answer of a
 * page's Client API calls, and errors come too seldom for the engine ever to make the schema's walk
 * fast, which then cost a hundred microseconds each, as much as a thousand other entries.
 */
export function errorCodesOf(value: unknown): string[] | undefined {
  if (!isJsonObject(value) || typeof value.errorId !== 'string') return undefined;
  const { errors } = value;
  if (!Array.isArray(errors)) return undefined;
  const codes: string[] = [];
  for (let i = 0; i < errors.length; i++) {
    const error: unknown = errors[i];
    if (!isJsonObject(error) || typeof error.code !== 'string') return undefined;
    for (const field of API_ERROR_TEXT_FIELDS) if (error[field] !== undefined && typeof error[field] !== 'string') return undefined;
    const status = error.httpStatusCode;
    if (status !== undefined && !(typeof status === 'number' && Number.isFinite(status))) return undefined;
    codes.push(error.code);
  }
  return codes;
}

export { SESSION_EXPIRED_CODE, SESSION_EXPIRED_ID } from './error-codes.ts';

export function isSessionExpired(status: number, body: unknown): boolean {
  if (status !== 403) return false;
  const parsed = errorResponseSchema.safeParse(body);
  return parsed.success && parsed.data.errors.some((e) => e.code === SESSION_EXPIRED_CODE);
}

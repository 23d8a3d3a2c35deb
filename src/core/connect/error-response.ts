import { z } from '../zod.ts';
import { SESSION_EXPIRED_CODE } from './error-codes.ts';

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

export { SESSION_EXPIRED_CODE, SESSION_EXPIRED_ID } from './error-codes.ts';

export function isSessionExpired(status: number, body: unknown): boolean {
  if (status !== 403) return false;
  const parsed = errorResponseSchema.safeParse(body);
  return parsed.success && parsed.data.errors.some((e) => e.code === SESSION_EXPIRED_CODE);
}

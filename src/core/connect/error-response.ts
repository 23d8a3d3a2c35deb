import { z } from '../zod.ts';

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

/** The platform's answer to an unknown or expired client session. */
export const SESSION_EXPIRED_CODE = '9008';
export const SESSION_EXPIRED_ID = 'ACCESS_TO_CONSUMER_ID_NOT_ALLOWED';

export function isSessionExpired(status: number, body: unknown): boolean {
  if (status !== 403) return false;
  const parsed = errorResponseSchema.safeParse(body);
  return parsed.success && parsed.data.errors.some((e) => e.code === SESSION_EXPIRED_CODE);
}

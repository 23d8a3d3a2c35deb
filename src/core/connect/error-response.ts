import { z } from 'zod';

/** One entry of the platform's error list (connect-sdk-nodejs APIError). */
export const apiErrorSchema = z
  .object({
    code: z.string(),
    id: z.string().optional(),
    category: z.string().optional(),
    message: z.string().optional(),
    httpStatusCode: z.number().optional(),
    propertyName: z.string().optional(),
    requestId: z.string().optional(),
  })
  .loose();
export type ApiError = z.infer<typeof apiErrorSchema>;

/** "For every 4xx and 5xx response an errorId and an array of errors is returned." */
export const errorResponseSchema = z
  .object({ errorId: z.string(), errors: z.array(apiErrorSchema) })
  .loose();
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** The platform's answer to an unknown or expired client session. */
export const SESSION_EXPIRED_CODE = '9008';
export const SESSION_EXPIRED_ID = 'ACCESS_TO_CONSUMER_ID_NOT_ALLOWED';

export function isSessionExpired(status: number, body: unknown): boolean {
  if (status !== 403) return false;
  const parsed = errorResponseSchema.safeParse(body);
  return parsed.success && parsed.data.errors.some((e) => e.code === SESSION_EXPIRED_CODE);
}

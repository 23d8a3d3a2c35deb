/**
 * The platform's error codes the extension acts on, without the schemas of error-response.ts, so
 * code that only compares codes (deriving sessions, in the panel) does not load zod.
 */

/** The platform's answer to an unknown or expired client session. */
export const SESSION_EXPIRED_CODE = '9008';
export const SESSION_EXPIRED_ID = 'ACCESS_TO_CONSUMER_ID_NOT_ALLOWED';

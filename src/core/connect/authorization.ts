import { fail, type Result } from '../result.ts';
import { parseClientSessionId } from './ids.ts';

/**
 * `Authorization: GCS v1Client:<clientSessionId>`, sent by every client SDK. The scheme is matched
 * without regard to case or spacing around it, as an HTTP stack may pass it on; the server-to-server
 * `GCS v1HMAC:<keyId>:<signature>` is refused by name, since it means a leaked server call.
 */
const CLIENT = /^GCS\s+v1Client\s*:\s*(\S+)$/i;
const HMAC = /^GCS\s+v1HMAC\s*:/i;

export function parseClientAuthorization(value: string | undefined): Result<string> {
  if (value === undefined) return fail('no Authorization header');
  const trimmed = value.trim();
  // A real value is about 45 characters; the cap keeps the regex from ever running on a huge string.
  if (trimmed.length > 512) return fail('Authorization header too long to be GCS v1Client');
  if (HMAC.test(trimmed)) return fail('GCS v1HMAC: a Server API signature, not a client session');
  const match = CLIENT.exec(trimmed);
  if (!match) return fail('Authorization is not GCS v1Client');
  const id = parseClientSessionId(match[1] ?? '');
  return id.ok ? id : fail(`GCS v1Client with a value that is ${id.reason}`);
}

import { maskSecret } from '../connect/ids.ts';

/**
 * A clientSessionId is a bearer credential for two hours. Everything that leaves the panel (a copied
 * command, an export file) goes through here unless the user chose to reveal it.
 */

/**
 * The value after `GCS v1Client:`, wherever it appears (a header, a body that echoes one, a message).
 * It ends where the id alphabet of ids.ts ends, so the text around it in a body stays readable; the
 * ellipsis is included so that an already masked value is seen whole and left as it is.
 */
const CLIENT_AUTHORIZATION = /(GCS\s+v1Client\s*:\s*)([0-9A-Za-z_…-]+)/gi;

/** Shorter strings are not ids (ids.ts wants 16 or more); replacing them would mangle unrelated text. */
const MIN_SECRET_LENGTH = 8;

/** A mask keeps an ellipsis, so masking a masked value again changes nothing. */
function mask(value: string): string {
  return value.includes('…') ? value : maskSecret(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The session ids a text gives away in `GCS v1Client:` values. */
export function findSessionIds(text: string): string[] {
  return [...text.matchAll(CLIENT_AUTHORIZATION)].flatMap((match) => (match[2] && !match[2].includes('…') ? [match[2]] : []));
}

/** Masks every known session id, in any letter case, and any `GCS v1Client:` value, in one text. */
export function redactText(text: string, sessionIds: readonly string[]): string {
  let redacted = text.replace(CLIENT_AUTHORIZATION, (_match, prefix: string, value: string) => `${prefix}${mask(value)}`);
  // Until nothing changes: a mask next to the rest of a text can spell an id again (`abcd…abcd` + `efgh…`).
  for (let before = ''; before !== redacted; ) {
    before = redacted;
    for (const id of new Set(sessionIds)) {
      if (id.length < MIN_SECRET_LENGTH) continue;
      redacted = redacted.replace(new RegExp(escapeRegExp(id), 'gi'), mask(id));
    }
  }
  return redacted;
}

/** Every string in a JSON-like value, keys included, redacted. The value is copied, never changed. */
export function redactDeep<T>(value: T, sessionIds: readonly string[]): T {
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return redactText(node, sessionIds);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [redactText(key, sessionIds), walk(child)]));
    }
    return node;
  };
  return walk(value) as T;
}

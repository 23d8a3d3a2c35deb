/**
 * `Retry-After` (RFC 9110 §10.2.3): either delay-seconds or an HTTP date. Returns the wait in
 * milliseconds from `now` (epoch ms), 0 for a date already past, or undefined for a value in
 * neither form, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Number(trimmed) * 1000;
  // Every HTTP date form starts with a weekday; requiring one keeps Date.parse from accepting "5s" or "1.5".
  if (trimmed.length > 64 || !/^[A-Za-z]{3,9},? /.test(trimmed)) return undefined;
  // The asctime form carries no zone but means GMT; without one, Date.parse would read local time.
  const at = Date.parse(/GMT$/i.test(trimmed) ? trimmed : `${trimmed} GMT`);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

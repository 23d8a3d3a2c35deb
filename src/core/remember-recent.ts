/**
 * `compute` with the answers for the last few keys kept. A busy page repeats a handful of strings
 * (its own URL in every Referer, a dozen content types, the one status URL it polls, its SDK's
 * meta-info header): a lookup of a string V8 has hashed once costs far less than reading it again.
 * Answers must be immutable, since every caller with that key gets the same one. Keys longer than
 * `maxKeyLength` are computed every time rather than kept; when `size` keys are kept, all are
 * forgotten at once (cheaper than an order to keep, and a page's few keys come back at once).
 */
export function rememberRecent<V>(size: number, maxKeyLength: number, compute: (key: string) => V): (key: string) => V {
  const kept = new Map<string, V>();
  return (key) => {
    const known = kept.get(key);
    if (known !== undefined || kept.has(key)) return known as V;
    const value = compute(key);
    if (key.length <= maxKeyLength) {
      if (kept.size >= size) kept.clear();
      kept.set(key, value);
    }
    return value;
  };
}

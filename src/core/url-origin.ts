/** The origin of an http(s) URL, or undefined for anything else (a bad URL, `data:`, `chrome-extension:`). */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Client API is called from shoppers' browsers on the merchant's origin, and from the
 * extension's own origin; the SDKs send no credentials, so any origin may read the answers.
 */
const CLIENT_API_HEADERS = 'Authorization, Content-Type, X-GCS-ClientMetaInfo, Accept';

export function corsHeaders(responseHeaders: Record<string, string> = {}): Record<string, string> {
  const exposed = Object.keys(responseHeaders).filter((name) => name.toLowerCase() === 'retry-after');
  return {
    'Access-Control-Allow-Origin': '*',
    ...(exposed.length > 0 && { 'Access-Control-Expose-Headers': exposed.join(', ') }),
  };
}

export function preflightHeaders(): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': CLIENT_API_HEADERS,
    'Access-Control-Max-Age': '600',
  };
}

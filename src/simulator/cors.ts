/**
 * CORS of the simulator's APIs.
 *
 * The Client API is called from shoppers' browsers on the merchant's pages; the SDKs send no
 * credentials. The platform only says that its servers support CORS, not for which origins, so the
 * Client API has two modes:
 * - `any` (default): every origin may read the answers (`*`), the extension's own included;
 * - `merchant`: only web pages (`http:` and `https:` origins) may. Create Session is a
 *   server-to-server call that names no page, so a platform cannot know a merchant's origins in
 *   advance; refusing every non-web origin is the strictest rule it could apply, and it refuses
 *   exactly what an extension sends (`chrome-extension://…`, `moz-extension://…`, `null`).
 *
 * A refused request is still answered, without CORS headers: the browser, not the server, keeps its
 * answer from the caller. The control API (the simulator's own, used by the panel's demo controls)
 * always answers `*`.
 */
export const CORS_MODES = ['any', 'merchant'] as const;
export type CorsMode = (typeof CORS_MODES)[number];

const CLIENT_API_HEADERS = 'Authorization, Content-Type, X-GCS-ClientMetaInfo, Accept';

/** Whether the Client API answers CORS for a request's `Origin` in this mode. */
export function admitsOrigin(mode: CorsMode, origin: string | undefined): boolean {
  if (mode === 'any') return true;
  if (origin === undefined) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin;
  } catch {
    return false;
  }
}

function exposedHeaders(responseHeaders: Record<string, string>): Record<string, string> {
  const exposed = Object.keys(responseHeaders).filter((name) => name.toLowerCase() === 'retry-after');
  return exposed.length > 0 ? { 'Access-Control-Expose-Headers': exposed.join(', ') } : {};
}

/** The control API's answers: any origin. */
export function corsHeaders(responseHeaders: Record<string, string> = {}): Record<string, string> {
  return { 'Access-Control-Allow-Origin': '*', ...exposedHeaders(responseHeaders) };
}

/** A Client API answer's CORS headers for the request's `Origin`; none when the origin is refused. */
export function clientApiCorsHeaders(
  mode: CorsMode,
  origin: string | undefined,
  responseHeaders: Record<string, string> = {},
): Record<string, string> {
  if (mode === 'any') return corsHeaders(responseHeaders);
  if (!admitsOrigin(mode, origin) || origin === undefined) return { Vary: 'Origin' };
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', ...exposedHeaders(responseHeaders) };
}

/**
 * A Client API answer's headers as the mode wants them: in `merchant` mode, the `*` the pipeline
 * adds gives way to the request's own origin, or to nothing when that origin is refused.
 */
export function withClientApiCors(mode: CorsMode, origin: string | undefined, headers: Record<string, string> = {}): Record<string, string> {
  if (mode === 'any') return headers;
  const rest = Object.fromEntries(Object.entries(headers).filter(([name]) => !name.toLowerCase().startsWith('access-control-')));
  return { ...rest, ...clientApiCorsHeaders(mode, origin, rest) };
}

/** The answer to a preflight: the Client API's follows the mode, every other path admits any origin. */
export function preflight(mode: CorsMode, path: string, origin: string | undefined): { status: number; headers: Record<string, string> } {
  const clientApi = path.startsWith('/client/');
  if (clientApi && !admitsOrigin(mode, origin)) return { status: 403, headers: { Vary: 'Origin' } };
  const allowOrigin: Record<string, string> =
    clientApi && mode === 'merchant' && origin !== undefined
      ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' }
      : { 'Access-Control-Allow-Origin': '*' };
  return {
    status: 204,
    headers: {
      ...allowOrigin,
      'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': CLIENT_API_HEADERS,
      'Access-Control-Max-Age': '600',
    },
  };
}

import { fail, ok, type Result } from '../../core/result.ts';

/** The part of the browser's `permissions` API used here; a fake in tests. */
export interface PermissionsApi {
  request(permissions: { origins: string[] }): Promise<boolean>;
  /** What the extension may reach now, the content scripts' hosts included (`contains` leaves those out). */
  getAll(): Promise<{ origins?: string[] }>;
  remove(permissions: { origins: string[] }): Promise<boolean>;
}

/**
 * - `granted`: the extension may fetch the origin without CORS (Chrome skips the preflight and sends
 *   no `Origin`), so polls work even when the Client API answers CORS only for merchant pages;
 * - `declined`: the user said no in the browser's prompt;
 * - `unavailable`: the browser could not ask (no `permissions` API in this page, as in Firefox's
 *   DevTools, or an error); polls then rely on the Client API answering CORS for the extension.
 */
export type HostAccessAnswer = { kind: 'granted' } | { kind: 'declined' } | { kind: 'unavailable'; reason: string };

/** The optional host permission for one Client API origin, asked when the user approves that origin. */
export interface HostAccess {
  /** Call it first thing in the click handler: the browser asks only within the user's gesture. */
  request(origin: string): Promise<HostAccessAnswer>;
  has(origin: string): Promise<boolean>;
  /** Gives the permission back; true when nothing is left. */
  remove(origin: string): Promise<boolean>;
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/**
 * The match pattern of exactly one origin, port included (a pattern without a port would cover
 * every port of the host). The origin comes from the page, so anything else is refused.
 */
export function originPattern(origin: string): Result<string> {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return fail(`not an origin: ${origin}`);
  }
  const defaultPort = DEFAULT_PORTS[url.protocol];
  if (!defaultPort || url.origin !== origin || url.hostname.includes('*')) return fail(`not an http(s) origin: ${origin}`);
  return ok(`${url.protocol}//${url.hostname}:${url.port || defaultPort}/*`);
}

const MATCH_PATTERN = /^(\*|https?):\/\/(\*|\*\.[^/:*]+|[^/:*]+)(?::(\*|\d+))?\/.*$/;

/** Whether a granted match pattern (`http://*\/*`, `https://*.example.com/*`, `<all_urls>`…) covers an origin. */
export function patternCoversOrigin(pattern: string, origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const scheme = url.protocol.slice(0, -1);
  const defaultPort = DEFAULT_PORTS[url.protocol];
  if (!defaultPort) return false;
  if (pattern === '<all_urls>') return true;
  const match = MATCH_PATTERN.exec(pattern);
  if (!match) return false;
  const [, patternScheme, host = '', port] = match;
  if (patternScheme !== '*' && patternScheme !== scheme) return false;
  const hostMatches =
    host === '*' || (host.startsWith('*.') ? url.hostname === host.slice(2) || url.hostname.endsWith(host.slice(1)) : url.hostname === host);
  return hostMatches && (port === undefined || port === '*' || port === (url.port || defaultPort));
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createHostAccess(permissions: PermissionsApi | undefined): HostAccess {
  const access: HostAccess = {
    request(origin) {
      const pattern = originPattern(origin);
      if (!pattern.ok) return Promise.resolve({ kind: 'unavailable', reason: pattern.reason });
      if (!permissions) return Promise.resolve({ kind: 'unavailable', reason: 'this browser cannot ask for host access here' });
      // Chrome prompts even for an origin that the content scripts' http and https matches already
      // open to the extension, so ask only when access is missing (the user restricted the
      // extension's site access). The click's activation lasts seconds, far longer than this check.
      const asked = access.has(origin).then((has) => has || permissions.request({ origins: [pattern.value] }));
      return asked.then(
        (granted): HostAccessAnswer => (granted ? { kind: 'granted' } : { kind: 'declined' }),
        (error: unknown): HostAccessAnswer => ({ kind: 'unavailable', reason: describe(error) }),
      );
    },
    async has(origin) {
      if (!originPattern(origin).ok || !permissions) return false;
      const granted = await permissions.getAll().catch(() => ({ origins: [] }));
      return (granted.origins ?? []).some((pattern) => patternCoversOrigin(pattern, origin));
    },
    async remove(origin) {
      const pattern = originPattern(origin);
      if (!pattern.ok || !permissions) return true;
      // Chrome refuses to remove what the content scripts' matches grant; only the user can, in its settings.
      await permissions.remove({ origins: [pattern.value] }).catch(() => false);
      return !(await access.has(origin));
    },
  };
  return access;
}

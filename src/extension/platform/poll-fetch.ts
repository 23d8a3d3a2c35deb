import type { PollFetch } from '../../core/poll/poller.ts';
import { originOf } from '../../core/url-origin.ts';
import type { HostAccess } from './host-access.ts';

/**
 * The panel's fetch for status polls. No cookies, no cache, and no redirects: the request carries a
 * bearer credential and must reach exactly the approved Client API, nothing else.
 *
 * It leaves from the panel's own page, never from the inspected page. With the host permission for
 * the origin, the browser sends it without a preflight or an `Origin`; without it, the Client API must
 * answer CORS for the extension, and a network error says so.
 */
export function createPanelPollFetch(hostAccess: Pick<HostAccess, 'has'>): PollFetch {
  return async (request, signal) => {
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        signal,
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
        referrerPolicy: 'no-referrer',
      });
    } catch (error) {
      const origin = originOf(request.url);
      if (signal.aborted || !(error instanceof TypeError) || !origin || (await hostAccess.has(origin))) throw error;
      throw new TypeError(`${error.message} (${origin} may not answer CORS for extensions: grant access under Approved origins)`);
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return { status: response.status, headers, bodyText: await response.text() };
  };
}

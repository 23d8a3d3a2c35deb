import type { PollFetch } from '../../core/poll/poller.ts';

/**
 * The panel's fetch for status polls. No cookies, no cache, and no redirects: the request carries a
 * bearer credential and must reach exactly the approved Client API, nothing else.
 */
export const panelPollFetch: PollFetch = async (request, signal) => {
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    signal,
    credentials: 'omit',
    cache: 'no-store',
    redirect: 'error',
    referrerPolicy: 'no-referrer',
  });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { status: response.status, headers, bodyText: await response.text() };
};


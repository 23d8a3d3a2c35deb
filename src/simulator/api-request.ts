import type { IncomingHttpHeaders } from 'node:http';

/** One Client or Server API request, read in full, as the handlers see it. */
export type ApiRequest = {
  method: string;
  /** Path and query exactly as received (the HMAC covers it). */
  rawPath: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
};

/** The payment a path is about, so faults and the log can be keyed by it. */
export function paymentIdInPath(pathname: string): string | undefined {
  return /\/payments\/([^/]+)/.exec(pathname)?.[1];
}

/** What an API handler answers; the server turns it into bytes, and a fault may change it first. */
export type ApiReply = {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** The body is an HTML page (a string) rather than JSON. */
  html?: boolean;
};

export function reply(status: number, body: unknown, headers?: Record<string, string>): ApiReply {
  return headers ? { status, body, headers } : { status, body };
}

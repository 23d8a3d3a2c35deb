import type { IncomingMessage, ServerResponse } from 'node:http';
import { fail, ok, type Result } from '../core/result.ts';

const BODY_LIMIT_BYTES = 1024 * 1024;

/** The whole request body as text, refusing anything larger than a payment request could be. */
export function readBody(request: IncomingMessage): Promise<Result<string>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(size > BODY_LIMIT_BYTES ? fail('body too large') : ok(Buffer.concat(chunks).toString('utf8'))),
    );
    request.on('error', (error) => resolve(fail(error.message)));
    // A client that leaves mid-body never sends 'end'; 'close' comes after 'end' otherwise, so it cannot win then.
    request.on('close', () => resolve(fail('the client left before the body was complete')));
  });
}

export function parseJson(text: string): Result<unknown> {
  if (text.trim() === '') return ok({});
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return fail('body is not JSON');
  }
}

export type RawReply = {
  status: number;
  headers?: Record<string, string>;
  contentType: string;
  body: string | Buffer;
};

/** Writes one answer unless the socket is already gone (a client timeout, or close()). */
export function send(response: ServerResponse, raw: RawReply): void {
  if (response.destroyed || response.headersSent) return;
  const body = typeof raw.body === 'string' ? Buffer.from(raw.body, 'utf8') : raw.body;
  response.writeHead(raw.status, {
    ...raw.headers,
    'Content-Type': raw.contentType,
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
  send(response, { status, contentType: 'application/json', body: JSON.stringify(body), ...(headers && { headers }) });
}

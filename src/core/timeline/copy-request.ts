import type { PollRecord } from './poll-record.ts';
import { findSessionIds, redactText } from './redact-session-id.ts';

export type CopyOptions = { revealSessionId: boolean };

/** An RFC 9110 token; anything else is not a header name and is left out rather than quoted into a command. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** What a copied request carries: the session id masked unless revealed, no CR/LF that could add a header. */
function copiedRequest(record: PollRecord, { revealSessionId }: CopyOptions) {
  const ids = Object.values(record.request.headers).flatMap(findSessionIds);
  const clean = (text: string) => {
    const oneLine = text.replace(/[\r\n]+/g, ' ');
    return revealSessionId ? oneLine : redactText(oneLine, ids);
  };
  const headers = Object.entries(record.request.headers)
    .filter(([name]) => HEADER_NAME.test(name))
    .map(([name, value]) => [name, clean(value)] as const);
  const masked = !revealSessionId && ids.length > 0;
  return { url: clean(record.request.url), method: record.request.method, headers, masked };
}

/** POSIX single quotes: nothing inside is special except the quote itself, written as '\''. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** "Copy as cURL (bash)", as the Network panel writes it. */
export function toCurl(record: PollRecord, options: CopyOptions): string {
  const request = copiedRequest(record, options);
  // A URL that is not http(s) could start with "-" and be read as an option; --url never is.
  const url = /^https?:\/\//i.test(request.url) ? shellQuote(request.url) : `--url ${shellQuote(request.url)}`;
  const lines = [`curl ${url}`, ...request.headers.map(([name, value]) => `  -H ${shellQuote(`${name}: ${value}`)}`)];
  if (request.method !== 'GET') lines.push(`  -X ${shellQuote(request.method)}`);
  const command = lines.join(' \\\n');
  return request.masked ? `# The session id is masked; reveal it to run this.\n${command}` : command;
}

/** "Copy as fetch": every value a JSON string literal, which is also a valid JavaScript one. */
export function toFetch(record: PollRecord, options: CopyOptions): string {
  const request = copiedRequest(record, options);
  const init = { headers: Object.fromEntries(request.headers), method: request.method };
  const call = `fetch(${JSON.stringify(request.url)}, ${JSON.stringify(init, null, 2)});`;
  return request.masked ? `// The session id is masked; reveal it to run this.\n${call}` : call;
}

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { toCurl, toFetch } from '../../../../src/core/timeline/copy-request.ts';
import type { PollRecord } from '../../../../src/core/timeline/poll-record.ts';
import { makeRecords, SESSION_ID } from './make-records.ts';

const [record] = makeRecords(['WAITING']) as [PollRecord];

/** Runs a copied command in bash with curl replaced by a function that prints its arguments, one per line. */
function curlArgs(command: string): string[] {
  const out = execFileSync('bash', ['-c', `curl() { printf '%s\\0' "$@"; }\n${command}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

/** Runs a copied fetch call with fetch replaced by a recorder. */
function fetchArgs(code: string): unknown[] {
  let seen: unknown[] = [];
  new Function('fetch', code)((...args: unknown[]) => {
    seen = args;
  });
  return seen;
}

describe('toCurl', () => {
  it('masks the session id by default', () => {
    const command = toCurl(record, { revealSessionId: false });
    expect(command).not.toContain(SESSION_ID);
    expect(command.split('\n')[0]).toBe('# The session id is masked; reveal it to run this.');
    expect(curlArgs(command)).toEqual([
      record.request.url,
      '-H',
      'Accept: text/javascript, application/json, text/html, application/xml, text/xml, */*',
      '-H',
      'Content-Type: application/json',
      '-H',
      'Authorization: GCS v1Client:51d2…4e36',
      '-H',
      `X-GCS-ClientMetaInfo: ${record.request.headers['X-GCS-ClientMetaInfo']}`,
    ]);
  });

  it('gives the real request when the user reveals the id', () => {
    const command = toCurl(record, { revealSessionId: true });
    expect(command.startsWith('curl ')).toBe(true);
    expect(curlArgs(command)).toContain(`Authorization: GCS v1Client:${SESSION_ID}`);
  });

  it('cannot be broken out of by a hostile payment id, header or URL', () => {
    const hostile = `x'; echo pwned; echo '$(echo sub)\`echo tick\``;
    const evil: PollRecord = {
      ...record,
      request: {
        ...record.request,
        url: `https://api.example/client/v1/c/payments/${hostile}/thirdpartystatus`,
        headers: { ...record.request.headers, 'X-Note': hostile, 'Bad Name: x': 'y', 'X-Split': 'a\r\nInjected: 1' },
      },
    };
    const args = curlArgs(toCurl(evil, { revealSessionId: true }));
    expect(args[0]).toBe(evil.request.url);
    expect(args).toContain(`X-Note: ${hostile}`);
    expect(args).toContain('X-Split: a Injected: 1');
    expect(args.some((arg) => arg.startsWith('Bad Name'))).toBe(false);

    const optionLike: PollRecord = { ...record, request: { ...record.request, url: '-o/tmp/x' } };
    expect(curlArgs(toCurl(optionLike, { revealSessionId: true })).slice(0, 2)).toEqual(['--url', '-o/tmp/x']);
  });
});

describe('toFetch', () => {
  it('masks the session id by default and is valid JavaScript', () => {
    const code = toFetch(record, { revealSessionId: false });
    expect(code).not.toContain(SESSION_ID);
    const [url, init] = fetchArgs(code) as [string, { method: string; headers: Record<string, string> }];
    expect(url).toBe(record.request.url);
    expect(init.method).toBe('GET');
    expect(init.headers.Authorization).toBe('GCS v1Client:51d2…4e36');
  });

  it('gives the real request when revealed, with hostile text kept as data', () => {
    const hostile = `"); alert(1); ("\u2028</script>`;
    const evil: PollRecord = { ...record, request: { ...record.request, url: `https://api.example/p/${hostile}` } };
    const [url, init] = fetchArgs(toFetch(evil, { revealSessionId: true })) as [string, { headers: Record<string, string> }];
    expect(url).toBe(evil.request.url);
    expect(init.headers.Authorization).toBe(`GCS v1Client:${SESSION_ID}`);
  });
});

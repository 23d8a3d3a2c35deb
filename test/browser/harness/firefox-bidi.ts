import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';

/**
 * A stock Firefox driven over WebDriver BiDi: no patched browser and no driver binary, only
 * `--remote-debugging-port` and a WebSocket. Enough to install the extension, load pages and
 * evaluate script in them; Firefox's DevTools toolbox is out of BiDi's reach.
 */
export const FIREFOX_PATH = process.env['FIREFOX_PATH'] ?? '/usr/bin/firefox-esr';
const PROFILE_ROOT = path.resolve('.tmp/profiles');

export interface Firefox {
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export type ScriptResult = { type: string; value?: unknown };

/** `prefs` go into the profile's user.js, e.g. `extensions.webextensions.uuids` for a fixed extension origin. */
export async function launchFirefox(prefs: Record<string, string | number | boolean> = {}): Promise<Firefox> {
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(`Firefox is missing at ${FIREFOX_PATH}: install it with \`apt-get install -y firefox-esr\` (or set FIREFOX_PATH).`);
  }
  mkdirSync(PROFILE_ROOT, { recursive: true });
  const profile = mkdtempSync(path.join(PROFILE_ROOT, 'firefox-'));
  writeFileSync(path.join(profile, 'user.js'), Object.entries(prefs).map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});\n`).join(''));

  const child = spawn(FIREFOX_PATH, ['--headless', '--no-remote', '--remote-debugging-port=0', '--remote-allow-system-access', '--profile', profile], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, MOZ_HEADLESS: '1' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cleanUp = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const address = await listeningAddress(child);
    const socket = new WebSocket(`${address}/session`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const firefox = connect(socket, cleanUp);
    await firefox.send('session.new', { capabilities: {} });
    return firefox;
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** Firefox prints the BiDi address on stderr once the port is open (port 0: it picks a free one). */
function listeningAddress(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = /WebDriver BiDi listening on (ws:\/\/[\d.:[\]a-z]+)/i.exec(output);
      if (match?.[1]) {
        child.stderr?.off('data', onData);
        child.stderr?.resume();
        resolve(match[1]);
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`Firefox exited (${code}) before WebDriver BiDi listened:\n${output.slice(-2000)}`)));
    child.once('error', reject);
  });
}

function connect(socket: WebSocket, cleanUp: () => Promise<void>): Firefox {
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void; method: string }>();
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as { id?: number; type?: string; result?: unknown; error?: string; message?: string };
    if (message.id === undefined) return; // events: none are subscribed to
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.type === 'error') waiting?.reject(new Error(`${waiting.method}: ${message.error}: ${message.message}`));
    else waiting?.resolve(message.result as never);
  });
  socket.on('close', () => {
    for (const waiting of pending.values()) waiting.reject(new Error(`${waiting.method}: the BiDi connection closed`));
    pending.clear();
  });
  return {
    send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: never) => void, reject, method });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    async close() {
      if (socket.readyState === WebSocket.OPEN) {
        await this.send('session.end').catch(() => undefined);
        socket.close();
      }
      await cleanUp();
    },
  };
}

/** Evaluates `expression` (a promise is awaited) in `context` and gives its value, JSON-encoded by the page. */
export async function evaluateJson<T>(firefox: Firefox, context: string, expression: string): Promise<T> {
  const { result, exceptionDetails } = await firefox.send<{ result?: ScriptResult; exceptionDetails?: { text?: string } }>('script.evaluate', {
    expression: `(async () => JSON.stringify(await (${expression})))()`,
    target: { context },
    awaitPromise: true,
  });
  if (exceptionDetails) throw new Error(`script.evaluate threw: ${exceptionDetails.text ?? 'unknown error'}`);
  return JSON.parse(String(result?.value ?? 'null')) as T;
}

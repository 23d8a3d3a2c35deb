import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../scripts/browser/wait-for.ts';

// `npm start` itself, without npm in front; dist/chrome is built by `npm test` before vitest runs.
const COMMAND = [process.execPath, '--import', 'tsx', 'scripts/start.ts'];
const OUT_ROOT = path.resolve('.tmp/start-demo');
const MARK_VARIABLE = 'CONNECT_DEVTOOLS_START_DEMO_RUN';
const PANEL_SCREENSHOTS = ['01-waiting.png', '02-initialized.png', '03-authorized.png', '04-completed.png'];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

type Run = { output(): string; exited: Promise<number | null>; kill(signal: NodeJS.Signals): void; outDir: string; mark: string };

const runs: Run[] = [];

/**
 * Starts the demo with a mark in its environment. Every process it starts inherits the mark,
 * Chromium and its helpers included, so this run's processes can be found among the others
 * on the machine (other test files may have their own Chromium open).
 */
function startDemo(): Run {
  const mark = randomUUID();
  const outDir = path.join(OUT_ROOT, mark);
  const args = ['--headless', '--port', '0', '--merchant-port', '0', '--no-build', '--out', outDir];
  const child = spawn(COMMAND[0]!, [...COMMAND.slice(1), ...args], {
    env: { ...process.env, [MARK_VARIABLE]: mark },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const run = { output: () => output, exited, kill: (signal: NodeJS.Signals) => child.kill(signal), outDir, mark };
  runs.push(run);
  return run;
}

/** The processes carrying a run's mark, read from /proc (Linux, like the rest of the browser tests). */
function processesOf(run: Run): string[][] {
  const found: string[][] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`${MARK_VARIABLE}=${run.mark}`)) continue;
      found.push(readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0'));
    } catch {
      // Ended between the listing and the read.
    }
  }
  return found;
}

/** Waits for the run's Chromium and answers its profile folder, which the harness must remove on close. */
async function chromiumProfileOf(run: Run): Promise<string> {
  return waitFor(
    () =>
      processesOf(run)
        .flat()
        .find((arg) => arg.startsWith('--user-data-dir='))
        ?.slice('--user-data-dir='.length),
    { timeout: 120_000, interval: 250, what: "the demo's Chromium" },
  );
}

async function expectNothingLeft(run: Run, profile: string): Promise<void> {
  // The exit of the script is seen a moment before the kernel has reaped every child.
  await waitFor(() => processesOf(run).length === 0, { timeout: 10_000, what: 'no process of the run left' }).catch(() => undefined);
  expect(processesOf(run)).toEqual([]);
  expect(existsSync(profile)).toBe(false);
}

afterAll(() => {
  for (const run of runs) run.kill('SIGKILL');
  rmSync(OUT_ROOT, { recursive: true, force: true });
});

describe('npm start -- --headless', () => {
  it('plays the payment through the panel, saves a screenshot at each status, tells it, and leaves nothing running', async () => {
    const run = startDemo();
    const profile = await chromiumProfileOf(run);
    expect(await run.exited, run.output()).toBe(0);

    for (const file of PANEL_SCREENSHOTS) {
      const png = readFileSync(path.join(run.outDir, file));
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE), file).toBe(true);
      // IHDR: the DevTools window at the demo's viewport, and more than a blank image's bytes.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], file).toEqual([1280, 800]);
      expect(png.length, file).toBeGreaterThan(20_000);
    }

    const output = run.output();
    for (const status of ['WAITING', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED']) {
      expect(output).toMatch(new RegExp(`Payment \\d{30} ${status}: page and panel agree`));
    }
    expect(output).toContain('detected by the panel (JavaScriptClientSDK v6.0.6, client session ');
    // A clientSessionId (32 hex) is never printed whole; the customer id's hex follows "1234-".
    expect(output.match(/(?<![\w-])[0-9a-f]{32}(?!\w)/g)).toBeNull();
    await expectNothingLeft(run, profile);
  }, 180_000);

  it('on SIGINT closes the browser, the checkout and the simulator, and exits', async () => {
    const run = startDemo();
    const profile = await chromiumProfileOf(run);
    await waitFor(() => run.output().includes('detected by the panel'), { timeout: 120_000, what: 'the panel to detect the session' });
    run.kill('SIGINT');
    expect(await run.exited, run.output()).toBe(130);
    expect(run.output()).toContain('Stopped; nothing left running.');
    await expectNothingLeft(run, profile);
  }, 180_000);
});

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Runs `vite build` in a child process, as `npm run build` does, keeping its output unless it
 * fails: the demo's terminal should tell the story, not list bundle sizes. `onChild` lets the
 * caller stop the build on Ctrl-C.
 */
export async function buildExtension(onChild: (stop: () => void) => void): Promise<void> {
  // vite's package exports do not include its bin, so it is found by path.
  const vite = path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  const child = spawn(process.execPath, [vite, 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  onChild(() => child.kill('SIGTERM'));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
  });
  // A Ctrl-C reaches vite too, and it may end before this process hears of the signal itself.
  if (signal) throw new Error(`Building the extension was interrupted (${signal}).`);
  if (code !== 0) throw new Error(`Building the extension failed (vite build exited with ${code}):\n${output.trim()}`);
}

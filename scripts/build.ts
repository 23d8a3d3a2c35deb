import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBuildArgs, type Browser } from './build-manifest.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Builds dist/<browser> for each browser, one `vite build` child process each: the extension
 * plugin keeps per-build state, so two builds never share a process.
 */
export function buildBrowsers(browsers: readonly Browser[]): void {
  // vite's package exports do not include its bin, so it is found by path.
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  for (const browser of browsers) {
    console.log(`\nBuilding dist/${browser}`);
    const run = spawnSync(process.execPath, [vite, 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, CONNECT_DEVTOOLS_BROWSER: browser },
    });
    if (run.status !== 0) throw new Error(`Building dist/${browser} failed (vite build exited with ${run.status ?? run.signal}).`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const parsed = parseBuildArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(parsed.reason);
    process.exit(2);
  }
  try {
    buildBrowsers(parsed.browsers);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

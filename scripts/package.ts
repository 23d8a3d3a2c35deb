import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSERS, type Browser } from './build-manifest.ts';
import { buildBrowsers } from './build.ts';
import { zip, type ZipEntry } from './package-zip.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const packageName = (browser: Browser, version: string) => `connect-devtools-${browser}-${version}.zip`;

/** Source maps and test files are for us, not for the stores. */
export function ships(relativePath: string): boolean {
  const base = relativePath.split('/').pop() ?? '';
  return !base.endsWith('.map') && !/\.(test|spec)\.[cm]?[jt]sx?$/.test(base) && base !== '.DS_Store';
}

/** Every shipped file under `dir`, as zip entries with forward-slash paths, in a stable order. */
export function collectEntries(dir: string): ZipEntry[] {
  const names = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter(ships)
    .sort();
  return names.map((name) => ({ name, data: readFileSync(path.join(dir, name)) }));
}

/** Zips dist/<browser> for each browser into `outDir`; the build must carry package.json's version. */
export function packageBrowsers(browsers: readonly Browser[], outDir: string): string[] {
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  mkdirSync(outDir, { recursive: true });
  return browsers.map((browser) => {
    const dist = path.join(ROOT, 'dist', browser);
    const built = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as { version?: string };
    if (built.version !== version) throw new Error(`dist/${browser} is version ${built.version}, package.json says ${version}: build it again.`);
    const file = path.join(outDir, packageName(browser, version));
    writeFileSync(file, zip(collectEntries(dist)));
    return file;
  });
}

const USAGE = 'npm run package [-- --no-build] [--out DIR]: fresh builds of every browser, zipped as dist/connect-devtools-<browser>-<version>.zip';

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let build = true;
  let outDir = path.join(ROOT, 'dist');
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--no-build') build = false;
    else if (args[i] === '--out' && args[i + 1]) outDir = path.resolve(args[++i] ?? '');
    else {
      console.error(USAGE);
      process.exit(2);
    }
  }
  try {
    if (build) buildBrowsers(BROWSERS);
    for (const file of packageBrowsers(BROWSERS, outDir)) console.log(`Wrote ${path.relative(process.cwd(), file)}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readZip } from '../unit/build/read-zip.ts';

/**
 * `npm run package` zips fresh builds; here it zips the builds `npm test` has just made
 * (`--no-build`) into a scratch folder, and the archives are read back entry by entry.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const source = JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')) as { description: string; icons: Record<string, string> };
mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
const out = mkdtempSync(path.join(ROOT, '.tmp/packages-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/package.ts'), '--no-build', '--out', out], { cwd: ROOT, encoding: 'utf8' });

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

it('writes one zip per browser, named with the version', () => {
  expect(run.status, run.stderr).toBe(0);
  expect(readdirSync(out).sort()).toEqual([`connect-devtools-chrome-${pkg.version}.zip`, `connect-devtools-firefox-${pkg.version}.zip`]);
});

describe.each(['chrome', 'firefox'] as const)('the %s package', (browser) => {
  const entries = () => readZip(readFileSync(path.join(out, `connect-devtools-${browser}-${pkg.version}.zip`)));

  it('holds exactly the build, manifest at the root, without source maps or tests', () => {
    const names = [...entries().keys()];
    expect(names).toContain('manifest.json');
    expect(names.filter((name) => /\.map$|\.(test|spec)\./.test(name))).toEqual([]);
    expect([...names].sort()).toEqual(filesUnder(path.join(ROOT, 'dist', browser)).filter((name) => !name.endsWith('.map')));
  });

  it("has a manifest with package.json's version, the description and every icon", () => {
    const files = entries();
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '{}') as { version?: string; description?: string; icons?: Record<string, string> };
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.description).toBe(source.description);
    expect(manifest.icons).toEqual(source.icons);
    for (const file of Object.values(source.icons)) expect(files.get(file)?.equals(readFileSync(path.join(ROOT, 'public', file))), file).toBe(true);
  });
});

it('the Firefox package is the Firefox build', () => {
  const manifest = JSON.parse(readZip(readFileSync(path.join(out, `connect-devtools-firefox-${pkg.version}.zip`))).get('manifest.json')?.toString('utf8') ?? '{}') as Record<string, unknown>;
  expect(manifest).toHaveProperty('browser_specific_settings.gecko.id');
  expect(manifest).not.toHaveProperty('background.service_worker');
});

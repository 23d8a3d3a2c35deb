import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { GECKO_ANDROID_SETTINGS, GECKO_SETTINGS } from '../../scripts/build-manifest.ts';

/**
 * What `npm run build` wrote (`npm test` builds before this project runs): one version from
 * package.json in both browsers' manifests, the icons, and a Firefox manifest web-ext lint accepts.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; description: string };
const source = JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')) as { icons: Record<string, string>; description: string };

type Built = Record<string, unknown> & { version?: string; icons?: Record<string, string>; background?: Record<string, unknown> };
function built(browser: 'chrome' | 'firefox'): Built {
  const file = path.join(ROOT, 'dist', browser, 'manifest.json');
  if (!existsSync(file)) throw new Error(`dist/${browser}/manifest.json is missing: run \`npm run build\` first.`);
  return JSON.parse(readFileSync(file, 'utf8')) as Built;
}

describe.each(['chrome', 'firefox'] as const)('dist/%s', (browser) => {
  it("carries package.json's version", () => {
    expect(built(browser).version).toBe(pkg.version);
  });

  it('declares the icons at 16, 32, 48 and 128 px, and ships each at its size', () => {
    const icons = built(browser).icons ?? {};
    expect(icons).toEqual(source.icons);
    expect(Object.keys(icons)).toEqual(['16', '32', '48', '128']);
    for (const [size, file] of Object.entries(icons)) {
      const png = PNG.sync.read(readFileSync(path.join(ROOT, 'dist', browser, file)));
      expect([png.width, png.height], file).toEqual([Number(size), Number(size)]);
    }
  });
});

describe('dist/firefox/manifest.json', () => {
  const firefox = built('firefox');

  it('runs the background as a module script, not a service worker', () => {
    expect(firefox.background).toEqual({ scripts: [expect.stringMatching(/\.js$/)], type: 'module' });
    const [script] = (firefox.background?.['scripts'] ?? []) as string[];
    expect(existsSync(path.join(ROOT, 'dist/firefox', script ?? ''))).toBe(true);
  });

  it('states the add-on id, the first Firefox that reads every key, and no data collection', () => {
    expect(firefox['browser_specific_settings']).toEqual({ gecko: GECKO_SETTINGS, gecko_android: GECKO_ANDROID_SETTINGS });
  });

  it('has none of the keys only Chrome reads', () => {
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
    for (const script of firefox['content_scripts'] as Record<string, unknown>[]) expect(script).not.toHaveProperty('match_origin_as_fallback');
  });

  it('passes web-ext lint with no errors, and no warnings but the one about the UI library', () => {
    const run = spawnSync(path.join(ROOT, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', path.join(ROOT, 'dist/firefox'), '--output', 'json', '--no-config-discovery'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    type Finding = { code: string; message: string; file?: string };
    const report = JSON.parse(run.stdout) as { summary: { errors: number }; errors: Finding[]; warnings: Finding[] };
    const describeAll = (list: Finding[]) => list.map((item) => `${item.code} in ${item.file}: ${item.message}`);
    expect(describeAll(report.errors)).toEqual([]);
    expect(report.summary.errors).toBe(0);
    // Preact's renderer holds an `innerHTML =` for dangerouslySetInnerHTML, which no source file uses
    // (checked below); every other warning fails the test.
    const known = (item: Finding) => item.code === 'UNSAFE_VAR_ASSIGNMENT' && /^assets\/panel-[\w-]+\.js$/.test(item.file ?? '');
    expect(describeAll(report.warnings.filter((item) => !known(item)))).toEqual([]);
  });

  it('has no dangerouslySetInnerHTML or innerHTML in the extension or panel sources', () => {
    const sources = readdirSync(path.join(ROOT, 'src'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/[\\/]simulator([\\/]|$)/.test(entry.parentPath))
      .map((entry) => path.join(entry.parentPath, entry.name));
    expect(sources.length).toBeGreaterThan(20);
    expect(sources.filter((file) => /dangerouslySetInnerHTML|innerHTML/.test(readFileSync(file, 'utf8')))).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GECKO_ANDROID_SETTINGS, GECKO_SETTINGS, manifestFor, parseBuildArgs, type Manifest } from '../../../scripts/build-manifest.ts';

const ROOT = new URL('../../../', import.meta.url);
const source = JSON.parse(readFileSync(new URL('manifest.json', ROOT), 'utf8')) as Manifest;
const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { version: string };

const sample: Manifest = {
  manifest_version: 3,
  name: 'Connect DevTools',
  minimum_chrome_version: '120',
  background: { service_worker: 'src/extension/background/index.ts', type: 'module' },
  content_scripts: [
    { matches: ['https://*/*'], js: ['hook.ts'], world: 'MAIN', all_frames: true, match_origin_as_fallback: true },
    { matches: ['https://*/*'], js: ['isolated.ts'], match_origin_as_fallback: true },
  ],
  permissions: ['storage'],
};

describe('one version', () => {
  it('manifest.json carries no version of its own: package.json is the only one', () => {
    expect(source).not.toHaveProperty('version');
  });

  it.each(['chrome', 'firefox'] as const)('%s gets the version it is given', (browser) => {
    expect(manifestFor(source, browser, pkg.version)['version']).toBe(pkg.version);
    expect(manifestFor(source, browser, '2.10.0.7')['version']).toBe('2.10.0.7');
  });

  it.each(['1.0.0-beta.1', '01.2', '1.2.3.4.5', '', 'v1'])('refuses "%s", which the stores would refuse', (version) => {
    expect(() => manifestFor(source, 'chrome', version)).toThrow(/not a browser extension version/);
  });
});

describe('what every page loads', () => {
  it('is one content script, the MAIN-world hook: each script a page loads costs it time, so DevTools reads the hook instead of a relay', () => {
    const scripts = source.content_scripts as { js: string[]; world?: string; run_at?: string }[];
    expect(scripts.map((script) => ({ js: script.js, world: script.world, run_at: script.run_at }))).toEqual([
      { js: ['src/extension/page/hook.ts'], world: 'MAIN', run_at: 'document_start' },
    ]);
  });
});

describe('the Chrome manifest', () => {
  it('is manifest.json as it is, plus the version', () => {
    expect(manifestFor(sample, 'chrome', '1.2.3')).toEqual({ ...sample, version: '1.2.3' });
  });
});

describe('the Firefox manifest', () => {
  const firefox = manifestFor(sample, 'firefox', '1.2.3');

  it('runs the background as scripts, since Firefox has no extension service worker', () => {
    expect(firefox['background']).toEqual({ scripts: ['src/extension/background/index.ts'], type: 'module' });
  });

  it('names the add-on, a version that reads every key (MAIN-world content scripts: 128; data collection: 140, Android 142), and no data collection', () => {
    expect(firefox['browser_specific_settings']).toEqual({ gecko: GECKO_SETTINGS, gecko_android: GECKO_ANDROID_SETTINGS });
    expect(GECKO_SETTINGS.strict_min_version).toBe('140.0');
    expect(GECKO_ANDROID_SETTINGS.strict_min_version).toBe('142.0');
    expect(GECKO_SETTINGS.data_collection_permissions).toEqual({ required: ['none'] });
  });

  it('drops the keys only Chrome reads, and keeps the rest of each content script', () => {
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
    expect(firefox['content_scripts']).toEqual([
      { matches: ['https://*/*'], js: ['hook.ts'], world: 'MAIN', all_frames: true },
      { matches: ['https://*/*'], js: ['isolated.ts'] },
    ]);
    expect(firefox['permissions']).toEqual(['storage']);
  });

  it('leaves its input untouched', () => {
    const before = structuredClone(sample);
    manifestFor(sample, 'firefox', '1.2.3');
    expect(sample).toEqual(before);
  });

  it('keeps Firefox settings already in the source over the defaults', () => {
    const withSettings = { ...sample, browser_specific_settings: { gecko: { id: 'other@example.org' }, safari: { strict_min_version: '17' } } };
    expect(manifestFor(withSettings, 'firefox', '1.0')['browser_specific_settings']).toEqual({
      gecko: { ...GECKO_SETTINGS, id: 'other@example.org' },
      gecko_android: GECKO_ANDROID_SETTINGS,
      safari: { strict_min_version: '17' },
    });
  });

  it('is built from the real manifest.json with every icon size', () => {
    expect(manifestFor(source, 'firefox', pkg.version)['icons']).toEqual({ 16: 'icon-16.png', 32: 'icon-32.png', 48: 'icon-48.png', 128: 'icon-128.png' });
  });
});

describe('npm run build arguments', () => {
  it.each([
    [[], ['chrome', 'firefox']],
    [['--browser', 'firefox'], ['firefox']],
    [['--browser=chrome'], ['chrome']],
    [['--browser', 'firefox', '--browser', 'chrome', '--browser', 'firefox'], ['firefox', 'chrome']],
  ])('%j builds %j', (args, browsers) => {
    expect(parseBuildArgs(args)).toEqual({ ok: true, browsers });
  });

  it.each([[['--browser']], [['--browser', 'safari']], [['firefox']], [['--browser=']]])('%j is refused with a reason', (args) => {
    const parsed = parseBuildArgs(args);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(/--browser/);
  });
});

/**
 * The manifest each browser gets, made from the one manifest.json and package.json's version.
 * Pure: no file or process access, so the rules below are unit-tested as data.
 */
export const BROWSERS = ['chrome', 'firefox'] as const;
export type Browser = (typeof BROWSERS)[number];

export type Manifest = Record<string, unknown>;

/**
 * Firefox runs MAIN-world content scripts (the page hook) from 128, but reads
 * `data_collection_permissions`, which addons.mozilla.org requires of new add-ons, only from 140
 * (142 on Android, whose minimum defaults to the desktop one). The extension sends nothing anywhere
 * but the Client API the user approves, so it declares no data collection.
 */
export const GECKO_SETTINGS = {
  id: '@connect-devtools',
  strict_min_version: '140.0',
  data_collection_permissions: { required: ['none'] },
} as const;
export const GECKO_ANDROID_SETTINGS = { strict_min_version: '142.0' } as const;

/** Keys only Chrome reads; Firefox warns about each one it does not know. */
const CHROME_ONLY_KEYS = ['minimum_chrome_version'];
const CHROME_ONLY_CONTENT_SCRIPT_KEYS = ['match_origin_as_fallback'];

/** Chrome and Firefox both take one to four dot-separated integers of at most 9 digits, no leading zeros. */
const MANIFEST_VERSION_PATTERN = /^(0|[1-9]\d{0,8})(\.(0|[1-9]\d{0,8})){0,3}$/;

export function isBrowser(value: unknown): value is Browser {
  return typeof value === 'string' && (BROWSERS as readonly string[]).includes(value);
}

function without(object: Manifest, keys: readonly string[]): Manifest {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}

/**
 * `source` is manifest.json (without a version); `version` is package.json's. Chrome gets the
 * source as it is; Firefox gets background scripts instead of a service worker (it has no
 * extension service workers), its add-on settings, and none of Chrome's own keys.
 */
export function manifestFor(source: Manifest, browser: Browser, version: string): Manifest {
  if (!MANIFEST_VERSION_PATTERN.test(version)) {
    throw new Error(`package.json's version "${version}" is not a browser extension version (1 to 4 dot-separated integers).`);
  }
  const withVersion = { ...source, version };
  if (browser === 'chrome') return withVersion;

  const background = source['background'] as { service_worker?: string; type?: string } | undefined;
  const firefox: Manifest = without(withVersion, CHROME_ONLY_KEYS);
  if (background?.service_worker) {
    firefox['background'] = { scripts: [background.service_worker], ...(background.type ? { type: background.type } : {}) };
  }
  if (Array.isArray(source['content_scripts'])) {
    firefox['content_scripts'] = (source['content_scripts'] as Manifest[]).map((script) => without(script, CHROME_ONLY_CONTENT_SCRIPT_KEYS));
  }
  const settings = (source['browser_specific_settings'] as Manifest | undefined) ?? {};
  firefox['browser_specific_settings'] = {
    ...settings,
    gecko: { ...GECKO_SETTINGS, ...(settings['gecko'] as Manifest | undefined) },
    gecko_android: { ...GECKO_ANDROID_SETTINGS, ...(settings['gecko_android'] as Manifest | undefined) },
  };
  return firefox;
}

/**
 * `npm run build` arguments: nothing builds every browser, `--browser NAME` (or `--browser=NAME`,
 * repeatable) only those.
 */
export function parseBuildArgs(args: readonly string[]): { ok: true; browsers: Browser[] } | { ok: false; reason: string } {
  const chosen: Browser[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const name = arg === '--browser' ? args[++i] : arg.startsWith('--browser=') ? arg.slice('--browser='.length) : undefined;
    if (name === undefined && arg !== '--browser') return { ok: false, reason: `Unknown argument "${arg}"; use --browser ${BROWSERS.join('|')}.` };
    if (!isBrowser(name)) return { ok: false, reason: `--browser takes one of ${BROWSERS.join(', ')}, not "${name ?? ''}".` };
    if (!chosen.includes(name)) chosen.push(name);
  }
  return { ok: true, browsers: chosen.length > 0 ? chosen : [...BROWSERS] };
}

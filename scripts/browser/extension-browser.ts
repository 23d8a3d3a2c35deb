// Playwright lists DevTools pages only with this internal switch; it is read as each target
// attaches, so it must be set before the browser starts. playwright-core is pinned for this reason.
process.env['PW_CHROMIUM_ATTACH_TO_OTHER'] = '1';

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { findChromium } from './find-chromium.ts';

export const EXTENSION_DIR = path.resolve('dist/chrome');
const PROFILE_ROOT = path.resolve('.tmp/profiles');

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker(): Promise<Worker>;
  close(): Promise<void>;
}

/** Every harness browser runs with these; the page-load bench gives its browser without the extension the same. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface LaunchOptions {
  headless?: boolean;
  /** The size of every page, DevTools windows included; default 1280×800; null: each window's own size. */
  viewport?: { width: number; height: number } | null;
  /**
   * false: leave SIGINT, SIGTERM and SIGHUP to the caller, who must then call `close()`. By default
   * Playwright closes the browser and exits on them, before the caller could remove the profile.
   */
  handleSignals?: boolean;
}

/** One Chromium with the built extension loaded, in a throw-away profile that `close()` removes. */
export async function launchExtensionBrowser(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  mkdirSync(PROFILE_ROOT, { recursive: true });
  const profile = mkdtempSync(path.join(PROFILE_ROOT, 'chromium-'));
  const headless = options.headless ?? true;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless,
    viewport: options.viewport === undefined ? { width: 1280, height: 800 } : options.viewport,
    ...(options.handleSignals === false ? { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } : {}),
    args: [
      ...(headless ? ['--headless=new'] : []),
      ...CHROMIUM_FLAGS,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
  });
  const isOurs = (worker: Worker) => worker.url().startsWith('chrome-extension://');
  const first =
    context.serviceWorkers().find(isOurs) ??
    (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 30_000 }));
  const extensionId = new URL(first.url()).host;
  // Playwright keeps a stopped worker's handle (evaluating on it hangs): track the newest one instead.
  let latest = first;
  context.on('serviceworker', (worker) => {
    if (isOurs(worker)) latest = worker;
  });
  return {
    context,
    extensionId,
    /** The newest worker: after a restart it is a new one. */
    async serviceWorker() {
      return latest;
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The figures of `npm run bench` that need a real Chromium (issue 11): what the hook adds to a page's
 * load (page-load-bench.ts) and the panel's first useful paint (panel-paint-bench.ts). One simulator, one
 * demo checkout and the empty Preact page serve both; Chromiums with the extension and without, all
 * launched with the harness's flags. Without Chromium or a build, the section is skipped with one sentence.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { startDemoMerchant, startSimulator } from '../../src/simulator/index.ts';
import { CHROMIUM_FLAGS, EXTENSION_DIR, launchExtensionBrowser } from '../browser/extension-browser.ts';
import { findChromium } from '../browser/find-chromium.ts';
import { buildEmptyPreactPage, serveFolder } from './empty-preact-page.ts';
import { benchPageLoad, formatPageLoad, type PageLoadResult } from './page-load-bench.ts';
import { benchPanelPaint, formatPanelPaint, type PanelPaintResult } from './panel-paint-bench.ts';
import { roundsFor } from './side-by-side.ts';
import { count } from './text-table.ts';

export type BrowserBenchOptions = {
  /** Timed loads of the checkout with each browser (page load); 0 leaves the figure out. */
  pageLoads: number;
  /** Turns of loads not counted at the start of each round of new browsers. */
  pageLoadWarmups: number;
  /** Timed openings of the panel, and of the empty Preact page (panel paint); 0 leaves the figure out. */
  panelOpens: number;
  panelWarmups: number;
};

export type BrowserBenchResult = {
  /** Why nothing was measured (no Chromium, no build), in one sentence. */
  skipped?: string;
  pageLoad?: PageLoadResult;
  panelPaint?: PanelPaintResult;
  /** A figure that failed to be measured, with the reason. */
  errors: string[];
  /** Wall time of the whole section: building the empty Preact page, servers, browsers and both figures. */
  wallMs?: number;
};

const WORK_DIR = resolve('.tmp/bench/empty-preact');
const PROFILE_ROOT = resolve('.tmp/profiles');

/** Chromium as launchExtensionBrowser starts it, flags, size and kind of profile alike, without the extension. */
export async function launchPlainBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  mkdirSync(PROFILE_ROOT, { recursive: true });
  const profile = mkdtempSync(join(PROFILE_ROOT, 'chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--headless=new', ...CHROMIUM_FLAGS],
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Why the section cannot run here, in one sentence, or undefined when it can. */
export function cannotRun(
  find: () => string = findChromium,
  hasBuild: () => boolean = () => existsSync(join(EXTENSION_DIR, 'manifest.json')),
): string | undefined {
  try {
    find();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (!hasBuild()) return 'There is no build in dist/chrome to load: run without --no-build, or npm run build first.';
  return undefined;
}

const describe = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error));

export async function benchBrowser(options: BrowserBenchOptions, progress: (line: string) => void = () => undefined): Promise<BrowserBenchResult> {
  const skipped = cannotRun();
  if (skipped) return { skipped, errors: [] };
  const began = performance.now();
  const result: BrowserBenchResult = { errors: [] };
  const closers: (() => Promise<void>)[] = [];
  try {
    const emptyPreact = options.panelOpens > 0 ? await serveFolder(await buildEmptyPreactPage(WORK_DIR)) : undefined;
    if (emptyPreact) closers.push(emptyPreact.close);
    const simulator = await startSimulator({ port: 0, host: '127.0.0.1' });
    closers.push(simulator.close);
    const merchant = await startDemoMerchant({ port: 0, host: '127.0.0.1', simulatorUrl: simulator.url, env: {} });
    closers.push(merchant.close);
    const checkout = `${merchant.url}/`;

    if (options.pageLoads > 0) {
      const rounds = roundsFor(options.pageLoads);
      progress(`loading the demo checkout in three Chromiums, one with the extension, in turn, in ${count(rounds, 'round')} of new browsers…`);
      try {
        result.pageLoad = await benchPageLoad({ withoutFirst: launchPlainBrowser, with: launchExtensionBrowser, withoutSecond: launchPlainBrowser }, checkout, {
          loads: options.pageLoads,
          warmups: options.pageLoadWarmups,
          rounds,
          progress,
        });
      } catch (error) {
        result.errors.push(`page load: ${describe(error)}`);
      }
    }
    if (emptyPreact) {
      const extension = await launchExtensionBrowser();
      closers.push(extension.close);
      progress(`opening the Connect panel ${options.panelWarmups + options.panelOpens} times, and an empty Preact page in turn…`);
      try {
        result.panelPaint = await benchPanelPaint(extension, { checkout, emptyPreact: emptyPreact.url }, {
          opens: options.panelOpens,
          warmups: options.panelWarmups,
          progress,
        });
      } catch (error) {
        result.errors.push(`panel paint: ${describe(error)}`);
      }
    }
  } catch (error) {
    result.errors.push(`browser figures: ${describe(error)}`);
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  }
  result.wallMs = performance.now() - began;
  return result;
}

export function formatBrowserBench(result: BrowserBenchResult | undefined): string {
  if (!result) return 'Browser figures (page load, panel paint): left out (--no-browser).';
  if (result.skipped) return `Browser figures (page load, panel paint): skipped. ${result.skipped}`;
  return [
    ...(result.pageLoad ? [formatPageLoad(result.pageLoad)] : []),
    ...(result.panelPaint ? [formatPanelPaint(result.panelPaint)] : []),
    ...result.errors.map((error) => `NOT MEASURED, ${error}`),
    ...(result.wallMs === undefined ? [] : [`Chromium section: ${(result.wallMs / 1000).toFixed(1)} s in all, with the browsers' start and the empty Preact page's build.`]),
  ].join('\n\n');
}

/**
 * The panel's first useful paint (issue 11, "panel"): DevTools opened on the demo checkout and the
 * Connect panel shown, again and again, each time reading the panel's own User Timing mark, set at its
 * first paint after the tab's snapshot arrived; against an empty Preact page that marks its own first
 * paint the same way, opened in the same browser in turn. See docs/benchmarks.md.
 */
import { loadavg } from 'node:os';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { FIRST_USEFUL_PAINT_MARK } from '../../src/panel/components/App.tsx';
import { openConnectPanel } from '../browser/devtools-panel.ts';
import type { ExtensionBrowser } from '../browser/extension-browser.ts';
import { waitFor } from '../browser/wait-for.ts';
import { EMPTY_PREACT_MARK } from './empty-preact-page.ts';
import { compareWithGoal, turnOrder, type AgainstGoal } from './side-by-side.ts';
import { summarize, type Summary } from './stats.ts';
import { count, formatMs, textTable } from './text-table.ts';

/** The goal (docs/benchmarks.md): the panel's first useful paint within this of the empty Preact page's first paint. */
export const PANEL_PAINT_GOAL_MS = 100;

export type PanelPaintResult = {
  opens: number;
  warmups: number;
  /** ms from each document's time origin to its mark: the panel against the empty Preact page. */
  firstUsefulPaint: AgainstGoal;
  /** The same documents' DOMContentLoaded end (their scripts loaded and run): what comes before waiting for data. */
  domContentLoaded: { panel: Summary; baseline: Summary };
  /** The same documents' first-contentful-paint, for reference (no goal). */
  firstContentfulPaint: { panel: Summary; baseline: Summary };
  /** Each opening's mark, DOMContentLoaded end and first contentful paint (NaN when the document reported none), in the order taken. */
  samples: { panel: Paint[]; baseline: Paint[] };
  /** Openings that failed and were made again (at most MAX_FAILED_OPENINGS), with the reason. */
  failedOpenings: string[];
  wallMs: number;
  loadAverage: { before: number; after: number };
};

export type Paint = { mark: number; dcl: number; fcp: number };

/** The mark's start time, DOMContentLoaded end and first contentful paint, in ms from the document's time origin, once the mark is there. */
const readPaint = (mark: string) => `(() => {
  const entry = performance.getEntriesByName(${JSON.stringify(mark)})[0];
  if (!entry) return undefined;
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return { mark: entry.startTime, dcl: nav ? nav.domContentLoadedEventEnd - nav.startTime : null, fcp: fcp ? fcp.startTime : null };
})()`;

async function paintOf(target: Page | Frame, mark: string, what: string): Promise<Paint> {
  const found = await waitFor(() => target.evaluate(readPaint(mark)) as Promise<{ mark: number; dcl: number | null; fcp: number | null } | undefined>, {
    what,
    timeout: 30_000,
    interval: 50,
  });
  return { mark: found.mark, dcl: found.dcl ?? Number.NaN, fcp: found.fcp ?? Number.NaN };
}

/**
 * Until no devtools page of the extension is left: a DevTools window opened while the last one's is
 * still being torn down may never show the Connect tab (as the browser tests found).
 */
async function untilDevtoolsPagesGone(browser: ExtensionBrowser): Promise<void> {
  const cdp = await browser.context.browser()?.newBrowserCDPSession();
  if (!cdp) return;
  const devtoolsPage = `chrome-extension://${browser.extensionId}/src/extension/devtools/index.html`;
  try {
    await waitFor(
      async () => {
        const { targetInfos } = (await cdp.send('Target.getTargets' as never)) as { targetInfos: { url: string }[] };
        return !targetInfos.some((info) => info.url === devtoolsPage);
      },
      { what: "the closed DevTools window's devtools page to go", timeout: 30_000 },
    );
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** A new tab on the checkout; once it lists its products (its session is made), DevTools on the Connect panel. */
async function openPanelOnce(browser: ExtensionBrowser, checkoutUrl: string): Promise<Paint> {
  const page = await browser.context.newPage();
  try {
    await page.goto(checkoutUrl);
    await page.locator('#checkout[data-status="ready"]').waitFor({ timeout: 30_000 });
    const { devtools, panel } = await openConnectPanel(browser.context, page, browser.extensionId);
    try {
      return await paintOf(panel, FIRST_USEFUL_PAINT_MARK, 'the panel\'s first useful paint mark');
    } finally {
      await devtools.close().catch(() => undefined);
    }
  } finally {
    await page.close().catch(() => undefined);
    await untilDevtoolsPagesGone(browser);
  }
}

/** Openings that may fail, over the whole run, before the figure is given up: each failure is kept and reported. */
const MAX_FAILED_OPENINGS = 3;

async function openBaselineOnce(context: BrowserContext, url: string): Promise<Paint> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    return await paintOf(page, EMPTY_PREACT_MARK, 'the empty Preact page\'s mark');
  } finally {
    await page.close().catch(() => undefined);
  }
}

const summarizeFinite = (values: number[]) => summarize(values.filter(Number.isFinite));

export async function benchPanelPaint(
  browser: ExtensionBrowser,
  urls: { checkout: string; emptyPreact: string },
  options: { opens: number; warmups: number; progress?: (line: string) => void },
): Promise<PanelPaintResult> {
  const before = loadavg()[0] ?? Number.NaN;
  const began = performance.now();
  const panel: Paint[] = [];
  const baseline: Paint[] = [];
  const failedOpenings: string[] = [];
  const sides = {
    panel: async (keep: boolean) => {
      for (;;) {
        try {
          const paint = await openPanelOnce(browser, urls.checkout);
          if (keep) panel.push(paint);
          return;
        } catch (error) {
          const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
          if (failedOpenings.length >= MAX_FAILED_OPENINGS) throw new Error(`${failedOpenings.length + 1} openings failed, the last: ${reason}`);
          failedOpenings.push(reason);
          options.progress?.(`  an opening failed and is made again: ${reason}`);
        }
      }
    },
    baseline: async (keep: boolean) => {
      const paint = await openBaselineOnce(browser.context, urls.emptyPreact);
      if (keep) baseline.push(paint);
    },
  };
  const total = options.warmups + options.opens;
  for (let i = 0; i < total; i++) {
    for (const side of turnOrder(i, [sides.panel, sides.baseline])) await side(i >= options.warmups);
    if ((i + 1) % 5 === 0) options.progress?.(`  ${i + 1} of ${total} panel openings`);
  }
  return {
    opens: options.opens,
    warmups: options.warmups,
    firstUsefulPaint: compareWithGoal(
      panel.map((p) => p.mark),
      baseline.map((p) => p.mark),
      PANEL_PAINT_GOAL_MS,
    ),
    domContentLoaded: { panel: summarizeFinite(panel.map((p) => p.dcl)), baseline: summarizeFinite(baseline.map((p) => p.dcl)) },
    firstContentfulPaint: { panel: summarizeFinite(panel.map((p) => p.fcp)), baseline: summarizeFinite(baseline.map((p) => p.fcp)) },
    samples: { panel, baseline },
    failedOpenings,
    wallMs: performance.now() - began,
    loadAverage: { before, after: loadavg()[0] ?? Number.NaN },
  };
}

export function formatPanelPaint(result: PanelPaintResult): string {
  const { firstUsefulPaint: f, domContentLoaded: dcl, firstContentfulPaint: fcp } = result;
  const rows = [
    ['Connect panel: first useful paint', formatMs(f.measured.median), formatMs(f.measured.p95), formatMs(dcl.panel.median), formatMs(fcp.panel.median)],
    ['empty Preact page: first paint', formatMs(f.baseline.median), formatMs(f.baseline.p95), formatMs(dcl.baseline.median), formatMs(fcp.baseline.median)],
  ];
  return [
    `Panel first paint: DevTools opened on the demo checkout and the Connect panel shown, against an empty Preact page in the same browser, taking turns, ${count(result.opens, 'opening')} each after ${count(result.warmups, 'warm-up')} (${(result.wallMs / 1000).toFixed(1)} s)`,
    textTable(['ms from the document\'s time origin to its mark', 'median', 'p95', 'DOMContentLoaded', 'first contentful paint'], rows),
    `difference of medians ${formatMs(f.difference)} (ratio ${f.ratio.toFixed(2)}), goal within ${formatMs(f.goal)} of the empty Preact page: ${f.pass ? 'pass' : 'FAIL'}`,
    ...result.failedOpenings.map((reason) => `an opening failed and was made again: ${reason}`),
    `Load average ${result.loadAverage.before.toFixed(2)} before, ${result.loadAverage.after.toFixed(2)} after.`,
  ].join('\n');
}

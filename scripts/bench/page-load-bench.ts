/**
 * What the page hook costs a page's load (issue 11, "every page"): the demo checkout loaded again and
 * again in three Chromiums of the same run, one with the extension and two without (the second for the
 * A/A check: two browsers that are the same differ too), taking turns, with DevTools closed (the usual
 * case: the hook only remembers). Every time is the page's own Navigation Timing, or its own clock,
 * never a protocol round trip. See docs/benchmarks.md.
 */
import { loadavg } from 'node:os';
import type { BrowserContext, Page } from 'playwright-core';
import { compareSideBySide, turnOrder, type SideBySide } from './side-by-side.ts';
import { count, formatMs, textTable } from './text-table.ts';

export type PageLoadFigure = 'domContentLoaded' | 'load' | 'checkoutReady';

export type PageLoadResult = {
  url: string;
  /** Timed loads with each of the three browsers, after `warmups` loads each that are not counted. */
  loads: number;
  warmups: number;
  /** Each figure in ms from the navigation's start, without (both baseline browsers) and with the extension. */
  figures: Record<PageLoadFigure, SideBySide>;
  /** The raw samples of each browser, in the order they were taken, for a later look at drift. */
  samples: { withoutFirst: PageTimes[]; withoutSecond: PageTimes[]; with: PageTimes[] };
  wallMs: number;
  loadAverage: { before: number; after: number };
};

export type PageTimes = Record<PageLoadFigure, number>;

export const FIGURE_WORDS: Record<PageLoadFigure, string> = {
  domContentLoaded: 'DOMContentLoaded end',
  load: 'load event end',
  checkoutReady: 'checkout ready',
};

/**
 * Added to every page of both browsers: notes, on the page's own clock, when the checkout lists its
 * payment products (`data-status="ready"`), which takes the hooked `new connectsdk.Session` and the
 * SDK's first Client API call. Both browsers carry it, so it costs both the same.
 */
const READY_PROBE = `(() => {
  const observer = new MutationObserver(() => {
    const root = document.getElementById('checkout');
    if (root && root.dataset.status === 'ready' && window.__benchCheckoutReady === undefined) {
      window.__benchCheckoutReady = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
})();`;

/**
 * Once the load has ended and the checkout is ready, the times; undefined until then. A string, run
 * as it is in the page: a function would be passed on as its compiled text, helpers and all.
 */
const READ_TIMES = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const ready = window.__benchCheckoutReady;
  if (!nav || nav.loadEventEnd <= 0 || ready === undefined) return undefined;
  return {
    domContentLoaded: nav.domContentLoadedEventEnd - nav.startTime,
    load: nav.loadEventEnd - nav.startTime,
    checkoutReady: ready - nav.startTime,
  };
})()`;

async function loadOnce(page: Page, url: string): Promise<PageTimes> {
  await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
  const handle = await page.waitForFunction(READ_TIMES, undefined, { polling: 50, timeout: 30_000 });
  return (await handle.jsonValue()) as PageTimes;
}

/** A tab that every load of one browser navigates, so both browsers load in the same way. */
async function prepare(context: BrowserContext): Promise<Page> {
  await context.addInitScript(READY_PROBE);
  return context.newPage();
}

export async function benchPageLoad(
  browsers: { withoutFirst: BrowserContext; withoutSecond: BrowserContext; with: BrowserContext },
  url: string,
  options: { loads: number; warmups: number; progress?: (line: string) => void },
): Promise<PageLoadResult> {
  const before = loadavg()[0] ?? Number.NaN;
  const began = performance.now();
  const first = { page: await prepare(browsers.withoutFirst), times: [] as PageTimes[] };
  const withIt = { page: await prepare(browsers.with), times: [] as PageTimes[] };
  const second = { page: await prepare(browsers.withoutSecond), times: [] as PageTimes[] };
  const sides = [first, withIt, second];
  try {
    const total = options.warmups + options.loads;
    for (let i = 0; i < total; i++) {
      for (const side of turnOrder(i, sides)) {
        const times = await loadOnce(side.page, url);
        if (i >= options.warmups) side.times.push(times);
      }
      if ((i + 1) % 10 === 0) options.progress?.(`  ${i + 1} of ${total} turns`);
    }
  } finally {
    for (const side of sides) await side.page.close().catch(() => undefined);
  }
  const figure = (name: PageLoadFigure) =>
    compareSideBySide(
      { first: first.times.map((t) => t[name]), second: second.times.map((t) => t[name]) },
      withIt.times.map((t) => t[name]),
    );
  return {
    url,
    loads: options.loads,
    warmups: options.warmups,
    figures: { domContentLoaded: figure('domContentLoaded'), load: figure('load'), checkoutReady: figure('checkoutReady') },
    samples: { withoutFirst: first.times, withoutSecond: second.times, with: withIt.times },
    wallMs: performance.now() - began,
    loadAverage: { before, after: loadavg()[0] ?? Number.NaN },
  };
}

const percent = (ratio: number) => (Number.isFinite(ratio) ? `${ratio >= 1 ? '+' : '−'}${(Math.abs(ratio - 1) * 100).toFixed(1)}%` : '—');
const passFail = (pass: boolean) => (pass ? 'pass' : 'FAIL');

export function formatPageLoad(result: PageLoadResult): string {
  const rows = (Object.keys(FIGURE_WORDS) as PageLoadFigure[]).map((name) => {
    const f = result.figures[name];
    return [
      FIGURE_WORDS[name],
      formatMs(f.without.median),
      formatMs(f.with.median),
      f.ratio.toFixed(3),
      `${f.difference >= 0 ? '+' : '−'}${formatMs(Math.abs(f.difference))} (${percent(f.ratio)})`,
      `±${(f.noise * 100).toFixed(1)}%`,
      `${f.interval.low.toFixed(3)}–${f.interval.high.toFixed(3)}`,
      f.aaRatio.toFixed(3),
      passFail(f.pass),
    ];
  });
  return [
    `Page load with the hook: the demo checkout in a Chromium with the extension and two without, DevTools closed, taking turns, ${count(result.loads, 'load')} each after ${count(result.warmups, 'warm-up')} (${(result.wallMs / 1000).toFixed(1)} s)`,
    textTable(['from navigation start to', 'without', 'with', 'ratio', 'change', 'noise', '95% interval', 'A/A', 'within noise'], rows),
    'medians of the page\'s own Navigation Timing (checkout ready: its products listed, on its own clock).',
    'without: both browsers without the extension; A/A: the second of them over the first. noise: the larger of the ratio\'s 95% bootstrap half-width and |A/A − 1|; budget: |ratio − 1| ≤ noise.',
    `Load average ${result.loadAverage.before.toFixed(2)} before, ${result.loadAverage.after.toFixed(2)} after.`,
  ].join('\n');
}

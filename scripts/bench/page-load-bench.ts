/**
 * What the page hook costs a page's load (issue 11, "every page"): the demo checkout loaded again and
 * again in three Chromiums of the same run, one with the extension and two without (the second for the
 * A/A check: two browsers that are the same differ too), taking turns, with DevTools closed (the usual
 * case: the hook only remembers); in rounds of newly launched browsers, so that what one browser happens
 * to be is not always on one side. Every time is the page's own Navigation Timing, or its own clock,
 * never a protocol round trip. See docs/benchmarks.md.
 */
import { loadavg } from 'node:os';
import type { BrowserContext, Page } from 'playwright-core';
import { compareSideBySide, splitEvenly, turnOrder, type SideBySide } from './side-by-side.ts';
import { count, formatMs, textTable } from './text-table.ts';

export type PageLoadFigure = 'domContentLoaded' | 'load' | 'checkoutReady';

export type PageLoadResult = {
  url: string;
  /** Timed loads with each of the three browsers, over all rounds. */
  loads: number;
  /** Turns of loads not counted at the start of each round (its browsers are new). */
  warmups: number;
  /** Rounds, each with three newly launched browsers. */
  rounds: number;
  /** Each figure in ms from the navigation's start, without (both baseline browsers) and with the extension. */
  figures: Record<PageLoadFigure, SideBySide>;
  /** The raw samples of each side, in the order they were taken, round after round, for a later look at drift. */
  samples: Record<'withoutFirst' | 'with' | 'withoutSecond', PageTimes[]>;
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

/** A tab that every load of one browser navigates, so every browser loads in the same way. */
async function prepare(context: BrowserContext): Promise<Page> {
  await context.addInitScript(READY_PROBE);
  return context.newPage();
}

export type PageLoadRole = 'withoutFirst' | 'with' | 'withoutSecond';
const ROLES: PageLoadRole[] = ['withoutFirst', 'with', 'withoutSecond'];

export type LaunchedBrowser = { context: BrowserContext; close(): Promise<void> };

/**
 * `rounds` rounds, each with three new browsers, launched in an order that moves on a step every round (the
 * one with the extension first, then last, then in the middle): `warmups` turns of loads not counted, then the
 * round's share of `loads`. In each turn every browser loads the page once, the turn starting one browser
 * further along (A B C, B C A, C A B…).
 */
export async function benchPageLoad(
  launch: Record<PageLoadRole, () => Promise<LaunchedBrowser>>,
  url: string,
  options: { loads: number; warmups: number; rounds: number; progress?: (line: string) => void },
): Promise<PageLoadResult> {
  const before = loadavg()[0] ?? Number.NaN;
  const began = performance.now();
  const samples: Record<PageLoadRole, PageTimes[]> = { withoutFirst: [], with: [], withoutSecond: [] };
  const shares = splitEvenly(options.loads, options.rounds);
  for (const [round, loads] of shares.entries()) {
    const launched = new Map<PageLoadRole, LaunchedBrowser>();
    try {
      for (const role of turnOrder(round + 1, ROLES)) launched.set(role, await launch[role]());
      const sides: { role: PageLoadRole; page: Page }[] = [];
      for (const role of ROLES) sides.push({ role, page: await prepare((launched.get(role) as LaunchedBrowser).context) });
      const total = options.warmups + loads;
      for (let i = 0; i < total; i++) {
        for (const side of turnOrder(i, sides)) {
          const times = await loadOnce(side.page, url);
          if (i >= options.warmups) samples[side.role].push(times);
        }
      }
      options.progress?.(`  round ${round + 1} of ${shares.length}: ${total} turns`);
    } finally {
      for (const browser of launched.values()) await browser.close();
    }
  }
  const figure = (name: PageLoadFigure) =>
    compareSideBySide(
      { first: samples.withoutFirst.map((t) => t[name]), second: samples.withoutSecond.map((t) => t[name]) },
      samples.with.map((t) => t[name]),
    );
  return {
    url,
    loads: options.loads,
    warmups: options.warmups,
    rounds: shares.length,
    figures: { domContentLoaded: figure('domContentLoaded'), load: figure('load'), checkoutReady: figure('checkoutReady') },
    samples,
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
    `Page load with the hook: the demo checkout in a Chromium with the extension and two without, DevTools closed, taking turns, ${count(result.loads, 'load')} each over ${count(result.rounds, 'round')} of new browsers, after ${count(result.warmups, 'warm-up')} a round (${(result.wallMs / 1000).toFixed(1)} s)`,
    textTable(['from navigation start to', 'without', 'with', 'ratio', 'change', 'noise', '95% interval', 'A/A', 'within noise'], rows),
    'medians of the page\'s own Navigation Timing (checkout ready: its products listed, on its own clock).',
    'without: both browsers without the extension (in every round); A/A: the second of them over the first. noise: the larger of the ratio\'s 95% bootstrap half-width and |A/A − 1|; budget: |ratio − 1| ≤ noise.',
    `Load average ${result.loadAverage.before.toFixed(2)} before, ${result.loadAverage.after.toFixed(2)} after.`,
  ].join('\n');
}

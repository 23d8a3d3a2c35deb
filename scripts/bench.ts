/**
 * `npm run bench`: memory and time of the timeline over a two-hour, one-poll-a-second history, time
 * to render it, and the gzip sizes of what the extension ships. Medians to stdout, the same as JSON
 * to .tmp/bench.json. See docs/benchmarks.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchArgs, USAGE, type BenchOptions } from './bench/args.ts';
import { checkBudgets } from './bench/budgets.ts';
import { benchBrowser } from './bench/browser-bench.ts';
import { ensureBuild } from './bench/build-extension.ts';
import { benchClassification, type ClassificationResult } from './bench/classification-bench.ts';
import { benchHarImport, formatHarImport, type HarImportBenchResult } from './bench/har-import-bench.ts';
import { measureBundleSizes } from './bench/bundle-sizes.ts';
import { getGc } from './bench/heap.ts';
import { benchHistory, type HistoryResult } from './bench/history-bench.ts';
import { describeMachine } from './bench/machine.ts';
import { SCENARIOS } from './bench/payment-script.ts';
import { benchPollingEconomy } from './bench/polling-economy.ts';
import { benchRender } from './bench/render-bench.tsx';
import { benchTimelineBudget } from './bench/timeline-budget.ts';
import { formatReport, type BenchReport } from './bench/report.ts';
import { count } from './bench/text-table.ts';
import { buildTimeline } from '../src/core/timeline/build-timeline.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist/chrome');

/** The timeline one poll before the end, to time the update the panel makes on each answer. */
async function renderFinal(history: HistoryResult, options: BenchOptions) {
  const { records, timeline } = history.final;
  const before = records.slice(0, -1);
  const result = await benchRender({ timeline: buildTimeline({ records: before }), records: before }, { timeline, records }, options.runs, options.warmups);
  return { scenario: history.scenario, ...result };
}

/** Issue 11: the devtools page classifying a busy page's network (scripts/bench/classification-bench.ts). */
function classifyNetwork(options: BenchOptions) {
  console.error(`classifying a synthetic busy page's network, ${count(options.warmups + options.runs, 'pass')}…`);
  return benchClassification(options);
}

/** Issue 11: the panel's polls against a fixed one-second poller, on the real simulator (scripts/bench/polling-economy.ts). */
function pollEconomy(options: BenchOptions) {
  console.error(`polling ${count(options.payments, 'payment')} through their status changes, the panel's way and once a second…`);
  return benchPollingEconomy({ payments: options.payments });
}

/** Issue 11 in Chromium: the hook's cost to a page's load, and the panel's first useful paint (scripts/bench/browser-bench.ts). */
async function browserFigures(options: BenchOptions) {
  if (!options.browser) return undefined;
  console.error(`measuring in Chromium: ${count(options.pageLoads, 'page load')} with and without the extension, ${count(options.panelOpens, 'panel opening')}…`);
  const result = await benchBrowser({ pageLoads: options.pageLoads, pageLoadWarmups: 3, panelOpens: options.panelOpens, panelWarmups: 1 }, (line) => console.error(line));
  if (result.skipped) console.error(`Chromium figures skipped: ${result.skipped}`);
  for (const error of result.errors) console.error(`not measured, ${error}`);
  return result;
}

/** Counts that are not timings: a wrong one is a broken extension or bench, whatever the machine. */
function classificationErrors(result: ClassificationResult): string[] {
  return [
    ...(result.readsExact ? [] : ['network classification: bodies were read that are not candidates, or candidates were not read']),
    ...(result.foundExact ? [] : ['network classification: the Connect entries of the page were not all found']),
  ];
}

async function main(): Promise<number> {
  const options = parseBenchArgs(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  // Sizes first: a build, if one is needed, should not run beside the timed sections.
  const build = await ensureBuild(DIST, options.build);
  const measured = build === 'absent' ? undefined : measureBundleSizes(DIST);

  const gc = getGc();
  const history: HistoryResult[] = [];
  for (const scenario of SCENARIOS) {
    console.error(`simulating two hours of "${scenario.name}", ${count(options.historyWarmups + options.historyRuns, 'run')}…`);
    history.push(await benchHistory(scenario, gc, options));
  }
  const render = [];
  for (const result of history) render.push(await renderFinal(result, options));
  // Issue 11: every timeline update within a frame, memory flat, over two hours and 10^6 polls (scripts/bench/timeline-budget.ts).
  const timelineBudget = await benchTimelineBudget(history, render, gc, options);

  const classification = await classifyNetwork(options);
  // Issue 11: a 200 MB HAR streamed through the import as the panel's worker reads it (scripts/bench/har-import-bench.ts); 3 runs, 1 with --quick.
  console.error('importing a generated 200 MB HAR, streamed…');
  const harImport = await benchHarImport({ runs: Math.min(3, options.historyRuns) });
  const polling = await pollEconomy(options);
  const browser = await browserFigures(options);

  const budgets = measured ? checkBudgets(measured.groups) : [];
  const report: BenchReport & { harImport: HarImportBenchResult } = {
    date: new Date().toISOString(),
    machine: describeMachine(),
    gc: gc.how,
    runs: { render: options.runs, renderWarmups: options.warmups, history: options.historyRuns, historyWarmups: options.historyWarmups },
    history: history.map(({ final: _final, ...rest }) => rest),
    render,
    timelineBudget,
    sizes: { build, ...(measured ? { measured } : {}), budgets },
    classification,
    harImport,
    polling,
    ...(browser ? { browser } : {}),
  };
  console.log(formatReport(report));
  console.log(formatHarImport(harImport));
  const out = resolve(ROOT, options.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nJSON: ${out}`);

  const errors = classificationErrors(classification);
  for (const error of errors) console.error(error);
  if (errors.length > 0) return 1;
  const over = budgets.filter((b) => b.overBytes > 0);
  if (!options.strict || over.length === 0) return 0;
  for (const b of over) console.error(`over budget: ${b.group} is ${b.gzipBytes} bytes gzip, ${b.overBytes} over its ${b.budgetBytes}`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);

import type { BudgetCheck } from './budgets.ts';
import { formatBrowserBench, type BrowserBenchResult } from './browser-bench.ts';
import type { BuildState } from './build-extension.ts';
import type { BundleSizes } from './bundle-sizes.ts';
import { formatClassification, type ClassificationResult } from './classification-bench.ts';
import type { GcAccess } from './heap.ts';
import type { HistoryResult } from './history-bench.ts';
import type { Checkpoint } from './history-run.ts';
import type { Machine } from './machine.ts';
import { formatPollingEconomy, type PollingEconomyResult } from './polling-economy.ts';
import type { RenderResult } from './render-bench.tsx';
import type { Summary } from './stats.ts';
import { formatTimelineBudget, type TimelineBudgetResult } from './timeline-budget.ts';
import { count, formatKb, formatMs, formatUs, textTable } from './text-table.ts';

/** Everything one `npm run bench` measured; written as JSON for later runs (and CI) to compare with. */
export type BenchReport = {
  date: string;
  machine: Machine;
  gc: GcAccess['how'];
  runs: { render: number; renderWarmups: number; history: number; historyWarmups: number };
  history: Omit<HistoryResult, 'final'>[];
  render: (RenderResult & { scenario: string })[];
  /** Issue 11: the timeline's per-update time against one frame, and its memory, over two hours and 10^6 polls. */
  timelineBudget: TimelineBudgetResult;
  sizes: { build: BuildState; measured?: BundleSizes; budgets: BudgetCheck[] };
  /** Issue 11: the devtools page's network classification and the panel's polling economy, each with its budget. */
  classification: ClassificationResult;
  polling: PollingEconomyResult;
  /** Issue 11, in Chromium: the hook's cost to a page's load and the panel's first useful paint; absent with --no-browser. */
  browser?: BrowserBenchResult;
};

/** The two cells every timing gets, median first. */
const medianThenP95 = (summary: Summary, format: (value: number) => string) => [format(summary.median), format(summary.p95)];

const GC_WORDS: Record<GcAccess['how'], string> = {
  flag: 'full GC before each reading (--expose-gc)',
  runtime: 'full GC before each reading (enabled at run time)',
  none: 'NO full GC available: memory figures are approximate',
};

function header(report: BenchReport): string {
  const { machine } = report;
  return [
    `Connect DevTools benchmark, ${report.date}`,
    `machine: ${machine.cpus} × ${machine.cpuModel}, ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GB RAM, ${machine.os}, Node ${machine.node}`,
    `memory: ${GC_WORDS[report.gc]}; medians first, then p95`,
  ].join('\n');
}

function historySection(report: BenchReport): string {
  const { history: runs, historyWarmups } = report.runs;
  const rows = report.history.map((h) => [
    h.scenario,
    formatKb(h.heapHeldBytes),
    formatKb(h.heapRangeBytes),
    `${formatKb(h.heapSlopeBytesPerHour)}/h`,
    String(h.recordsKept),
    formatKb(h.historyJsonBytes),
    `${h.polls} (${h.stopReason})`,
    String(h.timelineRows),
  ]);
  const timing = report.history.map((h) => [
    h.scenario,
    ...medianThenP95(h.foldStepUs, formatUs),
    ...medianThenP95(h.foldingStepUs, formatUs),
    formatMs(h.foldTotalMs),
    ...medianThenP95(h.buildTimelineMs, formatMs),
  ]);
  return [
    `Timeline history: two hours at one poll a second, real poller and foldPolls (${count(runs, 'run')} after ${count(historyWarmups, 'warm-up')})`,
    textTable(['scenario', 'heap held', 'heap range', 'heap slope', 'records kept', 'history JSON', 'polls (stop)', 'rows'], rows),
    '',
    textTable(
      ['scenario', 'fold step', 'p95', 'folding step', 'p95', 'fold, 2 h total', 'buildTimeline', 'p95'],
      timing,
    ),
    'heap held: after the run, over the heap before it; range and slope: over the checkpoints after the first.',
    'fold step: each foldPolls([...records, record]); folding step: those over the bound, about one in fifty.',
  ].join('\n');
}

function checkpointSection(report: BenchReport): string {
  const longest = report.history.reduce((most, h) => (h.checkpoints.length > most.length ? h.checkpoints : most), [] as Checkpoint[]);
  const minutes = longest.map((c) => `${c.atMs / 60_000} min`);
  const rows = report.history.flatMap((h) => [
    [`${h.scenario} heap`, ...h.checkpoints.map((c) => formatKb(c.heapBytes))],
    [`${h.scenario} records`, ...h.checkpoints.map((c) => String(c.recordsKept))],
  ]);
  return ['Memory every 10 simulated minutes (heap: median over runs)', textTable(['', ...minutes], rows)].join('\n');
}

function renderSection(report: BenchReport): string {
  const rows = report.render.map((r) => [
    r.scenario,
    ...medianThenP95(r.mountMs, formatMs),
    ...medianThenP95(r.updateMs, formatMs),
    String(r.rows),
    String(r.elements),
  ]);
  return [
    `Time to render the final timeline: Preact into happy-dom (${count(report.runs.render, 'run')} after ${count(report.runs.renderWarmups, 'warm-up')})`,
    textTable(['scenario', 'mount', 'p95', 'update (+1 poll)', 'p95', 'rows', 'elements'], rows),
  ].join('\n');
}

function sizeSection(report: BenchReport): string {
  const { measured, budgets, build } = report.sizes;
  if (!measured) return 'Sizes: no build in dist/chrome (run without --no-build, or npm run build first)';
  const rows: string[][] = [];
  for (const group of measured.groups) {
    const check = budgets.find((b) => b.group === group.name);
    const verdict = check ? `${formatKb(check.budgetBytes)}${check.overBytes > 0 ? ` OVER by ${formatKb(check.overBytes)}` : ' ok'}` : '';
    rows.push([`${group.name} (${group.files.length} files)`, formatKb(group.gzipBytes), formatKb(group.bytes), verdict]);
    for (const file of group.files) {
      rows.push([`  ${file.file}${file.missing ? ' (MISSING)' : ''}`, formatKb(file.gzipBytes), formatKb(file.bytes), '']);
    }
  }
  return [
    `Sizes: gzip -9 of each file, summed per part (${build === 'built' ? 'built just now' : `build of ${measured.builtAt}`})`,
    textTable(['part / file', 'gzip', 'raw', 'budget (gzip)'], rows),
  ].join('\n');
}

export function formatReport(report: BenchReport): string {
  return [
    header(report),
    historySection(report),
    checkpointSection(report),
    renderSection(report),
    formatTimelineBudget(report.timelineBudget),
    sizeSection(report),
    formatClassification(report.classification),
    formatPollingEconomy(report.polling),
    formatBrowserBench(report.browser),
  ].join('\n\n');
}

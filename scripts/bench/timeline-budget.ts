import { Window } from 'happy-dom';
import { cpus, loadavg } from 'node:os';
import { buildTimeline } from '../../src/core/timeline/build-timeline.ts';
import type { GcAccess } from './heap.ts';
import type { HistoryResult } from './history-bench.ts';
import { runPanelUpdates } from './history-run.ts';
import { millionPolls, SCENARIOS } from './payment-script.ts';
import { benchRender, type RenderResult } from './render-bench.tsx';
import { slope, summarize, type Summary } from './stats.ts';
import { runSynthetic, SYNTHETIC_POLLS } from './synthetic-history.ts';
import { formatKb, formatMs, formatUs, textTable } from './text-table.ts';

/**
 * Issue 11, the timeline's budget: every update the panel makes on a poll answer within one frame,
 * for the two-hour histories and for a synthetic history of a million polls, with memory flat.
 */

/** One frame at 60 Hz. An update is within budget when the p95 of its scenario is. */
export const UPDATE_BUDGET_MS = 16;
/**
 * Flat: after the first checkpoint (which still carries the run's start-up), the heap moves by less
 * than FLAT_SPREAD_BYTES from its lowest to its highest, and its least-squares trend adds less than
 * FLAT_DRIFT_BYTES over the whole run. A bounded history of 500 records saws between 450 and 500
 * records (about 0.4 KB each), and a reading after a full collection moves by some tens of KB.
 */
export const FLAT_SPREAD_BYTES = 128 * 1024;
export const FLAT_DRIFT_BYTES = 64 * 1024;

export type TimelineBudgetScenario = {
  scenario: string;
  description: string;
  polls: number;
  /** Rows of the final timeline, and how many of them are in the document (a long list draws those in view). */
  rows: number;
  rowsDrawn: number;
  elements: number;
  /** Answers timed whole (fold, build and draw): all of them, or a sample of the million. */
  updatesTimed: number;
  /** Fold, build and draw of one answer, by the clock. */
  updateMs: Summary;
  /**
   * The same updates in the process's CPU time: without the waits for a CPU that a shared machine adds
   * to the clock, but with the time V8's collector and compiler threads spend beside the update, so it
   * can be more than the clock. Reported beside the clock's figure, which is the budget's.
   */
  updateCpuMs: Summary;
  /** Of which drawing. */
  drawMs: Summary;
  /** Fold and build of every answer. */
  coreUs: Summary;
  /** A fresh mount of the final timeline, as when the panel opens on it. */
  mountMs: Summary;
  /** The budget's verdict: the clock's p95 (an update holds the panel's one thread that long). */
  withinBudget: boolean;
  /** The CPU time's p95 against the same budget, for reference. */
  withinBudgetCpu: boolean;
  heapHeldBytes: number;
  heapSpreadBytes: number;
  /** Least-squares slope of the heap over the run, times the run's length: what the trend adds. */
  heapDriftBytes: number;
  flat: boolean;
  /** The heap after each checkpoint, for the synthetic run (the two-hour ones are in the history section). */
  checkpoints?: { polls: number; heapBytes: number; recordsKept: number; rows: number }[];
};

export type TimelineBudgetResult = {
  budgetMs: number;
  flatSpreadBytes: number;
  flatDriftBytes: number;
  syntheticPolls: number;
  /** Answers drawn one after another after each tenth of the synthetic run. */
  syntheticDrawnPerWindow: number;
  /** The machine's one-minute load average at the start and the end of the section, and its CPUs. */
  load: { start: number; end: number; cpus: number };
  /** No warm-up runs (--quick): the two-hour heaps include V8's first compilations. */
  coldHistory: boolean;
  scenarios: TimelineBudgetScenario[];
};

/** Spread and drift over the points after the first. */
function flatness(points: readonly { x: number; y: number }[]): { spread: number; drift: number } {
  const later = points.slice(1);
  if (later.length < 2) return { spread: Number.NaN, drift: Number.NaN };
  const ys = later.map((p) => p.y);
  const span = (later.at(-1)?.x ?? 0) - (later[0]?.x ?? 0);
  return { spread: Math.max(...ys) - Math.min(...ys), drift: slope(later) * span };
}

const isFlat = (spread: number, drift: number) => spread < FLAT_SPREAD_BYTES && drift < FLAT_DRIFT_BYTES;

function verdicts(update: Summary, cpu: Summary, spread: number, drift: number) {
  return { withinBudget: update.p95 <= UPDATE_BUDGET_MS, withinBudgetCpu: cpu.p95 <= UPDATE_BUDGET_MS, flat: isFlat(spread, drift) };
}

const microseconds = (ms: ArrayLike<number>) => Array.from(ms, (value) => value * 1000);

/**
 * The two-hour scenarios again, each drawn on every answer (their memory comes from `history`,
 * measured without a DOM), then the synthetic million: one run for memory, one drawn.
 */
export async function benchTimelineBudget(
  history: readonly HistoryResult[],
  render: readonly (RenderResult & { scenario: string })[],
  gc: GcAccess,
  options: { runs: number; warmups: number; historyWarmups: number },
): Promise<TimelineBudgetResult> {
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  const window = new Window();
  const { document } = window;
  const container = () => {
    // happy-dom's element types are its own; Preact only needs the DOM methods they share.
    const element = document.createElement('div') as unknown as HTMLElement;
    document.body.append(element as never);
    return element;
  };
  const scenarios: TimelineBudgetScenario[] = [];
  // 9 windows (after each tenth of the run but the last) of answers drawn one after another. Each starts
  // with a fresh mount, whose first answers settle it (the lazily loaded picture, first measurements):
  // the panel opens once, so each window is long enough that those are a few of the p95's samples.
  const drawnPerWindow = Math.max(20, options.runs * 10);
  try {
    for (const result of history) {
      const scenario = SCENARIOS.find((s) => s.name === result.scenario);
      if (!scenario) continue;
      console.error(`timeline budget: "${scenario.name}" again, drawing the timeline on every answer…`);
      const run = await runPanelUpdates(scenario, container());
      const updateMs = summarize(run.coreMs.map((ms, i) => ms + (run.drawMs[i] ?? 0)));
      const updateCpuMs = summarize(run.cpuMs);
      const { spread, drift } = flatness(result.checkpoints.map((c) => ({ x: c.atMs, y: c.heapBytes })));
      const mount = render.find((r) => r.scenario === result.scenario);
      scenarios.push({
        scenario: scenario.name,
        description: scenario.description,
        polls: run.polls,
        rows: run.rows,
        rowsDrawn: run.rowsDrawn,
        elements: run.elements,
        updatesTimed: run.coreMs.length,
        updateMs,
        updateCpuMs,
        drawMs: summarize(run.drawMs),
        coreUs: summarize(microseconds(run.coreMs)),
        mountMs: mount?.mountMs ?? summarize([]),
        heapHeldBytes: result.heapHeldBytes,
        heapSpreadBytes: spread,
        heapDriftBytes: drift,
        ...verdicts(updateMs, updateCpuMs, spread, drift),
      });
    }

    console.error(`timeline budget: a synthetic history of ${SYNTHETIC_POLLS.toLocaleString('en')} polls, taken in twice (memory, then drawn)…`);
    const synthetic = await runSynthetic(millionPolls, gc, container(), { drawnPerWindow });
    const { records, stop } = synthetic.final;
    const before = records.slice(0, -1);
    const mount = await benchRender(
      { timeline: buildTimeline({ records: before }), records: before },
      { timeline: buildTimeline({ records, stop }), records },
      options.runs,
      options.warmups,
    );
    const updateMs = summarize(synthetic.updateMs);
    const updateCpuMs = summarize(synthetic.cpuMs);
    const { spread, drift } = flatness(synthetic.checkpoints.map((c) => ({ x: c.polls, y: c.heapBytes })));
    scenarios.push({
      scenario: millionPolls.name,
      description: millionPolls.description,
      polls: synthetic.polls,
      rows: synthetic.rows,
      rowsDrawn: synthetic.rowsDrawn,
      elements: synthetic.elements,
      updatesTimed: synthetic.updateMs.length,
      updateMs,
      updateCpuMs,
      drawMs: summarize(synthetic.drawMs),
      coreUs: summarize(microseconds(synthetic.coreMs)),
      mountMs: mount.mountMs,
      heapHeldBytes: synthetic.heapHeldBytes,
      heapSpreadBytes: spread,
      heapDriftBytes: drift,
      ...verdicts(updateMs, updateCpuMs, spread, drift),
      checkpoints: synthetic.checkpoints,
    });
  } finally {
    await window.happyDOM.close();
  }
  return {
    budgetMs: UPDATE_BUDGET_MS,
    flatSpreadBytes: FLAT_SPREAD_BYTES,
    flatDriftBytes: FLAT_DRIFT_BYTES,
    syntheticPolls: SYNTHETIC_POLLS,
    syntheticDrawnPerWindow: drawnPerWindow,
    load: { start: loadAtStart, end: loadavg()[0] ?? Number.NaN, cpus: cpus().length },
    coldHistory: options.historyWarmups === 0,
    scenarios,
  };
}

const pass = (ok: boolean) => (ok ? 'pass' : 'FAIL');

export function formatTimelineBudget(result: TimelineBudgetResult): string {
  const rows = result.scenarios.map((s) => [
    s.scenario,
    s.polls.toLocaleString('en'),
    `${s.rows} (${s.rowsDrawn})`,
    s.updatesTimed.toLocaleString('en'),
    formatMs(s.updateMs.median),
    formatMs(s.updateMs.p95),
    formatMs(s.updateMs.max),
    pass(s.withinBudget),
    formatMs(s.updateCpuMs.median),
    formatMs(s.updateCpuMs.p95),
    formatUs(s.coreUs.median),
    formatUs(s.coreUs.p95),
    formatMs(s.mountMs.median),
    formatMs(s.mountMs.p95),
  ]);
  const memory = result.scenarios.map((s) => [
    s.scenario,
    formatKb(s.heapHeldBytes),
    formatKb(s.heapSpreadBytes),
    formatKb(s.heapDriftBytes),
    pass(s.flat),
  ]);
  const synthetic = result.scenarios.find((s) => s.checkpoints);
  const lines = [
    `Timeline budget: each update within ${result.budgetMs} ms (the p95 judged, by the clock), memory flat in every scenario`,
    textTable(
      ['scenario', 'polls', 'rows (drawn)', 'timed', 'update', 'p95', 'max', `≤ ${result.budgetMs} ms`, 'CPU', 'p95', 'fold+build', 'p95', 'mount', 'p95'],
      rows,
    ),
    `update: one answer as the panel takes it: foldPolls, buildTimeline, TimelineView drawn with Preact into happy-dom. ` +
      `Every answer of the two-hour runs; of the synthetic one, ${result.syntheticDrawnPerWindow} answers in a row after each tenth of it.`,
    '',
    textTable(['scenario', 'heap held', 'heap spread', 'heap drift', 'flat'], memory),
    `flat: after the first checkpoint, spread (max − min) under ${formatKb(result.flatSpreadBytes)} and drift (trend × length) under ${formatKb(result.flatDriftBytes)}. ` +
      'Heaps without the DOM (happy-dom keeps some of every DOM it held): the two-hour ones from the history section, the synthetic one from a run of its own.',
    ...(result.coldHistory ? ['No warm-up runs (--quick): the two-hour heaps include V8 compiling the code as it first runs; judge flatness on a full run.'] : []),
    `CPU: the process's CPU time over the same update, V8's collector and compiler threads included (so it can be more than the clock); reported, not judged.`,
    `Load average ${result.load.start.toFixed(1)} at the start, ${result.load.end.toFixed(1)} at the end, on ${result.load.cpus} CPUs: above that, the clock also counts waiting for a CPU, the CPU time does not.`,
  ];
  if (synthetic?.checkpoints) {
    lines.push(
      '',
      `${synthetic.scenario}, every ${(synthetic.polls / synthetic.checkpoints.length).toLocaleString('en')} polls`,
      textTable(
        ['', ...synthetic.checkpoints.map((c) => `${c.polls / 1000}k`)],
        [
          ['heap', ...synthetic.checkpoints.map((c) => formatKb(c.heapBytes))],
          ['records', ...synthetic.checkpoints.map((c) => String(c.recordsKept))],
          ['rows', ...synthetic.checkpoints.map((c) => String(c.rows))],
        ],
      ),
    );
  }
  return lines.join('\n');
}

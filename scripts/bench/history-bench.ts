import { performance } from 'node:perf_hooks';
import { buildTimeline, type Timeline } from '../../src/core/timeline/build-timeline.ts';
import type { PollRecord, PollStop } from '../../src/core/timeline/poll-record.ts';
import type { GcAccess } from './heap.ts';
import { runHistory, type Checkpoint, type HistoryRun } from './history-run.ts';
import type { PaymentScenario } from './payment-script.ts';
import { median, medianSeries, slope, summarize, type Summary } from './stats.ts';

export type HistoryResult = {
  scenario: string;
  description: string;
  runs: number;
  polls: number;
  stopReason: string;
  recordsKept: number;
  historyJsonBytes: number;
  timelineRows: number;
  /** Median over runs. */
  heapHeldBytes: number;
  /** Each checkpoint's median over runs. */
  checkpoints: Checkpoint[];
  /** After the first checkpoint, which still carries the run's start-up. */
  heapRangeBytes: number;
  heapSlopeBytesPerHour: number;
  /** Every `foldPolls([...records, record])` of every run. */
  foldStepUs: Summary;
  /** Only the steps over the bound, which fold (one in about fifty). */
  foldingStepUs: Summary;
  /** All the folding of one two-hour run, median over runs. */
  foldTotalMs: number;
  /** Every `buildTimeline` of the folded history after an answer, as the panel draws it (incremental). */
  buildStepUs: Summary;
  /** `buildTimeline` of the final history from nothing, as when a panel opens on it or a file is imported. */
  buildTimelineMs: Summary;
  /** The last run's final state, for the render benchmark. */
  final: { records: PollRecord[]; stop: PollStop | undefined; timeline: Timeline };
};

const HOUR_MS = 3_600_000;
const toMicroseconds = (ms: readonly number[]) => ms.map((value) => value * 1000);

/** From nothing: each run gets its own copy of the records, so no builder kept from an earlier run helps it. */
function timeBuildTimeline(records: readonly PollRecord[], stop: PollStop | undefined, runs: number, warmups: number): Summary {
  const times: number[] = [];
  for (let run = 0; run < warmups + runs; run++) {
    const copy = structuredClone(records);
    const began = performance.now();
    buildTimeline({ records: copy, ...(stop ? { stop } : {}) });
    if (run >= warmups) times.push(performance.now() - began);
  }
  return summarize(times);
}

/** The flatness of a heap series: its spread and its trend, both after the first checkpoint. */
function flatness(checkpoints: readonly Checkpoint[]): { heapRangeBytes: number; heapSlopeBytesPerHour: number } {
  const later = checkpoints.slice(1);
  const heaps = later.map((c) => c.heapBytes);
  return {
    heapRangeBytes: heaps.length ? Math.max(...heaps) - Math.min(...heaps) : Number.NaN,
    heapSlopeBytesPerHour: slope(later.map((c) => ({ x: c.atMs / HOUR_MS, y: c.heapBytes }))),
  };
}

function summarizeCheckpoints(runs: readonly HistoryRun[]): Checkpoint[] {
  const first = runs[0];
  if (!first) return [];
  const heaps = medianSeries(runs.map((run) => run.checkpoints.map((c) => c.heapBytes)));
  // Records and JSON are the same in every run: the script and the clock are deterministic.
  return first.checkpoints.slice(0, heaps.length).map((c, i) => ({ ...c, heapBytes: heaps[i] ?? Number.NaN }));
}

export async function benchHistory(
  scenario: PaymentScenario,
  gc: GcAccess,
  options: { historyRuns: number; historyWarmups: number; runs: number; warmups: number },
): Promise<HistoryResult> {
  const runs: HistoryRun[] = [];
  for (let run = 0; run < options.historyWarmups + options.historyRuns; run++) {
    const result = await runHistory(scenario, gc);
    if (run >= options.historyWarmups) runs.push(result);
  }
  const last = runs.at(-1);
  if (!last) throw new Error('no history run');
  const checkpoints = summarizeCheckpoints(runs);
  const timeline = buildTimeline({ records: last.history, ...(last.stop ? { stop: last.stop } : {}) });
  return {
    scenario: scenario.name,
    description: scenario.description,
    runs: runs.length,
    polls: last.polls,
    stopReason: last.stop?.reason ?? 'none',
    recordsKept: last.recordsKept,
    historyJsonBytes: last.historyJsonBytes,
    timelineRows: timeline.rows.length,
    heapHeldBytes: median(runs.map((run) => run.heapHeldBytes)),
    checkpoints,
    ...flatness(checkpoints),
    foldStepUs: summarize(toMicroseconds(runs.flatMap((run) => run.foldStepMs))),
    foldingStepUs: summarize(toMicroseconds(runs.flatMap((run) => run.foldingStepMs))),
    foldTotalMs: median(runs.map((run) => run.foldStepMs.reduce((sum, ms) => sum + ms, 0))),
    buildStepUs: summarize(toMicroseconds(runs.flatMap((run) => run.buildStepMs))),
    buildTimelineMs: timeBuildTimeline(last.history, last.stop, options.runs, options.warmups),
    final: { records: last.history, stop: last.stop, timeline },
  };
}

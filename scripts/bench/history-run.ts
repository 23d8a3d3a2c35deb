import { performance } from 'node:perf_hooks';
import { createPoller, DEFAULT_POLLER_OPTIONS } from '../../src/core/poll/poller.ts';
import { buildTimeline } from '../../src/core/timeline/build-timeline.ts';
import { DEFAULT_MAX_RECORDS, foldPolls } from '../../src/core/timeline/fold-polls.ts';
import type { PollRecord, PollStop, PollTarget } from '../../src/core/timeline/poll-record.ts';
import { settledHeapBytes, type GcAccess } from './heap.ts';
import { createManualClock, drainMicrotasks } from './manual-clock.ts';
import type { PaymentScenario } from './payment-script.ts';
import { PanelUpdatePath } from './update-path.tsx';

export const TARGET: PollTarget = {
  clientApiUrl: 'https://ams1.sandbox.api-ingenico.com/client',
  customerId: '9991-66bb4ae9335c4d11a350d39ddd9a3139',
  paymentId: '000000123410000595980000100001',
  clientSessionId: '51d29012e6ce4b81afa6cc7551ef4e36',
};
export const META = {
  toolVersion: '0.1.0',
  platformIdentifier: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
  screenSize: '1920x1080',
};
export const START = Date.UTC(2026, 0, 15, 9, 0, 0);
export const CHECKPOINT_EVERY_MS = 10 * 60_000;
/** One poll a second for two hours, and one more: no run can make more, so the timing buffer never grows. */
const MAX_POLLS = Math.ceil(DEFAULT_POLLER_OPTIONS.maxDurationMs / DEFAULT_POLLER_OPTIONS.intervalMs) + 1;

export type Checkpoint = { atMs: number; heapBytes: number; recordsKept: number; historyJsonBytes: number };

export type HistoryRun = {
  polls: number;
  recordsKept: number;
  historyJsonBytes: number;
  /** Heap the run still holds once stopped (the kept history and the stopped poller), after a full collection. */
  heapHeldBytes: number;
  checkpoints: Checkpoint[];
  /** Milliseconds of each `foldPolls([...records, record])`, one per answer. */
  foldStepMs: number[];
  /** The steps that were over the bound and folded (the others only copy). */
  foldingStepMs: number[];
  /** Milliseconds of each `buildTimeline` of the folded history, one per answer, as the panel draws it. */
  buildStepMs: number[];
  history: PollRecord[];
  stop: PollStop | undefined;
  simulatedMs: number;
};

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/**
 * One two-hour run: the real poller, a scripted platform answering at once (latency would only
 * thin out the polls; one a second makes 7200 in two hours), and each record folded into the
 * bounded history and its timeline built, exactly as the panel does (PollManager, PollCard).
 */
export async function runHistory(scenario: PaymentScenario, gc: GcAccess): Promise<HistoryRun> {
  const time = createManualClock(START);
  // The timing buffers are made whole before the baseline, so 7200 timings do not show as heap growth.
  const foldStepMs = new Float64Array(MAX_POLLS);
  const folding = new Uint8Array(MAX_POLLS);
  const buildStepMs = new Float64Array(MAX_POLLS);
  const checkpoints: Checkpoint[] = [];
  let steps = 0;
  let history: PollRecord[] = [];
  let stop: PollStop | undefined;

  const poller = createPoller({
    target: TARGET,
    meta: META,
    clock: time.clock,
    random: () => 0.5,
    fetch: () => Promise.resolve(scenario.answerAt(time.now() - START, time.now())),
    onEvent: (event) => {
      if (event.kind === 'stopped') stop = event;
      if (event.kind !== 'record') return;
      const overBound = history.length + 1 > DEFAULT_MAX_RECORDS;
      const began = performance.now();
      history = foldPolls([...history, event.record]);
      const folded = performance.now();
      // The panel draws the timeline of every new history (PollCard); its builder is part of what a poll holds.
      buildTimeline({ records: history });
      buildStepMs[steps] = performance.now() - folded;
      foldStepMs[steps] = folded - began;
      folding[steps] = overBound ? 1 : 0;
      steps += 1;
    },
  });

  const baseline = settledHeapBytes(gc);
  let nextCheckpoint = START + CHECKPOINT_EVERY_MS;
  poller.start();
  for (;;) {
    await drainMicrotasks();
    const at = time.nextAt();
    if (at === undefined) break;
    for (; nextCheckpoint <= at; nextCheckpoint += CHECKPOINT_EVERY_MS) {
      checkpoints.push({
        atMs: nextCheckpoint - START,
        heapBytes: settledHeapBytes(gc) - baseline,
        recordsKept: history.length,
        historyJsonBytes: jsonBytes(history),
      });
    }
    time.fireNext();
  }
  const heapHeldBytes = settledHeapBytes(gc) - baseline;

  const timings = Array.from(foldStepMs.subarray(0, steps));
  return {
    polls: poller.state().polls,
    recordsKept: history.length,
    historyJsonBytes: jsonBytes(history),
    heapHeldBytes,
    checkpoints,
    foldStepMs: timings,
    foldingStepMs: timings.filter((_, i) => folding[i] === 1),
    buildStepMs: Array.from(buildStepMs.subarray(0, steps)),
    history,
    stop,
    simulatedMs: time.now() - START,
  };
}

export type PanelUpdatesRun = {
  polls: number;
  /** Per answer: fold and build, then drawing, in milliseconds; and the CPU time of the whole update. */
  coreMs: number[];
  drawMs: number[];
  cpuMs: number[];
  rows: number;
  rowsDrawn: number;
  elements: number;
};

/**
 * The same two hours again, with the panel's whole update path on every answer: fold, build and
 * draw the timeline into `container` (see update-path.tsx). A run of its own, so that the DOM
 * never counts in the memory figures of `runHistory`.
 */
export async function runPanelUpdates(scenario: PaymentScenario, container: HTMLElement): Promise<PanelUpdatesRun> {
  const time = createManualClock(START);
  const coreMs = new Float64Array(MAX_POLLS);
  const drawMs = new Float64Array(MAX_POLLS);
  const cpuMs = new Float64Array(MAX_POLLS);
  let steps = 0;
  const path = new PanelUpdatePath(container);
  const poller = createPoller({
    target: TARGET,
    meta: META,
    clock: time.clock,
    random: () => 0.5,
    fetch: () => Promise.resolve(scenario.answerAt(time.now() - START, time.now())),
    onEvent: (event) => {
      if (event.kind === 'stopped') path.stopped(event, true);
      if (event.kind !== 'record') return;
      const timing = path.answer(event.record, true);
      coreMs[steps] = timing.coreMs;
      drawMs[steps] = timing.drawMs;
      cpuMs[steps] = timing.cpuMs;
      steps += 1;
    },
  });
  poller.start();
  for (;;) {
    await drainMicrotasks();
    if (!time.fireNext()) break;
  }
  const drawn = path.drawn();
  path.unmount();
  return {
    polls: poller.state().polls,
    coreMs: Array.from(coreMs.subarray(0, steps)),
    drawMs: Array.from(drawMs.subarray(0, steps)),
    cpuMs: Array.from(cpuMs.subarray(0, steps)),
    rows: path.timeline.rows.length,
    rowsDrawn: drawn.rows,
    elements: drawn.elements,
  };
}

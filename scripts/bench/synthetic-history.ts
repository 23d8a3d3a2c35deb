import { buildPollRequest, classifyPollResponse, toPollResponse, type RawResponse } from '../../src/core/poll/poll-request.ts';
import type { PollOutcome, PollRecord, PollRequest, PollStop } from '../../src/core/timeline/poll-record.ts';
import type { GcAccess } from './heap.ts';
import { measureSyntheticMemory } from './synthetic-memory.ts';
import { META, START, TARGET } from './history-run.ts';
import { drainMicrotasks } from './manual-clock.ts';
import type { PaymentScenario } from './payment-script.ts';
import { PanelUpdatePath } from './update-path.tsx';

/** A million polls: far longer than a session lives, to show that nothing grows with the history. */
export const SYNTHETIC_POLLS = 1_000_000;
export const SYNTHETIC_CHECKPOINTS = 10;
/** Polls taken in before the measured run, so that V8's first compilations do not show as heap. */
const WARMUP_POLLS = 20_000;
const SECOND = 1000;
/** Every answer takes this long; it only moves the times. */
const ANSWER_MS = 120;

/**
 * Makes records as the poller makes them (poller.ts `settle`): the scripted answer at that moment,
 * kept with `toPollResponse` and read with `classifyPollResponse`. Times come from the poll's
 * number, one second apart: no timers, so a million polls take seconds rather than the real
 * poller's round trip through a clock each time. Reading an answer is the slow part, so an answer
 * with the same status and body as an earlier one (every status answer) shares its reading; error
 * bodies carry their own errorId and are read each time.
 */
export function createRecordMaker(scenario: PaymentScenario) {
  const request: PollRequest = buildPollRequest(TARGET, META);
  const readings = new Map<string, PollOutcome>();
  const read = (raw: RawResponse, at: number): PollOutcome => {
    const key = `${raw.status}|${raw.headers['retry-after'] ?? ''}|${raw.bodyText}`;
    const known = readings.get(key);
    if (known) return known;
    const outcome = classifyPollResponse(raw, at);
    if (readings.size < 64) readings.set(key, outcome);
    return outcome;
  };
  return (seq: number): PollRecord => {
    const startedAt = START + seq * SECOND;
    const endedAt = startedAt + ANSWER_MS;
    const raw = scenario.answerAt(seq * SECOND, endedAt);
    return { seq, source: 'poll', startedAt, endedAt, request, response: toPollResponse(raw), outcome: read(raw, endedAt) };
  };
}

export type SyntheticRun = {
  polls: number;
  /** Heap after a full collection, over the heap before the run, every `polls / SYNTHETIC_CHECKPOINTS` polls. */
  checkpoints: { polls: number; heapBytes: number; recordsKept: number; rows: number }[];
  heapHeldBytes: number;
  /** Fold and build of every answer, in milliseconds. */
  coreMs: Float64Array;
  /** Whole updates (fold, build and draw) of the drawn answers, in milliseconds, their drawing, and their CPU time. */
  updateMs: number[];
  drawMs: number[];
  cpuMs: number[];
  recordsKept: number;
  rows: number;
  rowsDrawn: number;
  elements: number;
  final: { records: PollRecord[]; stop: PollStop };
};

const stopAfter = (records: readonly PollRecord[]): PollStop => ({
  kind: 'stopped',
  at: records.at(-1)?.endedAt ?? START,
  reason: 'user',
  message: 'Stopped by the user.',
});

/** The same path on a short history first, drawn now and then, so that V8 has compiled it all before the heap is read. */
async function warmUp(scenario: PaymentScenario, container: HTMLElement, polls: number): Promise<void> {
  const path = new PanelUpdatePath(container);
  const record = createRecordMaker(scenario);
  for (let seq = 0; seq < polls; seq++) path.answer(record(seq), seq % 10 === 0);
  path.unmount();
  // What the DOM queued for later runs now, as it would between two polls of a live panel.
  await drainMicrotasks();
}

/**
 * A million answers taken in as the panel takes them, twice. First every one folded and built
 * (timed); the heap, every tenth of the run, is read apart (below).
 * Then again with the timeline drawn in windows: after each tenth of the run it is mounted as it
 * stands (untimed), the next `drawnPerWindow` answers are each folded, built and drawn, timed whole,
 * and it is taken out of the document. Drawing every answer would take an hour in happy-dom. The
 * heap is read in a Node process of its own (synthetic-memory.ts), with nothing drawn: happy-dom
 * keeps some of every DOM it has held, and V8 drops and recompiles the bench's other code as it
 * likes; both read as climbs and falls that are not the panel's.
 */
export async function runSynthetic(
  scenario: PaymentScenario,
  gc: GcAccess,
  container: HTMLElement,
  { polls = SYNTHETIC_POLLS, drawnPerWindow }: { polls?: number; drawnPerWindow: number },
): Promise<SyntheticRun> {
  await warmUp(scenario, container, Math.min(WARMUP_POLLS, polls));
  const every = Math.max(1, Math.floor(polls / SYNTHETIC_CHECKPOINTS));

  // The fold and build of every answer; the memory of the same run is read in a process of its own.
  const memory = measureSyntheticMemory(scenario, polls, SYNTHETIC_CHECKPOINTS);
  const checkpoints = memory.checkpoints;
  const coreMs = new Float64Array(polls);
  const path = new PanelUpdatePath();
  let record = createRecordMaker(scenario);
  for (let seq = 0; seq < polls; seq++) coreMs[seq] = path.answer(record(seq), false).coreMs;
  const stop = stopAfter(path.records);
  path.stopped(stop, false);
  const heapHeldBytes = memory.heapHeldBytes;

  // Drawn, in windows.
  const updateMs: number[] = [];
  const drawMs: number[] = [];
  const cpuMs: number[] = [];
  const drawing = new PanelUpdatePath();
  record = createRecordMaker(scenario);
  let drawUntil = -1;
  for (let seq = 0; seq < polls; seq++) {
    const drawn = seq <= drawUntil;
    const timing = drawing.answer(record(seq), drawn);
    if (drawn) {
      updateMs.push(timing.coreMs + timing.drawMs);
      drawMs.push(timing.drawMs);
      cpuMs.push(timing.cpuMs);
      if (seq === drawUntil) {
        drawing.unmount();
        await drainMicrotasks();
      }
    }
    if ((seq + 1) % every === 0 && seq + 1 < polls) {
      drawing.container = container;
      drawing.draw();
      drawUntil = seq + drawnPerWindow;
    }
  }
  drawing.unmount();
  path.container = container;
  path.draw();
  const drawnNow = path.drawn();
  path.unmount();
  return {
    polls,
    checkpoints,
    heapHeldBytes,
    coreMs,
    updateMs,
    drawMs,
    cpuMs,
    recordsKept: path.records.length,
    rows: path.timeline.rows.length,
    rowsDrawn: drawnNow.rows,
    elements: drawnNow.elements,
    final: { records: path.records, stop },
  };
}

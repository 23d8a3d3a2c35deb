import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { getGc, settledHeapBytes } from './heap.ts';
import { millionPolls, SCENARIOS, type PaymentScenario } from './payment-script.ts';
import { createRecordMaker } from './synthetic-history.ts';
import { PanelUpdatePath } from './update-path.tsx';

/** Warm-up answers before the baseline: V8 has compiled the whole path by then. */
const WARMUP = 20_000;

export type SyntheticMemory = {
  baselineBytes: number;
  /** Heap over the baseline, after a full collection, every `polls / checkpoints` answers. */
  checkpoints: { polls: number; heapBytes: number; recordsKept: number; rows: number }[];
  heapHeldBytes: number;
};

/**
 * The synthetic history's memory, read in a Node process of its own: in the bench's process, V8
 * drops and recompiles the code of the sections before (a hundred kilobytes and more, at moments of
 * its choosing), which read as falls and climbs of the heap that no data of the panel is behind.
 */
export function measureSyntheticMemory(scenario: PaymentScenario, polls: number, checkpoints: number): SyntheticMemory {
  const args = [fileURLToPath(import.meta.url), scenario.name, String(polls), String(checkpoints)];
  const ignoreCss = fileURLToPath(new URL('./ignore-css.mjs', import.meta.url));
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--import', ignoreCss, ...args], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`the synthetic memory run failed: ${child.stderr.trim().split('\n').at(-1) ?? child.status}`);
  return JSON.parse(child.stdout) as SyntheticMemory;
}

function run(scenario: PaymentScenario, polls: number, count: number): SyntheticMemory {
  const gc = getGc();
  const warm = new PanelUpdatePath();
  const warmRecord = createRecordMaker(scenario);
  for (let seq = 0; seq < WARMUP; seq++) warm.answer(warmRecord(seq), false);
  for (let i = 0; i < 12; i++) gc.collect();
  const baselineBytes = settledHeapBytes(gc);
  const path = new PanelUpdatePath();
  const record = createRecordMaker(scenario);
  const every = Math.max(1, Math.floor(polls / count));
  const checkpoints: SyntheticMemory['checkpoints'] = [];
  for (let seq = 0; seq < polls; seq++) {
    path.answer(record(seq), false);
    if ((seq + 1) % every === 0) {
      checkpoints.push({ polls: seq + 1, heapBytes: settledHeapBytes(gc) - baselineBytes, recordsKept: path.records.length, rows: path.timeline.rows.length });
    }
  }
  const heapHeldBytes = settledHeapBytes(gc) - baselineBytes;
  // Read after the heap, so that the history is still alive when it is measured.
  if (path.records.length === 0) throw new Error('the synthetic history kept no record');
  return { baselineBytes, checkpoints, heapHeldBytes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [name = '', polls = '', count = ''] = process.argv.slice(2);
  const scenario = [...SCENARIOS, millionPolls].find((s) => s.name === name);
  if (!scenario) throw new Error(`no scenario named ${name}`);
  process.stdout.write(JSON.stringify(run(scenario, Number(polls), Number(count))));
}

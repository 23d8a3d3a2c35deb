/**
 * Issue 11: a 200 MB HAR imports without freezing the panel. The streamed HAR import in Node, as
 * the panel's worker runs it (`streamHarFile` over the file's `Blob` stream): throughput in MB/s
 * and the heap it needs, over a generated HAR of 200 MB (large-har.ts). The file is written to
 * .tmp/ once, read `runs` times, and removed.
 */
import { mkdirSync, openAsBlob, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { getHeapSpaceStatistics } from 'node:v8';
import { streamHarFile } from '../../src/panel/state/har-file-import.ts';
import { getGc, settledHeapBytes } from './heap.ts';
import { writeLargeHar } from './large-har.ts';
import { summarize, type Summary } from './stats.ts';

export const HAR_IMPORT_BYTES = 200 * 2 ** 20;

export type HarImportBenchResult = {
  fileBytes: number;
  entries: number;
  runs: number;
  /** MB (2^20 bytes) read a second, per run. */
  megabytesPerSecond: Summary;
  wallMs: Summary;
  /** MB read a CPU second of this process (its main thread, the stream's reads and the collector), over all runs. */
  megabytesPerCpuSecond: number;
  /** The one-minute load average before and after: on a shared machine the wall clock also counts other processes' turns. */
  loadAverage: { before: number; after: number };
  /** The heap in use at its highest during a run, above the heap settled before it. */
  peakHeapAboveStartBytes: Summary;
  /** What the import found: it must be every Connect call and the payment of the page. */
  found: { calls: number; payments: number; ok: boolean; reason?: string };
};

export async function benchHarImport(options: { runs: number; bytes?: number; dir?: string }): Promise<HarImportBenchResult> {
  const dir = resolve(options.dir ?? '.tmp/bench-har');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'large.har');
  const gc = getGc();
  try {
    const written = await writeLargeHar(file, { bytes: options.bytes ?? HAR_IMPORT_BYTES });
    const blob = await openAsBlob(file);
    const loadBefore = loadavg()[0] ?? 0;
    let cpuMs = 0;
    const rates: number[] = [];
    const walls: number[] = [];
    const peaks: number[] = [];
    let found: HarImportBenchResult['found'] = { calls: 0, payments: 0, ok: false, reason: 'not run' };
    for (let run = 0; run < options.runs; run++) {
      const start = settledHeapBytes(gc);
      let peak = start;
      // The heap as settledHeapBytes counts it (compiled code left out), without a collection.
      const sample = () => {
        let used = 0;
        for (const space of getHeapSpaceStatistics()) if (!space.space_name.startsWith('code')) used += space.space_used_size;
        peak = Math.max(peak, used);
      };
      const began = performance.now();
      const cpu = process.cpuUsage();
      // Progress after every chunk: the heap is sampled as often as the import gives a chance.
      const result = await streamHarFile(blob, { onProgress: sample, progressEveryMs: 0 });
      const ms = performance.now() - began;
      const used = process.cpuUsage(cpu);
      cpuMs += (used.user + used.system) / 1000;
      sample();
      walls.push(ms);
      rates.push(written.bytes / 2 ** 20 / (ms / 1000));
      peaks.push(peak - start);
      found =
        result !== 'cancelled' && result.ok
          ? { calls: result.value.observations.filter((o) => o.kind === 'client-api-call').length, payments: result.value.payments.length, ok: true }
          : { calls: 0, payments: 0, ok: false, reason: result === 'cancelled' ? 'cancelled' : result.reason };
    }
    return {
      fileBytes: written.bytes,
      entries: written.entries,
      runs: options.runs,
      megabytesPerSecond: summarize(rates),
      wallMs: summarize(walls),
      megabytesPerCpuSecond: (options.runs * written.bytes) / 2 ** 20 / (cpuMs / 1000),
      loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
      peakHeapAboveStartBytes: summarize(peaks),
      found,
    };
  } finally {
    rmSync(file, { force: true });
  }
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

export function formatHarImport(result: HarImportBenchResult): string {
  const { megabytesPerSecond: rate, wallMs: wall, peakHeapAboveStartBytes: peak } = result;
  return [
    '',
    `HAR import, streamed (Node, as the panel's worker reads it): ${mb(result.fileBytes)}, ${result.entries} entries, ${result.runs} run${result.runs === 1 ? '' : 's'}`,
    `  throughput ${rate.median.toFixed(1)} MB/s median (min ${rate.min.toFixed(1)}, max ${rate.max.toFixed(1)}); ${(wall.median / 1000).toFixed(2)} s a file; ${result.megabytesPerCpuSecond.toFixed(1)} MB per CPU second`,
    `  peak heap above the start ${mb(peak.median)} median (max ${mb(peak.max)})`,
    `  load average ${result.loadAverage.before.toFixed(1)} before, ${result.loadAverage.after.toFixed(1)} after`,
    `  found ${result.found.ok ? `${result.found.calls} Client API calls, ${result.found.payments} payment timeline${result.found.payments === 1 ? '' : 's'}` : `nothing: ${result.found.reason}`}`,
  ].join('\n');
}

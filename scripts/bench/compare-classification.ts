/**
 * `npm run bench:compare -- [REV] [--pairs N]`: the devtools page's classification (`observeEntry`) of
 * this working tree against the one at REV (default HEAD), on the synthetic busy page of
 * `npm run bench`, in one process, their passes taking turns. On a shared machine one pass's rate
 * moves twice over from one minute to the next, but both sides move together: the ratio of the two
 * passes of a pair holds to a few percent, enough to tell a 5 % change from none. See docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { observeEntry as observeHere } from '../../src/extension/devtools/observe-entry.ts';
import { BUSY_PAGE_ENTRIES, classifyAll, formatRate, liveEntries } from './classification-bench.ts';
import { busyPage } from './classification-har.ts';
import { percentile } from './stats.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WARMUP_PAIRS = 15;

function parseArgs(args: readonly string[]): { rev: string; pairs: number } {
  let rev = 'HEAD';
  let pairs = 40;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--pairs') {
      pairs = Number(args[++i]);
      if (!Number.isInteger(pairs) || pairs < 3) throw new Error('--pairs needs a whole number of at least 3');
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg} (usage: npm run bench:compare -- [REV] [--pairs N])`);
    else rev = arg;
  }
  return { rev, pairs };
}

/** `src` as it is at `rev`, written under .tmp (its imports are relative, so it runs from there as it is). */
function checkOut(rev: string): string {
  const archive = spawnSync('git', ['archive', '--format=tar', rev, 'src'], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 });
  if (archive.status !== 0) throw new Error(`git archive ${rev}: ${archive.stderr.toString().trim() || 'failed'}`);
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.tmp', 'compare-'));
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`tar: ${untar.stderr.toString().trim() || 'failed'}`);
  return dir;
}

async function main(): Promise<void> {
  const { rev, pairs } = parseArgs(process.argv.slice(2));
  const dir = checkOut(rev);
  try {
    const module = (await import(pathToFileURL(join(dir, 'src/extension/devtools/observe-entry.ts')).href)) as { observeEntry: typeof observeHere };
    const page = busyPage({ entries: BUSY_PAGE_ENTRIES });
    const reads = new Uint32Array(page.entries.length);
    // Each side its own copies, so neither finds the other's strings hashed or its objects in the cache.
    const sides = [
      { name: rev, observe: module.observeEntry, entries: liveEntries(page, reads), ms: [] as number[], found: new Set<string>() },
      { name: 'working tree', observe: observeHere, entries: liveEntries(page, reads), ms: [] as number[], found: new Set<string>() },
    ] as const;
    const ratios: number[] = [];
    console.error(`comparing ${rev} with the working tree: ${WARMUP_PAIRS} warm-up pairs, ${pairs} timed pairs of passes over ${page.entries.length} entries…`);
    for (let pair = 0; pair < WARMUP_PAIRS + pairs; pair++) {
      // The order alternates, so that neither side always runs just after the other.
      const order = pair % 2 === 0 ? [0, 1] : [1, 0];
      const times = [Number.NaN, Number.NaN];
      for (const i of order) {
        const side = sides[i]!;
        const pass = await classifyAll(side.entries, page.pageUrl, side.observe);
        times[i] = pass.ms;
        side.found.add(`${pass.calls} calls, ${pass.payments} payments`);
        if (pair >= WARMUP_PAIRS) side.ms.push(pass.ms);
      }
      if (pair >= WARMUP_PAIRS) ratios.push(times[1]! / times[0]!);
    }
    for (const side of sides) {
      const rate = (page.entries.length / percentile(side.ms, 50)) * 1000;
      console.log(`${side.name.padEnd(14)} ${formatRate(rate).padStart(10)} (median pass)   found ${[...side.found].join(' / ')}`);
    }
    const [q1, mid, q3] = [25, 50, 75].map((p) => percentile(ratios, p));
    console.log(`working tree / ${rev}, time of a pass: ${mid?.toFixed(3)} median of ${ratios.length} pairs (quartiles ${q1?.toFixed(3)} to ${q3?.toFixed(3)}); under 1 is faster`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench:compare: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});

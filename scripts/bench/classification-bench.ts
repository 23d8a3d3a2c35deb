import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseHarEntry } from '../../src/core/detect/har-entry.ts';
import { observeEntry } from '../../src/extension/devtools/observe-entry.ts';
import { getGc } from './heap.ts';
import { busyPage, checkReads, readsAreExact, tally, type BusyPage, type ReadCheck } from './classification-har.ts';
import { summarize, type Summary } from './stats.ts';
import { count, formatUs, textTable } from './text-table.ts';

/** Issue 11: the devtools page keeps up with a busy page's network, at least 10^6 entries a second. */
export const CLASSIFICATION_BUDGET_PER_SECOND = 1_000_000;
/** Entries on the synthetic page: thousands of ordinary ones around a few Connect ones. */
export const BUSY_PAGE_ENTRIES = 5000;
/** Full schema parses are slow; this many passes are enough to show what they cost. */
const FULL_PARSE_PASSES = 5;

export type ClassificationResult = {
  page: ReturnType<typeof tally>;
  runs: number;
  warmups: number;
  /** One figure per timed pass over the whole page, by the wall clock: the budget's figure. */
  entriesPerSecond: Summary;
  /**
   * All timed passes over the whole page together, by the CPU time the process was given. It counts
   * V8's collector and compiler threads beside the classification, so it reads lower than the clock:
   * reported, not judged (as the timeline's CPU figure).
   */
  entriesPerCpuSecond: number;
  budgetPerSecond: number;
  /** The median pass is at or over the budget. */
  pass: boolean;
  /** Bodies read in the last pass, against the labels (every pass is checked; `readsExact` says whether all were exact). */
  reads: ReadCheck;
  readsExact: boolean;
  /** Observations of the last pass; `foundExact` says whether every pass found what the page holds. */
  found: { calls: number; payments: number };
  foundExact: boolean;
  /** Time per entry in passes over only the entries that are not candidates, and over only the candidates. */
  nonCandidateNs: Summary;
  candidateUs: Summary;
  /** `parseHarEntry` (the schema) of every entry: what each entry cost before the pre-filter, and what a HAR import pays. */
  fullParsePerSecond: Summary;
  /** The machine's 1-minute load average before and after: a shared machine's figures move with it. */
  loadAverage: { before: number; after: number };
};

/**
 * The page's entries as `onRequestFinished` hands them over: read from the DevTools protocol's JSON
 * (flat strings, not the generator's joined ones), with a `getContent` that counts its calls.
 */
export function liveEntries(page: BusyPage, reads: Uint32Array) {
  return page.entries.map((entry, i) =>
    Object.assign(JSON.parse(JSON.stringify(entry)) as object, {
      getContent(callback: (content: string, encoding: string) => void) {
        reads[i] = (reads[i] ?? 0) + 1;
        callback(page.bodies[i] ?? '', '');
      },
    }),
  );
}

type PassResult = { ms: number; calls: number; payments: number };

/** One pass the way the devtools page runs it: each entry through `observeEntry`, its answer awaited when it is a promise. */
export async function classifyAll(entries: readonly unknown[], pageUrl: string, observe: typeof observeEntry = observeEntry): Promise<PassResult> {
  let calls = 0;
  let payments = 0;
  const began = performance.now();
  for (const entry of entries) {
    const observed = observe(entry, pageUrl);
    // As the devtools page does: only a promise is waited for (what is decided at once is empty).
    if (!(observed instanceof Promise)) continue;
    for (const observation of await observed) {
      if (observation.kind === 'client-api-call') calls += 1;
      else if (observation.kind === 'payment') payments += 1;
    }
  }
  return { ms: performance.now() - began, calls, payments };
}

export async function benchClassification(options: { runs: number; warmups: number; entries?: number }): Promise<ClassificationResult> {
  const before = loadavg()[0] ?? Number.NaN;
  const page = busyPage({ entries: options.entries ?? BUSY_PAGE_ENTRIES });
  const expected = tally(page.labels);
  const reads = new Uint32Array(page.entries.length);
  const entries = liveEntries(page, reads);
  const candidates = entries.filter((_, i) => page.labels[i]?.candidate);
  const others = entries.filter((_, i) => !page.labels[i]?.candidate);

  for (let run = 0; run < options.warmups; run++) await classifyAll(entries, page.pageUrl);
  // The sections before leave garbage; collected now, it is not collected inside a timed pass.
  getGc().collect();
  const rates: number[] = [];
  let cpuMicros = 0;
  const nonCandidateNs: number[] = [];
  const candidateUs: number[] = [];
  let readsExact = true;
  let foundExact = true;
  let lastReads: ReadCheck = checkReads(page.labels, reads);
  let found = { calls: 0, payments: 0 };
  for (let run = 0; run < options.runs; run++) {
    reads.fill(0);
    const cpuBefore = process.cpuUsage();
    const whole = await classifyAll(entries, page.pageUrl);
    const cpu = process.cpuUsage(cpuBefore);
    cpuMicros += cpu.user + cpu.system;
    rates.push((entries.length / whole.ms) * 1000);
    lastReads = checkReads(page.labels, reads);
    readsExact &&= readsAreExact(lastReads);
    found = { calls: whole.calls, payments: whole.payments };
    foundExact &&= whole.calls === expected.calls && whole.payments === expected.payments;
    nonCandidateNs.push(((await classifyAll(others, page.pageUrl)).ms / others.length) * 1e6);
    candidateUs.push(((await classifyAll(candidates, page.pageUrl)).ms / candidates.length) * 1e3);
  }

  const fullParse: number[] = [];
  for (let run = 0; run < Math.min(options.runs, FULL_PARSE_PASSES); run++) {
    const began = performance.now();
    for (const entry of entries) parseHarEntry(entry);
    fullParse.push((entries.length / (performance.now() - began)) * 1000);
  }

  const entriesPerSecond = summarize(rates);
  const entriesPerCpuSecond = (entries.length * options.runs) / (cpuMicros / 1e6);
  return {
    page: expected,
    runs: options.runs,
    warmups: options.warmups,
    entriesPerSecond,
    entriesPerCpuSecond,
    budgetPerSecond: CLASSIFICATION_BUDGET_PER_SECOND,
    pass: entriesPerSecond.median >= CLASSIFICATION_BUDGET_PER_SECOND,
    reads: lastReads,
    readsExact,
    found,
    foundExact,
    nonCandidateNs: summarize(nonCandidateNs),
    candidateUs: summarize(candidateUs),
    fullParsePerSecond: summarize(fullParse),
    loadAverage: { before, after: loadavg()[0] ?? Number.NaN },
  };
}

/** `1.23 M/s`, `456 k/s`. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return '—';
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(perSecond >= 1e5 ? 0 : 1)} k/s`;
  return `${perSecond.toFixed(0)}/s`;
}

const yesNo = (ok: boolean) => (ok ? 'yes' : 'NO');

export function formatClassification(result: ClassificationResult): string {
  const { page, reads } = result;
  const kinds = Object.entries(page.kinds)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  const rate = result.entriesPerSecond;
  const rows = [
    ['entries a second, whole page', formatRate(rate.median), formatRate(rate.min), `≥ ${formatRate(result.budgetPerSecond)}`, result.pass ? 'pass' : 'FAIL'],
    ['entries a CPU second, all passes', formatRate(result.entriesPerCpuSecond), '', 'reported', ''],
    ['per entry that is not a candidate', formatUs(result.nonCandidateNs.median / 1000), formatUs(result.nonCandidateNs.max / 1000), '', ''],
    ['per candidate (body read and scanned)', formatUs(result.candidateUs.median), formatUs(result.candidateUs.max), '', ''],
    ['parseHarEntry alone, every entry', formatRate(result.fullParsePerSecond.median), formatRate(result.fullParsePerSecond.min), '', ''],
  ];
  return [
    `Network classification: observeEntry, the devtools page's path, over a synthetic busy page (${count(result.runs, 'run')} after ${count(result.warmups, 'warm-up')})`,
    `page: ${page.entries} entries (${kinds})`,
    `candidates ${page.candidates}, bodies read ${reads.bodiesRead} a pass; only candidates read, each once, in every pass: ${yesNo(result.readsExact)}` +
      (result.readsExact ? '' : ` (${reads.readNotCandidate} read that are not candidates, ${reads.candidatesMissed} candidates unread, ${reads.readMoreThanOnce} read twice)`),
    `found ${result.found.calls} Client API calls and ${result.found.payments} payments (the page holds ${page.calls} and ${page.payments}) in every pass: ${yesNo(result.foundExact)}`,
    textTable(['measure', 'median', 'slowest', 'budget', ''], rows),
    `slowest: the slowest pass (a rate's minimum, a time's maximum). CPU second: the process's, V8's collector and compiler threads included (so it reads below the clock's rate); reported, not judged. Load average ${result.loadAverage.before.toFixed(2)} before, ${result.loadAverage.after.toFixed(2)} after.`,
  ].join('\n');
}

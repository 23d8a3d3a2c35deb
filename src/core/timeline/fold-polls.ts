import { pollsIn, type PollRecord } from './poll-record.ts';
import { isStateOutcome, segmentRecords } from './segment-records.ts';

/** Raw records kept per payment. Two hours at one poll a second is 7200; a row needs only its first and last. */
export const DEFAULT_MAX_RECORDS = 500;

/**
 * Bounded history, in one place (Redux DevTools' `maxAge`, but row-aware). Under the bound nothing
 * changes. Over it, records are dropped down to 90% of the bound, so that a live run folds once in
 * about fifty polls rather than on every one. They go in this order, oldest first within each:
 *
 * 1. polls inside a row that said a status: their count folds into a kept record of the same row,
 *    so the timeline shows the same rows, counts and times as before;
 * 2. errors inside an error row (the row keeps its first and last, and the count);
 * 3. the last record of a row: its count folds into the row's first (only "last seen" is lost);
 * 4. the first record of a row: only when there are more rows than the bound. Such a row is gone
 *    whole and the next kept record says how many polls were lost before it (`gapBefore`).
 *
 * So the first record and the last (terminal) one are always kept, and the first record of every
 * transition and every error unless rows alone exceed the bound. Pure: the input is not changed,
 * and total polls (kept, folded and gapped) are conserved.
 */
export function foldPolls(records: readonly PollRecord[], maxRecords = DEFAULT_MAX_RECORDS): PollRecord[] {
  if (records.length <= maxRecords) return [...records];
  const segments = segmentRecords(records);
  const rank = records.map((record): number => (isStateOutcome(record.outcome) ? 0 : 1));
  for (const segment of segments) {
    rank[segment.indices.at(-1) ?? 0] = 2;
    rank[segment.indices[0] ?? 0] = 3;
  }
  rank[0] = 4;
  rank[records.length - 1] = 4;

  const kept = keepBest(rank, Math.max(2, maxRecords - Math.ceil(maxRecords / 10)));

  // Each dropped poll goes to the nearest kept record of its own row, a later one first; a row with
  // none kept becomes a gap before the next kept record.
  const foldInto = new Map<number, number>();
  for (const segment of segments) {
    const keptHere = segment.indices.filter((index) => kept.has(index));
    let next = 0;
    for (const index of segment.indices) {
      if (kept.has(index)) continue;
      while ((keptHere[next] ?? Infinity) < index) next += 1;
      const target = keptHere[next] ?? keptHere.at(-1);
      if (target !== undefined) foldInto.set(index, target);
    }
  }

  const extraFolded = new Map<number, number>();
  const gapBefore = new Map<number, number>();
  let pendingGap = 0;
  records.forEach((record, index) => {
    pendingGap += record.gapBefore ?? 0;
    if (kept.has(index)) {
      gapBefore.set(index, pendingGap);
      pendingGap = 0;
      return;
    }
    const target = foldInto.get(index);
    if (target === undefined) pendingGap += pollsIn(record);
    else extraFolded.set(target, (extraFolded.get(target) ?? 0) + pollsIn(record));
  });

  return records.flatMap((record, index) => {
    if (!kept.has(index)) return [];
    return [withCounts(record, (record.foldedPolls ?? 0) + (extraFolded.get(index) ?? 0), gapBefore.get(index) ?? 0)];
  });
}

/** The record itself when its counts are unchanged; copying every kept record on every poll would be the main cost. */
function withCounts(record: PollRecord, foldedPolls: number, gapBefore: number): PollRecord {
  if ((record.foldedPolls ?? 0) === foldedPolls && (record.gapBefore ?? 0) === gapBefore) return record;
  const { foldedPolls: _folded, gapBefore: _gap, ...rest } = record;
  return { ...rest, ...(foldedPolls > 0 ? { foldedPolls } : {}), ...(gapBefore > 0 ? { gapBefore } : {}) };
}

/**
 * The `budget` indices of highest rank, newest first within a rank. Counting instead of sorting
 * keeps this linear: it runs on every poll once the bound is reached.
 */
function keepBest(rank: readonly number[], budget: number): Set<number> {
  const counts = [0, 0, 0, 0, 0];
  for (const r of rank) counts[r] = (counts[r] ?? 0) + 1;
  // Ranks above `cut` fit whole; of rank `cut`, only the newest `quota`.
  let cut = -1;
  let quota = budget;
  for (let r = counts.length - 1; r >= 0; r--) {
    const count = counts[r] ?? 0;
    if (count > quota) {
      cut = r;
      break;
    }
    quota -= count;
  }
  const kept = new Set<number>();
  for (let index = rank.length - 1; index >= 0; index--) {
    const r = rank[index] ?? 0;
    if (r > cut) kept.add(index);
    else if (r === cut && quota > 0) {
      kept.add(index);
      quota -= 1;
    }
  }
  return kept;
}

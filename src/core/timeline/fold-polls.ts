import { pollsIn, type PollRecord } from './poll-record.ts';
import { segmentRecords } from './segment-records.ts';
import { builderFor, cachedBuilder } from './timeline-builder.ts';

/** Raw records kept per payment. Two hours at one poll a second is 7200; a row needs only its first and last. */
export const DEFAULT_MAX_RECORDS = 500;

/**
 * Bounded history, in one place (Redux DevTools' `maxAge`, but row-aware). Two rules:
 *
 * **Errors, always.** Within an error row (every error between two states, see segment-records),
 * each kind of error keeps two records: its first and its latest. An error of a kind already seen
 * twice in the row replaces the latest, whose count folds into it. So an error row holds at most
 * two records a kind however long the platform fails, each with its raw answer one click away, and
 * the counts stay exact.
 *
 * **The bound.** Under it nothing else changes. Over it, records are dropped down to 90% of the
 * bound, so that a live run folds once in about fifty polls rather than on every one. They go in
 * this order, oldest first within each:
 *
 * 1. polls inside a row that said a status: their count folds into a kept record of the same row,
 *    so the timeline shows the same rows, counts and times as before;
 * 2. the latest record of a row (or of a kind of error): its count folds into the first (only
 *    "last seen" is lost);
 * 3. the first record of a row (or of a kind of error): only when there are more of these than the
 *    bound. Such a row is gone whole and the next kept record says how many polls were lost before
 *    it (`gapBefore`).
 *
 * So the first record and the last (terminal) one are always kept, and the first record of every
 * transition and of every kind of error in a row unless those alone exceed the bound. Pure: the
 * input is not changed, and total polls (kept, folded and gapped) are conserved.
 *
 * Called on every poll with the previous result and one record more (as the panel does), it does
 * not look at the whole history again: the history's timeline builder (timeline-builder) already
 * knows its rows, and only a fold over the bound, once in about fifty polls, walks every record.
 */
export function foldPolls(records: readonly PollRecord[], maxRecords = DEFAULT_MAX_RECORDS): PollRecord[] {
  const builder = cachedBuilder(records);
  if (builder) {
    const oversized = builder.oversizedKinds();
    if (oversized === 0 && records.length <= maxRecords) return [...records];
    const superseded = oversized === 1 ? builder.supersededByLast() : undefined;
    if (superseded && records.length - 1 <= maxRecords) {
      const folded = replaceLatest(records, superseded);
      builder.catchUp(folded);
      return folded;
    }
  }
  const folded = foldAll(records, maxRecords);
  // Kept for the next poll, and for the timeline of this one.
  builderFor(folded);
  return folded;
}

/** The last record takes the place of `superseded`, the latest of its kind until now, and its count. */
function replaceLatest(records: readonly PollRecord[], superseded: PollRecord): PollRecord[] {
  const last = records.at(-1) as PollRecord;
  const kept = records.filter((record) => record !== superseded);
  kept[kept.length - 1] = withCounts(last, (last.foldedPolls ?? 0) + pollsIn(superseded), last.gapBefore ?? 0);
  return kept;
}

/** Both rules over the whole history. */
function foldAll(records: readonly PollRecord[], maxRecords: number): PollRecord[] {
  const segments = segmentRecords(records);
  // A unit keeps at least one record when it can, and its dropped polls fold into one it kept: a
  // state row, or one kind of error within an error row.
  const units = segments.flatMap((segment) => (segment.kind === 'state' ? [segment.indices] : segment.kinds.map((kind) => kind.indices)));

  // Errors, always: only the first and the latest of each kind of error in a row.
  const superseded = new Uint8Array(records.length);
  let supersededCount = 0;
  for (const segment of segments) {
    if (segment.kind !== 'error') continue;
    for (const { indices } of segment.kinds) {
      for (let i = 1; i < indices.length - 1; i++) superseded[indices[i] as number] = 1;
      supersededCount += Math.max(0, indices.length - 2);
    }
  }
  if (supersededCount === 0 && records.length <= maxRecords) return [...records];

  let kept: Set<number>;
  if (records.length - supersededCount <= maxRecords) {
    kept = new Set();
    for (let index = 0; index < records.length; index++) if (!superseded[index]) kept.add(index);
  } else {
    const rank = Array.from(superseded, (gone): number => (gone ? -1 : 0));
    for (const indices of units) {
      rank[indices.at(-1) ?? 0] = 1;
      rank[indices[0] ?? 0] = 2;
    }
    rank[0] = 3;
    rank[records.length - 1] = 3;
    kept = keepBest(rank, Math.max(2, maxRecords - Math.ceil(maxRecords / 10)));
  }

  // Each dropped poll goes to the nearest kept record of its own unit, a later one first; a unit with
  // none kept becomes a gap before the next kept record.
  const foldInto = new Map<number, number>();
  for (const indices of units) {
    const keptHere = indices.filter((index) => kept.has(index));
    let next = 0;
    for (const index of indices) {
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
 * The `budget` indices of highest rank, newest first within a rank; rank -1 is never kept. Counting
 * instead of sorting keeps this linear: it runs on every poll that takes the history over the bound.
 */
function keepBest(rank: readonly number[], budget: number): Set<number> {
  const counts = [0, 0, 0, 0];
  for (const r of rank) if (r >= 0) counts[r] = (counts[r] ?? 0) + 1;
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
    const r = rank[index] ?? -1;
    if (r < 0) continue;
    if (r > cut) kept.add(index);
    else if (r === cut && quota > 0) {
      kept.add(index);
      quota -= 1;
    }
  }
  return kept;
}

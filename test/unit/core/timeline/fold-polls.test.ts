import { describe, expect, it } from 'vitest';
import { buildTimeline, type ErrorRow } from '../../../../src/core/timeline/build-timeline.ts';
import { DEFAULT_MAX_RECORDS, foldPolls } from '../../../../src/core/timeline/fold-polls.ts';
import { pollsIn, type PollRecord } from '../../../../src/core/timeline/poll-record.ts';
import { makeRecords, repeat, START, withoutRefs } from './make-records.ts';

/** Two hours at one poll a second: mostly WAITING, a 503 every 97 polls, a few timeouts, then the rest. */
function twoHours(): PollRecord[] {
  const steps = [...repeat('WAITING', 3000), ...repeat('INITIALIZED', 1200), ...repeat('AUTHORIZED', 2999), 'COMPLETED'];
  for (let i = 50; i < steps.length - 1; i += 97) steps[i] = '503';
  steps[4500] = 'timeout';
  steps[4501] = 'timeout';
  steps[6000] = 'network';
  return makeRecords(steps);
}

const totalPolls = (records: readonly PollRecord[]) => records.reduce((sum, r) => sum + pollsIn(r) + (r.gapBefore ?? 0), 0);
/** The seq of the first record of every state row, and of the first and the latest of each kind of error in every error row. */
const mustKeepSeqs = (records: readonly PollRecord[]) =>
  buildTimeline({ records }).rows.flatMap((row) => {
    if (row.kind === 'state') return row.recordSeqs.slice(0, 1);
    if (row.kind === 'error') return row.kinds.flatMap((kind) => [kind.recordSeqs[0]!, kind.recordSeqs.at(-1)!]);
    return [];
  });
const errorRecords = (records: readonly PollRecord[]) => records.filter((r) => r.outcome.kind !== 'status' && r.outcome.kind !== 'unknown-status');

function foldOneByOne(records: readonly PollRecord[], max = DEFAULT_MAX_RECORDS): PollRecord[] {
  let kept: PollRecord[] = [];
  for (const record of records) kept = foldPolls([...kept, record], max);
  return kept;
}

describe('foldPolls', () => {
  it('changes nothing under the bound', () => {
    const records = makeRecords(['WAITING', 'WAITING', '503', 'WAITING']);
    expect(foldPolls(records)).toEqual(records);
  });

  it('keeps a two-hour session at one poll a second under the bound, folded at once or poll by poll', () => {
    const records = twoHours();
    expect(records).toHaveLength(7200);
    for (const folded of [foldPolls(records), foldOneByOne(records)]) {
      expect(folded.length).toBeLessThanOrEqual(DEFAULT_MAX_RECORDS);
      expect(totalPolls(folded)).toBe(7200);
      // The same rows, counts and times: only the list of kept records behind each row shrinks.
      expect(withoutRefs(buildTimeline({ records: folded }).rows)).toEqual(withoutRefs(buildTimeline({ records }).rows));
    }
  });

  it('never drops the first entry, the terminal one, a transition, or the first and the latest error of each kind in a row', () => {
    const records = twoHours();
    const mustKeep = new Set([0, 7199, ...mustKeepSeqs(records)]);
    expect(errorRecords(records).length).toBeGreaterThan(70);
    for (const folded of [foldPolls(records), foldOneByOne(records)]) {
      const keptSeqs = new Set(folded.map((r) => r.seq));
      for (const seq of mustKeep) expect(keptSeqs.has(seq)).toBe(true);
      expect(folded[0]).toEqual(records[0]);
      expect(folded.at(-1)?.outcome).toEqual({ kind: 'status', status: 'COMPLETED' });
    }
  });

  it('keeps the first and the latest error of each kind in a row, even under the bound, and counts the others in the latest', () => {
    const cycle = ['503', '429', 'timeout'];
    const steps = Array.from({ length: 300 }, (_, i) => (i % 10 === 9 ? cycle[Math.floor(i / 10) % cycle.length]! : 'WAITING'));
    const records = makeRecords(steps);
    for (const folded of [foldPolls(records), foldOneByOne(records)]) {
      const errors = errorRecords(folded);
      // 30 errors, 10 of each kind: two records a kind are kept, the latest standing for the nine after the first.
      expect(errors.map((r) => [r.outcome.kind, r.seq, r.foldedPolls ?? 0])).toEqual([
        ['server-error', 9, 0],
        ['rate-limited', 19, 0],
        ['timeout', 29, 0],
        ['server-error', 279, 8],
        ['rate-limited', 289, 8],
        ['timeout', 299, 8],
      ]);
      expect(folded).toHaveLength(270 + 6);
      expect(totalPolls(folded)).toBe(300);
      expect(withoutRefs(buildTimeline({ records: folded }).rows)).toEqual(withoutRefs(buildTimeline({ records }).rows));
    }
    // Folding again changes nothing.
    const once = foldPolls(records);
    expect(foldPolls(structuredClone(once))).toEqual(once);
  });

  it('holds a bounded history however long errors of alternating kinds go on', () => {
    // Every twentieth second an error, cycling 503, 429, timeout and a network error, as a flaky platform.
    const cycle = ['503', '429', 'timeout', 'network'];
    const flaky = (hours: number) => {
      let kept: PollRecord[] = [];
      const sizes: number[] = [];
      for (let second = 0; second < hours * 3600; second++) {
        const step = second % 20 === 19 ? cycle[Math.floor(second / 20) % cycle.length]! : 'WAITING';
        const [record] = makeRecords([step], { start: START + second * 1000 });
        kept = foldPolls([...kept, { ...record!, seq: second }]);
        if (second % 3600 === 3599) sizes.push(JSON.stringify(kept).length);
      }
      return { kept, sizes };
    };
    const { kept, sizes } = flaky(6);
    expect(kept.length).toBeLessThanOrEqual(DEFAULT_MAX_RECORDS);
    // Two records of each of the four kinds, whatever the duration.
    expect(errorRecords(kept)).toHaveLength(8);
    expect(totalPolls(kept)).toBe(6 * 3600);
    // The kept history is as large after six hours as after one (within the sawtooth of the bound).
    expect(Math.max(...sizes)).toBeLessThanOrEqual(sizes[0]! * 1.1);
    const { rows } = buildTimeline({ records: kept });
    expect(rows.map((row) => row.kind)).toEqual(['state', 'error']);
    expect((rows[1] as ErrorRow).kinds.map((kind) => kind.count)).toEqual([270, 270, 270, 270]);
  });

  it('keeps the most recent polls raw when there is room', () => {
    const records = makeRecords(repeat('WAITING', 1000));
    const folded = foldPolls(records, 100);
    // Down to 90% of the bound, so the next fold is some polls away.
    expect(folded).toHaveLength(90);
    expect(foldPolls([...folded, ...folded.slice(-10)], 100)).toHaveLength(100);
    expect(folded.map((r) => r.seq)).toEqual([0, ...Array.from({ length: 89 }, (_, i) => 911 + i)]);
    // The 910 dropped polls fold into the nearest kept record of their row.
    expect(folded[1]).toMatchObject({ seq: 911, foldedPolls: 910 });
    expect(folded[0]?.foldedPolls).toBeUndefined();
  });

  it('shows rows lost to a history with more rows than the bound as gaps, and still keeps both ends', () => {
    const steps = Array.from({ length: 3000 }, (_, i) => (i % 2 === 0 ? 'WAITING' : 'INITIALIZED'));
    const records = makeRecords(steps);
    for (const folded of [foldPolls(records, 100), foldOneByOne(records, 100)]) {
      expect(folded.length).toBeLessThanOrEqual(100);
      expect(folded[0]?.seq).toBe(0);
      expect(folded.at(-1)?.seq).toBe(2999);
      expect(totalPolls(folded)).toBe(3000);
      const { rows, summary } = buildTimeline({ records: folded });
      expect(rows.some((row) => row.kind === 'gap')).toBe(true);
      expect(summary.polls).toBe(3000);
    }
  });

  it('does not change the records it is given', () => {
    const records = makeRecords(repeat('WAITING', 20));
    const copy = structuredClone(records);
    foldPolls(records, 5);
    expect(records).toEqual(copy);
  });
});

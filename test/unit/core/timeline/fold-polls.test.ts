import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../../src/core/timeline/build-timeline.ts';
import { DEFAULT_MAX_RECORDS, foldPolls } from '../../../../src/core/timeline/fold-polls.ts';
import { pollsIn, type PollRecord } from '../../../../src/core/timeline/poll-record.ts';
import { makeRecords, repeat, withoutRefs } from './make-records.ts';

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
/** The seq of the first record of every row: every transition and every error row. */
const rowFirsts = (records: readonly PollRecord[]) =>
  buildTimeline({ records }).rows.flatMap((row) => (row.kind === 'state' || row.kind === 'error' ? row.recordSeqs.slice(0, 1) : []));

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

  it('never drops the first entry, the terminal one, a transition or an error', () => {
    const records = twoHours();
    const errors = records.flatMap((r) => (r.outcome.kind === 'status' ? [] : [r.seq]));
    const mustKeep = new Set([0, 7199, ...rowFirsts(records), ...errors]);
    expect(errors.length).toBeGreaterThan(70);
    for (const folded of [foldPolls(records), foldOneByOne(records)]) {
      const keptSeqs = new Set(folded.map((r) => r.seq));
      for (const seq of mustKeep) expect(keptSeqs.has(seq)).toBe(true);
      expect(folded[0]).toEqual(records[0]);
      expect(folded.at(-1)?.outcome).toEqual({ kind: 'status', status: 'COMPLETED' });
    }
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

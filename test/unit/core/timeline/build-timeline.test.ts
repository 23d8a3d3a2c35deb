import { describe, expect, it } from 'vitest';
import { buildTimeline, type ErrorRow, type StateRow } from '../../../../src/core/timeline/build-timeline.ts';
import { makeRecords, repeat, START } from './make-records.ts';

const kinds = (steps: string[]) => buildTimeline({ records: makeRecords(steps) }).rows.map((row) => {
  if (row.kind === 'state') return `${row.status}×${row.pollCount}${row.unexpected ? `!${row.unexpected}` : ''}`;
  if (row.kind === 'error') return row.kinds.length === 1 ? `${row.title}×${row.count}` : `${row.title}×${row.count}: ${row.kinds.map((k) => `${k.title}×${k.count}`).join(', ')}`;
  return row.kind;
});

describe('buildTimeline', () => {
  it('makes one row per transition, with start, end, duration and polls', () => {
    const records = makeRecords(['WAITING', 'WAITING', 'WAITING', 'INITIALIZED', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED']);
    const stop = { kind: 'stopped' as const, at: START + 6100, reason: 'completed' as const, message: 'done' };
    const { rows, summary } = buildTimeline({ records, stop });
    expect(rows).toEqual([
      { kind: 'state', status: 'WAITING', known: true, startedAt: START, lastSeenAt: START + 2100, endedAt: START + 3000, durationMs: 3000, pollCount: 3, recordSeqs: [0, 1, 2] },
      { kind: 'state', status: 'INITIALIZED', known: true, startedAt: START + 3000, lastSeenAt: START + 4100, endedAt: START + 5000, durationMs: 2000, pollCount: 2, recordSeqs: [3, 4] },
      { kind: 'state', status: 'AUTHORIZED', known: true, startedAt: START + 5000, lastSeenAt: START + 5100, endedAt: START + 6000, durationMs: 1000, pollCount: 1, recordSeqs: [5] },
      { kind: 'state', status: 'COMPLETED', known: true, startedAt: START + 6000, lastSeenAt: START + 6100, endedAt: START + 6100, durationMs: 100, pollCount: 1, recordSeqs: [6] },
      { kind: 'stop', at: START + 6100, reason: 'completed', message: 'done' },
    ]);
    expect(summary).toEqual({ polls: 7, errors: 0, firstPollAt: START, finalStatus: 'COMPLETED', completedAt: START + 6100, timeToCompletedMs: 6100 });
  });

  it('leaves the current state open while polling goes on', () => {
    const { rows, summary } = buildTimeline({ records: makeRecords(['WAITING', 'WAITING']) });
    const [row] = rows as StateRow[];
    expect(row?.endedAt).toBeUndefined();
    expect(row?.durationMs).toBe(1100);
    expect(summary.timeToCompletedMs).toBeUndefined();
    expect(summary.finalStatus).toBe('WAITING');
  });

  it('flags a skipped state, a step backwards and an undocumented value', () => {
    expect(kinds(['WAITING', 'AUTHORIZED', 'COMPLETED'])).toEqual(['WAITING×1', 'AUTHORIZED×1!skipped', 'COMPLETED×1']);
    expect(kinds(['WAITING', 'INITIALIZED', 'WAITING'])).toEqual(['WAITING×1', 'INITIALIZED×1', 'WAITING×1!backwards']);
    expect(kinds(['WAITING', 'CANCELLED', 'INITIALIZED'])).toEqual(['WAITING×1', 'CANCELLED×1!unknown-value', 'INITIALIZED×1']);
    // A poll that starts late is not an unexpected order.
    expect(kinds(['AUTHORIZED', 'COMPLETED'])).toEqual(['AUTHORIZED×1', 'COMPLETED×1']);
    const [, skipped] = buildTimeline({ records: makeRecords(['WAITING', 'COMPLETED']) }).rows as StateRow[];
    expect(skipped?.note).toBe('Went from WAITING to COMPLETED; INITIALIZED and AUTHORIZED were never seen.');
    const [, unknown] = buildTimeline({ records: makeRecords(['WAITING', 'PENDING']) }).rows as StateRow[];
    expect(unknown).toMatchObject({ known: false, note: expect.stringContaining('"PENDING" is not a documented status') });
  });

  it('puts the errors between two states in one row of their own, counted by kind', () => {
    expect(kinds(['WAITING', 'WAITING', '503', '503', 'WAITING', 'INITIALIZED', '503', 'timeout', 'INITIALIZED', 'html', '503'])).toEqual([
      'WAITING×3',
      'Server error 503 (HTML page)×2',
      'INITIALIZED×2',
      '3 kinds of error×4: Server error 503 (HTML page)×2, No answer within 10 s×1, Not a status answer (200): HTML page×1',
    ]);
  });

  it('folds errors of alternating kinds into one row, with the first and last time of each kind', () => {
    const cycle = ['503', 'timeout', '429', 'network'];
    const steps = Array.from({ length: 400 }, (_, i) => (i % 5 === 4 ? cycle[Math.floor(i / 5) % cycle.length]! : 'WAITING'));
    const { rows, summary } = buildTimeline({ records: makeRecords([...steps, 'INITIALIZED']) });
    expect(rows.map((row) => row.kind)).toEqual(['state', 'error', 'state']);
    const errors = rows[1] as ErrorRow;
    expect(errors).toMatchObject({ kind: 'error', outcome: 'server-error', title: '4 kinds of error', count: 80, firstAt: START + 4000, lastAt: START + 399_100 });
    expect(errors.httpStatus).toBeUndefined();
    expect(errors.kinds.map(({ outcome, count, firstAt, lastAt }) => ({ outcome, count, firstAt, lastAt }))).toEqual([
      { outcome: 'server-error', count: 20, firstAt: START + 4000, lastAt: START + 384_100 },
      { outcome: 'timeout', count: 20, firstAt: START + 9000, lastAt: START + 389_100 },
      { outcome: 'rate-limited', count: 20, firstAt: START + 14_000, lastAt: START + 394_100 },
      { outcome: 'network-error', count: 20, firstAt: START + 19_000, lastAt: START + 399_100 },
    ]);
    expect(summary).toMatchObject({ polls: 401, errors: 80 });
  });

  it('folds an error that keeps coming back within one state into one row', () => {
    const steps = Array.from({ length: 40 }, (_, i) => (i % 4 === 3 ? '503' : 'WAITING'));
    const { rows, summary } = buildTimeline({ records: makeRecords(steps) });
    expect(rows.map((row) => row.kind)).toEqual(['state', 'error']);
    expect(rows[1]).toMatchObject({ kind: 'error', outcome: 'server-error', httpStatus: 503, count: 10, firstAt: START + 3000, lastAt: START + 39_100 });
    expect(summary).toMatchObject({ polls: 40, errors: 10 });
  });

  it('tells apart errors that differ, within their row', () => {
    expect(kinds(['403', '404', '429', 'network', 'network'])).toEqual([
      '4 kinds of error×5: Session expired (403, 9008 ACCESS_TO_CONSUMER_ID_NOT_ALLOWED)×1, ' +
        'Not found (404, empty body): unknown payment, or not a Client API address×1, Rate limited (429, retry after 2 s)×1, ' +
        'Network error: TypeError: Failed to fetch×2',
    ]);
    const [row] = buildTimeline({ records: makeRecords(['network', 'network']) }).rows;
    expect(row).toEqual({
      kind: 'error',
      outcome: 'network-error',
      title: 'Network error: TypeError: Failed to fetch',
      count: 2,
      firstAt: START,
      lastAt: START + 1100,
      recordSeqs: [0, 1],
      kinds: [{ outcome: 'network-error', title: 'Network error: TypeError: Failed to fetch', count: 2, firstAt: START, lastAt: START + 1100, recordSeqs: [0, 1] }],
    });
  });

  it('places navigations and the stop by time', () => {
    const records = makeRecords(['WAITING', 'WAITING', 'INITIALIZED']);
    const { rows } = buildTimeline({
      records,
      navigations: [
        { kind: 'navigation', at: START + 1500, url: 'https://shop.example/pay' },
        { kind: 'navigation', at: START - 5000, url: 'https://shop.example/' },
      ],
      stop: { kind: 'stopped', at: START + 2500, reason: 'user', message: 'Stopped by the user.' },
    });
    expect(rows.map((row) => row.kind)).toEqual(['navigation', 'state', 'navigation', 'state', 'stop']);
    expect(rows[3]).toMatchObject({ status: 'INITIALIZED', endedAt: START + 2500 });
  });

  it('shows polls lost to the history bound as a gap row', () => {
    const records = makeRecords(['WAITING', 'INITIALIZED']);
    records[1] = { ...records[1]!, seq: 40, gapBefore: 38 };
    const { rows, summary } = buildTimeline({ records });
    expect(rows.map((row) => row.kind)).toEqual(['state', 'gap', 'state']);
    expect(rows[1]).toEqual({ kind: 'gap', at: START + 1000, polls: 38 });
    expect(summary.polls).toBe(40);
  });

  it('counts folded polls and is empty without records', () => {
    const records = makeRecords(['WAITING', 'WAITING']);
    records[1] = { ...records[1]!, seq: 9, foldedPolls: 8 };
    expect(buildTimeline({ records }).rows[0]).toMatchObject({ pollCount: 10, recordSeqs: [0, 9] });
    expect(buildTimeline({ records: [] })).toEqual({ rows: [], summary: { polls: 0, errors: 0 } });
  });

  it('is deterministic', () => {
    const records = makeRecords([...repeat('WAITING', 5), '503', 'AUTHORIZED', 'FOO', 'COMPLETED']);
    expect(buildTimeline({ records })).toEqual(buildTimeline({ records: structuredClone(records) }));
  });
});

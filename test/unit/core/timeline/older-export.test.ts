import { describe, expect, it } from 'vitest';
import { buildTimeline, type ErrorRow } from '../../../../src/core/timeline/build-timeline.ts';
import { exportTimelines, importTimelines } from '../../../../src/core/timeline/export-file.ts';
import { foldPolls } from '../../../../src/core/timeline/fold-polls.ts';
import type { PollRecord } from '../../../../src/core/timeline/poll-record.ts';
import { segmentRecords } from '../../../../src/core/timeline/segment-records.ts';
import { makeRecords, SESSION_ID, START, target, withoutRefs } from './make-records.ts';

/**
 * A file written before the errors between two states were one row: folding then kept every error
 * while the rows fitted, so a flaky platform left many records of each kind. Such a file is still a
 * valid version 1 file (no field changed); it must read and show the grouped rows; exported again, it is written as
 * it was (a history within the limit is never folded by an export), and folding it keeps every count.
 */
function olderFile(records: readonly PollRecord[]): string {
  const file = {
    format: 'connect-devtools-timeline',
    version: 1,
    exportedAt: new Date(START + 3_600_000).toISOString(),
    tool: { name: 'Connect DevTools', version: '0.1.0' },
    redacted: false,
    payments: [
      {
        paymentId: target.paymentId,
        productId: 3012,
        session: { customerId: target.customerId, clientApiUrl: target.clientApiUrl, clientSessionId: SESSION_ID },
        records,
        navigations: [],
        stop: { kind: 'stopped', at: records.at(-1)!.endedAt, reason: 'user', message: 'Stopped by the user.' },
      },
    ],
  };
  return JSON.stringify(file, null, 2);
}

const errorsPerKind = (records: readonly PollRecord[]) =>
  segmentRecords(records).flatMap((segment) => (segment.kind === 'error' ? segment.kinds.map((kind) => kind.indices.length) : []));

describe('a timeline file written before errors were grouped', () => {
  // WAITING for 400 polls, every tenth an error cycling 503, 429 and a timeout, then INITIALIZED: every error kept.
  const cycle = ['503', '429', 'timeout'];
  const steps = [...Array.from({ length: 400 }, (_, i) => (i % 10 === 9 ? cycle[Math.floor(i / 10) % cycle.length]! : 'WAITING')), 'INITIALIZED'];
  const records = makeRecords(steps);

  it('imports, and shows the errors between two states as one row counted by kind', () => {
    const read = importTimelines(olderFile(records));
    if (!read.ok) throw new Error(read.reason);
    const [payment] = read.value.payments;
    expect(errorsPerKind(payment!.records)).toEqual([14, 13, 13]);
    const { rows, summary } = buildTimeline(payment!);
    expect(rows.map((row) => row.kind)).toEqual(['state', 'error', 'state', 'stop']);
    expect((rows[1] as ErrorRow).kinds.map((kind) => [kind.outcome, kind.count])).toEqual([
      ['server-error', 14],
      ['rate-limited', 13],
      ['timeout', 13],
    ]);
    expect(summary).toMatchObject({ polls: 401, errors: 40 });
  });

  it('is written as it is when exported again, and folding it gives the same rows with two records of each kind', () => {
    const read = importTimelines(olderFile(records));
    if (!read.ok) throw new Error(read.reason);
    const again = importTimelines(exportTimelines(read.value.payments, { redact: false, now: START + 7_200_000, toolVersion: '0.1.0' }));
    if (!again.ok) throw new Error(again.reason);
    expect(again.value.payments).toEqual(read.value.payments);
    const folded = foldPolls(again.value.payments[0]!.records);
    expect(errorsPerKind(folded)).toEqual([2, 2, 2]);
    expect(withoutRefs(buildTimeline({ records: folded }).rows)).toEqual(withoutRefs(buildTimeline({ records: read.value.payments[0]!.records }).rows));
    expect(buildTimeline({ records: folded }).summary).toEqual(buildTimeline({ records: read.value.payments[0]!.records }).summary);
  });
});

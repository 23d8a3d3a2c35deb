import { statusRank, THIRD_PARTY_STATUSES } from '../../../../src/core/connect/third-party-status.ts';
import type { ErrorKindCount, StateRow, Timeline, TimelineInput, TimelineRow } from '../../../../src/core/timeline/build-timeline.ts';
import { describeOutcome } from '../../../../src/core/timeline/describe-outcome.ts';
import { pollsIn, type PollRecord } from '../../../../src/core/timeline/poll-record.ts';
import { segmentRecords } from '../../../../src/core/timeline/segment-records.ts';

const TIE_ORDER: Record<TimelineRow['kind'], number> = { gap: 0, state: 1, error: 1, navigation: 2, stop: 3 };
const rowTime = (row: TimelineRow) => (row.kind === 'state' ? row.startedAt : row.kind === 'error' ? row.firstAt : row.at);

/**
 * The timeline rule written out plainly, from nothing, with segmentRecords: the oracle the
 * incremental builder behind buildTimeline is compared with. Slow and obvious on purpose.
 */
export function referenceTimeline({ records, navigations = [], stop }: TimelineInput): Timeline {
  const rows: TimelineRow[] = [];
  const stateRows: StateRow[] = [];
  let errors = 0;
  for (const segment of segmentRecords(records)) {
    const members = segment.indices.map((index) => records[index] as PollRecord);
    const first = members[0]!;
    const last = members.at(-1)!;
    if (first.gapBefore) rows.push({ kind: 'gap', at: first.startedAt, polls: first.gapBefore });
    const count = members.reduce((sum, record) => sum + pollsIn(record), 0);
    const recordSeqs = members.map((record) => record.seq);
    if (segment.kind === 'state') {
      const row: StateRow = {
        kind: 'state',
        status: segment.key,
        known: first.outcome.kind === 'status',
        startedAt: first.startedAt,
        lastSeenAt: last.endedAt,
        durationMs: last.endedAt - first.startedAt,
        pollCount: count,
        recordSeqs,
      };
      stateRows.push(row);
      rows.push(row);
      continue;
    }
    errors += count;
    const kinds = segment.kinds.map((run): ErrorKindCount => {
      const ofKind = run.indices.map((index) => records[index] as PollRecord);
      const head = ofKind[0]!;
      return {
        outcome: head.outcome.kind,
        title: describeOutcome(head.outcome, head.response?.status),
        ...(head.response ? { httpStatus: head.response.status } : {}),
        count: ofKind.reduce((sum, record) => sum + pollsIn(record), 0),
        firstAt: head.startedAt,
        lastAt: ofKind.at(-1)!.endedAt,
        recordSeqs: ofKind.map((record) => record.seq),
      };
    });
    rows.push({
      kind: 'error',
      outcome: first.outcome.kind,
      title: kinds.length === 1 ? kinds[0]!.title : `${kinds.length} kinds of error`,
      ...(kinds.length === 1 && first.response ? { httpStatus: first.response.status } : {}),
      count,
      firstAt: first.startedAt,
      lastAt: last.endedAt,
      recordSeqs,
      kinds,
    });
  }
  stateRows.forEach((row, i) => {
    const endedAt = stateRows[i + 1]?.startedAt ?? stop?.at;
    if (endedAt === undefined) return;
    row.endedAt = Math.max(endedAt, row.lastSeenAt);
    row.durationMs = row.endedAt - row.startedAt;
  });
  let previous: string | undefined;
  for (const row of stateRows) {
    const rank = statusRank(row.status);
    if (rank < 0) {
      row.unexpected = 'unknown-value';
      row.note = `${JSON.stringify(row.status)} is not a documented status (${THIRD_PARTY_STATUSES.join(', ')}).`;
      continue;
    }
    if (previous !== undefined) {
      const previousRank = statusRank(previous);
      if (rank < previousRank) {
        row.unexpected = 'backwards';
        row.note = `Went back from ${previous} to ${row.status}.`;
      } else if (rank > previousRank + 1) {
        const missed = THIRD_PARTY_STATUSES.slice(previousRank + 1, rank);
        row.unexpected = 'skipped';
        row.note = `Went from ${previous} to ${row.status}; ${missed.join(' and ')} ${missed.length > 1 ? 'were' : 'was'} never seen.`;
      }
    }
    previous = row.status;
  }
  for (const navigation of navigations) rows.push({ kind: 'navigation', at: navigation.at, url: navigation.url });
  if (stop) rows.push({ kind: 'stop', at: stop.at, reason: stop.reason, message: stop.message });
  rows.sort((a, b) => rowTime(a) - rowTime(b) || TIE_ORDER[a.kind] - TIE_ORDER[b.kind]);

  const head = records[0];
  const completed = records.find((record) => record.outcome.kind === 'status' && record.outcome.status === 'COMPLETED');
  const finalStatus = stateRows.at(-1)?.status;
  return {
    rows,
    summary: {
      polls: records.reduce((sum, record) => sum + pollsIn(record) + (record.gapBefore ?? 0), 0),
      errors,
      ...(head ? { firstPollAt: head.startedAt } : {}),
      ...(finalStatus === undefined ? {} : { finalStatus }),
      ...(completed ? { completedAt: completed.endedAt } : {}),
      ...(head && completed ? { timeToCompletedMs: completed.endedAt - head.startedAt } : {}),
    },
  };
}

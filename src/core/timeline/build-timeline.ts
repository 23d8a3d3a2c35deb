import { statusRank, THIRD_PARTY_STATUSES } from '../connect/third-party-status.ts';
import type { Navigation } from '../detect/observation.ts';
import { describeOutcome } from './describe-outcome.ts';
import { pollsIn, type PollOutcome, type PollRecord, type PollStop, type StopReason } from './poll-record.ts';
import { segmentRecords, type Segment } from './segment-records.ts';

export type Unexpected = 'skipped' | 'backwards' | 'unknown-value';

/** Rows point at their records by `seq`; `recordSeqs` lists the kept ones, first to last. */
export type StateRow = {
  kind: 'state';
  status: string;
  /** One of the four documented values. */
  known: boolean;
  /** When the first poll that saw this status was sent. */
  startedAt: number;
  /** When the last poll that saw it was answered. */
  lastSeenAt: number;
  /** When the next status was first seen, or the poll stopped; absent while it is the current one. */
  endedAt?: number;
  durationMs: number;
  pollCount: number;
  recordSeqs: number[];
  unexpected?: Unexpected;
  note?: string;
};

export type ErrorRow = {
  kind: 'error';
  outcome: PollOutcome['kind'];
  title: string;
  httpStatus?: number;
  count: number;
  firstAt: number;
  lastAt: number;
  recordSeqs: number[];
};

/** Polls dropped whole from a history too long to keep (see fold-polls). */
export type GapRow = { kind: 'gap'; at: number; polls: number };
export type NavigationRow = { kind: 'navigation'; at: number; url: string };
export type StopRow = { kind: 'stop'; at: number; reason: StopReason; message: string };

export type TimelineRow = StateRow | ErrorRow | GapRow | NavigationRow | StopRow;

export type TimelineSummary = {
  /** Every poll made, folded and gapped ones included. */
  polls: number;
  errors: number;
  firstPollAt?: number;
  finalStatus?: string;
  /** When COMPLETED was first answered. */
  completedAt?: number;
  /** From sending the first poll to the answer that said COMPLETED. */
  timeToCompletedMs?: number;
};

export type Timeline = { rows: TimelineRow[]; summary: TimelineSummary };

export type TimelineInput = {
  /** In the order they were made. */
  records: readonly PollRecord[];
  navigations?: readonly Navigation[];
  stop?: PollStop;
};

/** Where a row goes among rows that start at the same millisecond. */
const TIE_ORDER: Record<TimelineRow['kind'], number> = { gap: 0, state: 1, error: 1, navigation: 2, stop: 3 };

function rowTime(row: TimelineRow): number {
  switch (row.kind) {
    case 'state':
      return row.startedAt;
    case 'error':
      return row.firstAt;
    default:
      return row.at;
  }
}

/**
 * Records in, one row per transition out, with errors, gaps, navigations and the stop between them
 * in time order. Pure and deterministic: the live panel, an imported file and a HAR import all get
 * the same rows from the same records.
 */
export function buildTimeline({ records, navigations = [], stop }: TimelineInput): Timeline {
  const rows: TimelineRow[] = [];
  const stateRows: StateRow[] = [];
  let errors = 0;
  for (const segment of segmentRecords(records)) {
    const members = segment.indices.flatMap((index) => records[index] ?? []);
    const first = members[0];
    const last = members.at(-1);
    if (!first || !last) continue;
    if (first.gapBefore) rows.push({ kind: 'gap', at: first.startedAt, polls: first.gapBefore });
    const count = members.reduce((sum, record) => sum + pollsIn(record), 0);
    const recordSeqs = members.map((record) => record.seq);
    if (segment.kind === 'state') {
      const row = stateRow(segment, first, last, count, recordSeqs);
      stateRows.push(row);
      rows.push(row);
    } else {
      errors += count;
      rows.push({
        kind: 'error',
        outcome: first.outcome.kind,
        title: describeOutcome(first.outcome, first.response?.status),
        ...(first.response ? { httpStatus: first.response.status } : {}),
        count,
        firstAt: first.startedAt,
        lastAt: last.endedAt,
        recordSeqs,
      });
    }
  }
  closeStateRows(stateRows, stop);
  flagUnexpected(stateRows);

  for (const navigation of navigations) rows.push({ kind: 'navigation', at: navigation.at, url: navigation.url });
  if (stop) rows.push({ kind: 'stop', at: stop.at, reason: stop.reason, message: stop.message });
  // Stable sort: rows of the same time keep the order they were made in.
  rows.sort((a, b) => rowTime(a) - rowTime(b) || TIE_ORDER[a.kind] - TIE_ORDER[b.kind]);

  return { rows, summary: summarize(records, stateRows, errors) };
}

function stateRow(segment: Segment, first: PollRecord, last: PollRecord, pollCount: number, recordSeqs: number[]): StateRow {
  return {
    kind: 'state',
    status: segment.key,
    known: first.outcome.kind === 'status',
    startedAt: first.startedAt,
    lastSeenAt: last.endedAt,
    durationMs: last.endedAt - first.startedAt,
    pollCount,
    recordSeqs,
  };
}

/** A state lasts until the next one begins, or until the poll stopped. */
function closeStateRows(stateRows: StateRow[], stop: PollStop | undefined): void {
  stateRows.forEach((row, i) => {
    const endedAt = stateRows[i + 1]?.startedAt ?? stop?.at;
    if (endedAt === undefined) return;
    row.endedAt = Math.max(endedAt, row.lastSeenAt);
    row.durationMs = row.endedAt - row.startedAt;
  });
}

/**
 * The expected order is WAITING → INITIALIZED → AUTHORIZED → COMPLETED. Each state is compared with
 * the last documented one before it; the first row is not flagged, since a poll may start late.
 */
function flagUnexpected(stateRows: StateRow[]): void {
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
}

function summarize(records: readonly PollRecord[], stateRows: StateRow[], errors: number): TimelineSummary {
  const first = records[0];
  const completed = records.find((record) => record.outcome.kind === 'status' && record.outcome.status === 'COMPLETED');
  const polls = records.reduce((sum, record) => sum + pollsIn(record) + (record.gapBefore ?? 0), 0);
  const finalStatus = stateRows.at(-1)?.status;
  return {
    polls,
    errors,
    ...(first ? { firstPollAt: first.startedAt } : {}),
    ...(finalStatus === undefined ? {} : { finalStatus }),
    ...(completed ? { completedAt: completed.endedAt } : {}),
    ...(first && completed ? { timeToCompletedMs: completed.endedAt - first.startedAt } : {}),
  };
}

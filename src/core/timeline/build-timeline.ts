import type { Navigation } from '../detect/observation.ts';
import type { PollOutcome, PollRecord, PollStop, StopReason } from './poll-record.ts';
import { builderFor } from './timeline-builder.ts';

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

/** One kind of error within an error row (see segment-records: same kind, HTTP status, code, description). */
export type ErrorKindCount = {
  outcome: PollOutcome['kind'];
  title: string;
  httpStatus?: number;
  count: number;
  /** When the first error of this kind was sent, and when the latest was answered. */
  firstAt: number;
  lastAt: number;
  /** Its kept records: once folded, its first and its latest (see fold-polls). */
  recordSeqs: number[];
};

/** Every error between two states, however many kinds: `Server error 503 × 4`, or several kinds with a count each. */
export type ErrorRow = {
  kind: 'error';
  /** The kind of the row's first error; `kinds` has every kind. */
  outcome: PollOutcome['kind'];
  /** The error's title when the row has one kind of error; else how many kinds it has. */
  title: string;
  /** The first error's HTTP status, when the row has one kind of error and it was answered. */
  httpStatus?: number;
  count: number;
  firstAt: number;
  lastAt: number;
  recordSeqs: number[];
  /** In the order each kind first came; their counts add up to `count`. */
  kinds: ErrorKindCount[];
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
  /** In the order they were made. Records are values: never changed in place (fold-polls copies what it changes). */
  records: readonly PollRecord[];
  navigations?: readonly Navigation[];
  stop?: PollStop;
};

/**
 * Records in, one row per transition out, with errors, gaps, navigations and the stop between them
 * in time order. Pure and deterministic: the live panel, an imported file and a HAR import all get
 * the same rows from the same records.
 *
 * Incremental underneath (see timeline-builder): called again with the same records and more (as
 * the panel does on every poll answer), it only takes in the new ones; the result is the same as
 * a build from nothing, which the property tests check.
 */
export function buildTimeline({ records, navigations = [], stop }: TimelineInput): Timeline {
  return builderFor(records).timeline(navigations, stop);
}

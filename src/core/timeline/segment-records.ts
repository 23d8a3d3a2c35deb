import type { PollOutcome, PollRecord } from './poll-record.ts';

/**
 * The one rule that decides which polls belong to the same timeline row. Both the timeline and the
 * folding of history use it, so folding can never merge polls that the timeline shows apart.
 *
 * - A state row is one status value, from the poll that first saw it until another value is seen;
 *   errors in between do not end it (the payment's state did not change).
 * - An error row is every error between two states: all the errors answered while one state row
 *   lasts, whatever their kinds, interleaved with polls of that status or not. A platform that
 *   cycles 503, 502, 500 and 429 for two hours is one row, with a count for each kind. Within the
 *   row, errors are told apart by kind (see recordKey), in the order each kind first came.
 * - A record that follows a gap in history starts fresh rows: what was before it is unknown.
 */
export type StateSegment = {
  kind: 'state';
  /** The status value. */
  key: string;
  /** Indices into the records given, in order; never empty. */
  indices: number[];
};

/** One kind of error within an error row: the errors of one identity (see recordKey). */
export type ErrorKindRun = { key: string; indices: number[] };

export type ErrorSegment = {
  kind: 'error';
  /** The identity of its first error. */
  key: string;
  /** Indices into the records given, in order; never empty. */
  indices: number[];
  /** Its errors by kind, in the order each kind first came; their indices together are `indices`. */
  kinds: ErrorKindRun[];
};

export type Segment = StateSegment | ErrorSegment;

export function isStateOutcome(outcome: PollOutcome): outcome is Extract<PollOutcome, { kind: 'status' | 'unknown-status' }> {
  return outcome.kind === 'status' || outcome.kind === 'unknown-status';
}

/**
 * An error's identity, by record: folding and the timeline ask for it on every fold, and records are
 * values that never change in place (a record whose counts change is a new object).
 */
const errorKeys = new WeakMap<PollRecord, string>();

/** A status value, or what makes two errors "the same kind": kind, HTTP status, platform code, description. */
export function recordKey(record: PollRecord): { kind: Segment['kind']; key: string } {
  const { outcome } = record;
  if (outcome.kind === 'status') return { kind: 'state', key: outcome.status };
  if (outcome.kind === 'unknown-status') return { kind: 'state', key: outcome.value };
  const known = errorKeys.get(record);
  if (known !== undefined) return { kind: 'error', key: known };
  const parts: (string | number | undefined)[] = [outcome.kind, record.response?.status];
  if ('error' in outcome) parts.push(outcome.error?.errors[0]?.code);
  if (outcome.kind === 'malformed') parts.push(outcome.description);
  if (outcome.kind === 'network-error') parts.push(outcome.message);
  const key = JSON.stringify(parts);
  errorKeys.set(record, key);
  return { kind: 'error', key };
}

export function segmentRecords(records: readonly PollRecord[]): Segment[] {
  const segments: Segment[] = [];
  let state: StateSegment | undefined;
  let errors: { segment: ErrorSegment; byKey: Map<string, ErrorKindRun> } | undefined;
  records.forEach((record, index) => {
    if (record.gapBefore) {
      state = undefined;
      errors = undefined;
    }
    const { kind, key } = recordKey(record);
    if (kind === 'state') {
      if (state?.key === key) {
        state.indices.push(index);
        return;
      }
      state = { kind, key, indices: [index] };
      errors = undefined;
      segments.push(state);
      return;
    }
    if (!errors) {
      errors = { segment: { kind, key, indices: [], kinds: [] }, byKey: new Map() };
      segments.push(errors.segment);
    }
    errors.segment.indices.push(index);
    const run = errors.byKey.get(key);
    if (run) run.indices.push(index);
    else {
      const created = { key, indices: [index] };
      errors.byKey.set(key, created);
      errors.segment.kinds.push(created);
    }
  });
  return segments;
}

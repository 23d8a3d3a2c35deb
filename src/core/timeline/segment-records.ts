import type { PollOutcome, PollRecord } from './poll-record.ts';

/**
 * The one rule that decides which polls belong to the same timeline row. Both the timeline and the
 * folding of history use it, so folding can never merge polls that the timeline shows apart.
 *
 * - A state row is one status value, from the poll that first saw it until another value is seen;
 *   errors in between do not end it (the payment's state did not change).
 * - An error row is a run of identical errors within one state: errors of the same kind interleaved
 *   with polls of an unchanged status fold together ("503 × 40"), a different error starts a new row.
 * - A record that follows a gap in history starts fresh rows: what was before it is unknown.
 */
export type Segment = {
  kind: 'state' | 'error';
  /** The status value, or the error's identity (see recordKey). */
  key: string;
  /** Indices into the records given, in order; never empty. */
  indices: number[];
};

export function isStateOutcome(outcome: PollOutcome): outcome is Extract<PollOutcome, { kind: 'status' | 'unknown-status' }> {
  return outcome.kind === 'status' || outcome.kind === 'unknown-status';
}

/** A status value, or what makes two errors "the same": kind, HTTP status, platform code, description. */
export function recordKey(record: PollRecord): { kind: Segment['kind']; key: string } {
  const { outcome } = record;
  if (outcome.kind === 'status') return { kind: 'state', key: outcome.status };
  if (outcome.kind === 'unknown-status') return { kind: 'state', key: outcome.value };
  const parts: (string | number | undefined)[] = [outcome.kind, record.response?.status];
  if ('error' in outcome) parts.push(outcome.error?.errors[0]?.code);
  if (outcome.kind === 'malformed') parts.push(outcome.description);
  if (outcome.kind === 'network-error') parts.push(outcome.message);
  return { kind: 'error', key: JSON.stringify(parts) };
}

export function segmentRecords(records: readonly PollRecord[]): Segment[] {
  const segments: Segment[] = [];
  let state: Segment | undefined;
  let error: Segment | undefined;
  records.forEach((record, index) => {
    if (record.gapBefore) {
      state = undefined;
      error = undefined;
    }
    const { kind, key } = recordKey(record);
    if (kind === 'state') {
      if (state?.key === key) {
        state.indices.push(index);
        return;
      }
      state = { kind, key, indices: [index] };
      error = undefined;
      segments.push(state);
      return;
    }
    if (error?.key === key) {
      error.indices.push(index);
      return;
    }
    error = { kind, key, indices: [index] };
    segments.push(error);
  });
  return segments;
}

import type { PollRecord } from './poll-record-schema.ts';

/**
 * One thirdpartystatus call and what came of it: the unit the poller emits, the timeline is
 * built from, and an export file carries. This module holds its types, bounds and stop reasons
 * without zod, for the poller and the timeline, which the panel runs from its start; the schemas
 * that check a record from a file or from storage are in poll-record-schema.ts.
 */
export type {
  BodyKind,
  HeaderMap,
  PlatformError,
  PollOutcome,
  PollOutcomeKind,
  PollRecord,
  PollRequest,
  PollResponse,
  PollStop,
  PollTarget,
  StopReason,
} from './poll-record-schema.ts';

/** Bodies are kept as text up to this many characters; a status answer is a few dozen. */
export const MAX_BODY_CHARS = 64 * 1024;

export const MAX_HEADERS = 64;

/** Polls a record stands for: itself and those folded into it. */
export function pollsIn(record: PollRecord): number {
  return 1 + (record.foldedPolls ?? 0);
}

export const STOP_REASONS = [
  'completed',
  'session-expired',
  'payment-not-found',
  'max-duration',
  'user',
  'closed',
  /** The page's own call was refused with 403 9008 while the panel polled. */
  'session-refused',
  /** The user withdrew the approval of the Client API origin. */
  'origin-revoked',
] as const;

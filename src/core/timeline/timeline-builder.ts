import { statusRank, THIRD_PARTY_STATUSES } from '../connect/third-party-status.ts';
import type { Navigation } from '../detect/observation.ts';
import type { ErrorKindCount, ErrorRow, StateRow, Timeline, TimelineRow, TimelineSummary, Unexpected } from './build-timeline.ts';
import { describeOutcome } from './describe-outcome.ts';
import { pollsIn, type PollRecord, type PollStop } from './poll-record.ts';
import { recordKey } from './segment-records.ts';

/**
 * The timeline of a growing history, built one record at a time. It follows the rule of
 * segment-records: a state row per status value, one error row for every error between two states
 * (counted by kind), a fresh start after a gap. Taking in a record costs the same whatever the
 * length of the history: only the current state row and the current error row change, and they
 * are turned into row objects when a timeline is asked for. Closed rows are made once and shared
 * by every timeline after, so a view can tell unchanged rows by identity.
 *
 * `buildTimeline` and `foldPolls` find the builder of a history by its first record (`builderFor`):
 * on each poll the panel folds the history and builds its timeline from records that differ from
 * the previous ones by a record or two, so both only take in the difference.
 */

/** How many polls of each kind, and the records behind them, within the current error row. */
type KindTally = {
  key: string;
  outcome: ErrorKindCount['outcome'];
  title: string;
  httpStatus: number | undefined;
  count: number;
  firstAt: number;
  lastAt: number;
  records: PollRecord[];
};

type OpenState = {
  rowIndex: number;
  status: string;
  known: boolean;
  startedAt: number;
  lastSeenAt: number;
  pollCount: number;
  seqs: number[];
  unexpected?: Unexpected;
  note?: string;
};

type OpenErrors = {
  rowIndex: number;
  members: PollRecord[];
  memberSet: Set<PollRecord>;
  kinds: Map<string, KindTally>;
  order: KindTally[];
  count: number;
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

const byTime = (a: TimelineRow, b: TimelineRow) => rowTime(a) - rowTime(b) || TIE_ORDER[a.kind] - TIE_ORDER[b.kind];

/** A state lasts until the next one begins, or until the poll stopped. */
function closeState(row: StateRow, at: number): StateRow {
  const endedAt = Math.max(at, row.lastSeenAt);
  return { ...row, endedAt, durationMs: endedAt - row.startedAt };
}

/**
 * The expected order is WAITING → INITIALIZED → AUTHORIZED → COMPLETED. Each state is compared with
 * the last documented one before it; the first row is not flagged, since a poll may start late.
 */
function flag(status: string, previous: string | undefined): { unexpected?: Unexpected; note?: string } {
  const rank = statusRank(status);
  if (rank < 0) {
    return { unexpected: 'unknown-value', note: `${JSON.stringify(status)} is not a documented status (${THIRD_PARTY_STATUSES.join(', ')}).` };
  }
  if (previous === undefined) return {};
  const previousRank = statusRank(previous);
  if (rank < previousRank) return { unexpected: 'backwards', note: `Went back from ${previous} to ${status}.` };
  if (rank > previousRank + 1) {
    const missed = THIRD_PARTY_STATUSES.slice(previousRank + 1, rank);
    return { unexpected: 'skipped', note: `Went from ${previous} to ${status}; ${missed.join(' and ')} ${missed.length > 1 ? 'were' : 'was'} never seen.` };
  }
  return {};
}

/** The title of an error row with several kinds of error; each kind keeps its own. */
export function errorKindsTitle(kinds: number): string {
  return `${kinds} kinds of error`;
}

export class TimelineBuilder {
  /** The records taken in, in order: the builder's own list, compared by identity with the next input. */
  private records: PollRecord[] = [];
  /** Rows in the order they were made. The open rows' entries are refreshed by `flush`. */
  private readonly rows: TimelineRow[] = [];
  private openState: OpenState | undefined;
  private openErrors: OpenErrors | undefined;
  private stateDirty = false;
  private errorsDirty = false;
  /** The last state row, open or not: the next state row closes it, else the stop does. */
  private lastStateIndex = -1;
  private lastStatus: string | undefined;
  private lastDocumented: string | undefined;
  private polls = 0;
  private errors = 0;
  private completed: PollRecord | undefined;
  /** Kinds of error, in error rows no longer open, with more than two records (see fold-polls). */
  private oversizedClosed = 0;

  get taken(): readonly PollRecord[] {
    return this.records;
  }

  append(record: PollRecord): void {
    this.records.push(record);
    this.polls += pollsIn(record) + (record.gapBefore ?? 0);
    if (record.gapBefore) {
      this.closeOpenRows();
      this.rows.push({ kind: 'gap', at: record.startedAt, polls: record.gapBefore });
    }
    const { kind, key } = recordKey(record);
    if (kind === 'error') {
      this.errors += pollsIn(record);
      this.addError(record, key);
      return;
    }
    if (!this.completed && record.outcome.kind === 'status' && record.outcome.status === 'COMPLETED') this.completed = record;
    const open = this.openState;
    if (open && open.status === key) {
      open.lastSeenAt = record.endedAt;
      open.pollCount += pollsIn(record);
      open.seqs.push(record.seq);
      this.stateDirty = true;
      return;
    }
    this.startState(record, key);
  }

  /**
   * Brings the builder to `records` when they are the records it took in, in the same order, less
   * some errors of the current error row (as folding drops them), plus new ones at the end.
   * Anything else returns false and leaves the builder as it was.
   */
  catchUp(records: readonly PollRecord[]): boolean {
    const taken = this.records;
    const removed: PollRecord[] = [];
    let next = 0;
    for (let i = 0; i < taken.length; i++) {
      const record = taken[i] as PollRecord;
      if (records[next] === record) next += 1;
      else if (i > 0 && !record.gapBefore && this.openErrors?.memberSet.has(record)) removed.push(record);
      else return false;
    }
    if (removed.length > 0) this.removeErrors(new Set(removed));
    for (; next < records.length; next++) this.append(records[next] as PollRecord);
    return true;
  }

  /**
   * Kinds of error with more than two records in one row. Folding keeps the first and the latest of
   * each kind, so a folded history has none, and a folded history and one new error has at most one.
   */
  oversizedKinds(): number {
    let open = 0;
    for (const tally of this.openErrors?.order ?? []) if (tally.records.length > 2) open += 1;
    return this.oversizedClosed + open;
  }

  /** When the last record taken in is the third of its kind in the current error row: the one before it. */
  supersededByLast(): PollRecord | undefined {
    const last = this.records.at(-1);
    if (!last || !this.openErrors?.memberSet.has(last)) return undefined;
    const tally = this.openErrors.kinds.get(recordKey(last).key);
    return tally && tally.records.length === 3 && tally.records[2] === last ? tally.records[1] : undefined;
  }

  timeline(navigations: readonly Navigation[], stop: PollStop | undefined): Timeline {
    this.flush();
    const rows = this.rows.slice();
    const last = rows[this.lastStateIndex];
    if (stop && last?.kind === 'state') rows[this.lastStateIndex] = closeState(last, stop.at);
    for (const navigation of navigations) rows.push({ kind: 'navigation', at: navigation.at, url: navigation.url });
    if (stop) rows.push({ kind: 'stop', at: stop.at, reason: stop.reason, message: stop.message });
    // Stable sort: rows of the same time keep the order they were made in. Already in order but for
    // navigations and the stop, so this is one pass.
    rows.sort(byTime);
    return { rows, summary: this.summary() };
  }

  private summary(): TimelineSummary {
    const first = this.records[0];
    const completed = this.completed;
    return {
      polls: this.polls,
      errors: this.errors,
      ...(first ? { firstPollAt: first.startedAt } : {}),
      ...(this.lastStatus === undefined ? {} : { finalStatus: this.lastStatus }),
      ...(completed ? { completedAt: completed.endedAt } : {}),
      ...(first && completed ? { timeToCompletedMs: completed.endedAt - first.startedAt } : {}),
    };
  }

  private startState(record: PollRecord, status: string): void {
    this.flush();
    const previous = this.rows[this.lastStateIndex];
    if (previous?.kind === 'state') this.rows[this.lastStateIndex] = closeState(previous, record.startedAt);
    this.closeErrors();
    const flagged = flag(status, this.lastDocumented);
    if (statusRank(status) >= 0) this.lastDocumented = status;
    this.openState = {
      rowIndex: this.rows.length,
      status,
      known: record.outcome.kind === 'status',
      startedAt: record.startedAt,
      lastSeenAt: record.endedAt,
      pollCount: pollsIn(record),
      seqs: [record.seq],
      ...flagged,
    };
    this.lastStateIndex = this.rows.length;
    this.lastStatus = status;
    this.rows.push(this.stateRow(this.openState));
    this.stateDirty = false;
  }

  private addError(record: PollRecord, key: string): void {
    const open = this.openErrors;
    if (open) {
      tallyError(open, record, key);
      this.errorsDirty = true;
      return;
    }
    const created: OpenErrors = { rowIndex: this.rows.length, members: [], memberSet: new Set(), kinds: new Map(), order: [], count: 0 };
    tallyError(created, record, key);
    this.openErrors = created;
    this.rows.push(errorRow(created));
  }

  /** Folding dropped some errors of the current error row: count that row again from what is left. */
  private removeErrors(removed: ReadonlySet<PollRecord>): void {
    const open = this.openErrors;
    if (!open) return;
    for (const record of removed) {
      this.polls -= pollsIn(record);
      this.errors -= pollsIn(record);
    }
    this.records = this.records.filter((record) => !removed.has(record));
    const members = open.members.filter((record) => !removed.has(record));
    if (members.length === 0) {
      // The row was the last one made.
      this.rows.splice(open.rowIndex, 1);
      this.openErrors = undefined;
      this.errorsDirty = false;
      return;
    }
    const recounted: OpenErrors = { rowIndex: open.rowIndex, members: [], memberSet: new Set(), kinds: new Map(), order: [], count: 0 };
    for (const record of members) tallyError(recounted, record, recordKey(record).key);
    this.openErrors = recounted;
    this.errorsDirty = true;
  }

  /** Before a gap: what was open stays as it is, and what comes after starts afresh. */
  private closeOpenRows(): void {
    this.flush();
    this.openState = undefined;
    this.closeErrors();
  }

  private closeErrors(): void {
    this.flush();
    this.oversizedClosed += this.openErrors?.order.filter((tally) => tally.records.length > 2).length ?? 0;
    this.openErrors = undefined;
  }

  /** Turns the open rows into row objects, when they changed since the last time. */
  private flush(): void {
    if (this.stateDirty && this.openState) this.rows[this.openState.rowIndex] = this.stateRow(this.openState);
    if (this.errorsDirty && this.openErrors) this.rows[this.openErrors.rowIndex] = errorRow(this.openErrors);
    this.stateDirty = false;
    this.errorsDirty = false;
  }

  private stateRow(open: OpenState): StateRow {
    return {
      kind: 'state',
      status: open.status,
      known: open.known,
      startedAt: open.startedAt,
      lastSeenAt: open.lastSeenAt,
      durationMs: open.lastSeenAt - open.startedAt,
      pollCount: open.pollCount,
      recordSeqs: open.seqs.slice(),
      ...(open.unexpected ? { unexpected: open.unexpected } : {}),
      ...(open.note === undefined ? {} : { note: open.note }),
    };
  }
}

function tallyError(open: OpenErrors, record: PollRecord, key: string): void {
  open.members.push(record);
  open.memberSet.add(record);
  open.count += pollsIn(record);
  const tally = open.kinds.get(key);
  if (tally) {
    tally.count += pollsIn(record);
    tally.lastAt = record.endedAt;
    tally.records.push(record);
    return;
  }
  const created: KindTally = {
    key,
    outcome: record.outcome.kind,
    title: describeOutcome(record.outcome, record.response?.status),
    httpStatus: record.response?.status,
    count: pollsIn(record),
    firstAt: record.startedAt,
    lastAt: record.endedAt,
    records: [record],
  };
  open.kinds.set(key, created);
  open.order.push(created);
}

function errorRow(open: OpenErrors): ErrorRow {
  const first = open.members[0] as PollRecord;
  const last = open.members.at(-1) as PollRecord;
  const kinds = open.order.map(
    (tally): ErrorKindCount => ({
      outcome: tally.outcome,
      title: tally.title,
      ...(tally.httpStatus === undefined ? {} : { httpStatus: tally.httpStatus }),
      count: tally.count,
      firstAt: tally.firstAt,
      lastAt: tally.lastAt,
      recordSeqs: tally.records.map((record) => record.seq),
    }),
  );
  const only = kinds.length === 1 ? kinds[0] : undefined;
  return {
    kind: 'error',
    outcome: first.outcome.kind,
    title: only ? only.title : errorKindsTitle(kinds.length),
    ...(only?.httpStatus === undefined ? {} : { httpStatus: only.httpStatus }),
    count: open.count,
    firstAt: first.startedAt,
    lastAt: last.endedAt,
    recordSeqs: open.members.map((record) => record.seq),
    kinds,
  };
}

/** Each history's builder, found by its first record (which folding always keeps). */
const builders = new WeakMap<PollRecord, TimelineBuilder>();

/** The builder of `records`, caught up with them, when one was kept and can be; else undefined. */
export function cachedBuilder(records: readonly PollRecord[]): TimelineBuilder | undefined {
  const first = records[0];
  const builder = first && builders.get(first);
  return builder && builder.catchUp(records) ? builder : undefined;
}

/** A builder that has taken in `records`: the kept one caught up, or a new one kept for next time. */
export function builderFor(records: readonly PollRecord[]): TimelineBuilder {
  const cached = cachedBuilder(records);
  if (cached) return cached;
  const builder = new TimelineBuilder();
  for (const record of records) builder.append(record);
  const first = records[0];
  if (first) builders.set(first, builder);
  return builder;
}

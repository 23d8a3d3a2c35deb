import { Component } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Clock } from '../../core/clock.ts';
import type { ErrorKindCount, ErrorRow, StateRow, Timeline, TimelineRow } from '../../core/timeline/build-timeline.ts';
import type { PollRecord } from '../../core/timeline/poll-record.ts';
import { formatClock, formatDuration } from '../format.ts';
import { RawRecord } from './RawRecord.tsx';

interface Props {
  timeline: Timeline;
  records: readonly PollRecord[];
  revealSessionId: boolean;
  /** A copy was made with the session id in clear. */
  onRevealUsed?(): void;
  /** The panel's clock and whether the poll runs: the picture's current state then grows to now. */
  clock?: Clock;
  live?: boolean;
}

type Chart = typeof import('./TimelineChart.tsx').TimelineChart;
let chart: Chart | undefined;
let loadingChart: Promise<Chart> | undefined;
/** The picture above the rows, loaded after the panel's start (it is not needed to show a session). */
function useChart(): Chart | undefined {
  const [loaded, setLoaded] = useState(() => chart);
  useEffect(() => {
    if (loaded) return;
    loadingChart ??= import('./TimelineChart.tsx').then((module) => (chart = module.TimelineChart));
    void loadingChart.then((component) => setLoaded(() => component));
  }, []);
  return loaded;
}

/**
 * Above this many rows only the rows in view (and a few either side) are in the document. A live
 * poll rarely gets there (errors between two states are one row); an imported file of a payment
 * whose state kept changing can.
 */
export const VIRTUAL_FROM_ROWS = 100;
/** Rows rendered above and below those in view, so a quick scroll does not show blank space. */
export const OVERSCAN_ROWS = 12;
/** How tall the scrolled list may be. */
export const VIEWPORT_PX = 480;
/** A row's height until one is measured (rows do not wrap in a long list: all are as tall). */
const ROW_PX = 25;
/** The open row's raw records, until measured. */
const RAW_PX = 320;

/** A key that stays with its row as rows come and go: by its first record, or its time. */
export function rowKeys(rows: readonly TimelineRow[]): string[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const base = baseKey(row);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}#${n}`;
  });
}

function baseKey(row: TimelineRow): string {
  switch (row.kind) {
    case 'state':
      return `s${row.recordSeqs[0] ?? `@${row.startedAt}`}`;
    case 'error':
      return `e${row.recordSeqs[0] ?? `@${row.firstAt}`}`;
    case 'gap':
      return `g${row.at}`;
    case 'navigation':
      return `n${row.at}|${row.url}`;
    case 'stop':
      return 'stop';
  }
}

/** The rows to render, [start, end), for a list scrolled to `top` in a window `height` tall. */
export function visibleRange(
  count: number,
  { top, height, rowPx, open }: { top: number; height: number; rowPx: number; open?: { index: number; px: number } },
  overscan = OVERSCAN_ROWS,
): { start: number; end: number } {
  const indexAt = (y: number): number => {
    if (!open || y < (open.index + 1) * rowPx) return Math.floor(y / rowPx);
    const belowRaw = (open.index + 1) * rowPx + open.px;
    return y < belowRaw ? open.index : open.index + 1 + Math.floor((y - belowRaw) / rowPx);
  };
  const start = Math.min(count, Math.max(0, indexAt(Math.max(0, top)) - overscan));
  const end = Math.min(count, Math.max(start, indexAt(Math.max(0, top) + height) + 1 + overscan));
  return { start, end };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const kindText = (kind: ErrorKindCount) => `${kind.title}${kind.count > 1 ? ` × ${kind.count}` : ''}`;
/** What an error row says: the error and its count, or every kind with its own. */
export function errorText(row: ErrorRow): string {
  if (row.kinds.length <= 1) return `${row.title}${row.count > 1 ? ` × ${row.count}` : ''}`;
  return `Errors × ${row.count}: ${row.kinds.map(kindText).join(' · ')}`;
}

function RowCells({ row }: { row: TimelineRow }) {
  switch (row.kind) {
    case 'state':
      return (
        <>
          <td title={row.note}>
            <strong class={`status status-${row.known ? row.status.toLowerCase() : 'unknown'}`}>{row.status}</strong>
            {row.unexpected && (
              <span class="flag" data-testid="row-flag" title={row.note}>
                {' '}
                ⚠ {row.note ?? row.unexpected}
              </span>
            )}
          </td>
          <td>{formatClock(row.startedAt)}</td>
          <td data-testid="row-duration">
            {row.status === 'COMPLETED' ? 'final' : row.endedAt === undefined ? `${formatDuration(row.durationMs)} so far` : formatDuration(row.durationMs)}
          </td>
          <td>{plural(row.pollCount, 'poll')}</td>
        </>
      );
    case 'error': {
      const text = errorText(row);
      return (
        <>
          <td class="error" title={text}>
            {text}
          </td>
          <td>{formatClock(row.firstAt)}</td>
          <td>{row.count > 1 ? `until ${formatClock(row.lastAt)}` : ''}</td>
          <td>{plural(row.count, 'answer')}</td>
        </>
      );
    }
    case 'gap':
      return (
        <td colSpan={4} class="muted">
          {row.polls} identical polls not kept (history is bounded)
        </td>
      );
    case 'navigation':
      return (
        <td colSpan={4} class="muted">
          Page navigated at {formatClock(row.at)} to <span class="mono">{row.url}</span>
        </td>
      );
    case 'stop':
      return (
        <td colSpan={4} data-testid="stop-row">
          Stopped at {formatClock(row.at)}: {row.message}
        </td>
      );
  }
}

/** Whether two rows show the same: the kept records behind them only matter once opened. */
function sameShown(a: TimelineRow, b: TimelineRow): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'state': {
      const o = b as StateRow;
      return (
        a.status === o.status &&
        a.known === o.known &&
        a.startedAt === o.startedAt &&
        a.endedAt === o.endedAt &&
        a.durationMs === o.durationMs &&
        a.pollCount === o.pollCount &&
        a.unexpected === o.unexpected &&
        a.note === o.note &&
        a.recordSeqs.length > 0 === o.recordSeqs.length > 0
      );
    }
    case 'error': {
      const o = b as ErrorRow;
      return (
        a.count === o.count &&
        a.firstAt === o.firstAt &&
        a.lastAt === o.lastAt &&
        errorText(a) === errorText(o) &&
        a.recordSeqs.length > 0 === o.recordSeqs.length > 0
      );
    }
    default:
      return JSON.stringify(a) === JSON.stringify(b);
  }
}

type RowProps = {
  row: TimelineRow;
  rowKey: string;
  isOpen: boolean;
  onToggle(key: string): void;
  /** Set in a long list, where not every row is in the document. */
  ariaRowIndex: number | undefined;
  /** Striped by position in the whole list, not among the rows rendered. */
  alt: boolean;
  selected: boolean;
  onSelect(key: string): void;
};

/** One row; rendered again only when what it shows changed, so a poll redraws one or two rows. */
class RowView extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    const now = this.props;
    return !(
      sameShown(now.row, next.row) &&
      now.rowKey === next.rowKey &&
      now.isOpen === next.isOpen &&
      now.onToggle === next.onToggle &&
      now.ariaRowIndex === next.ariaRowIndex &&
      now.alt === next.alt &&
      now.selected === next.selected &&
      now.onSelect === next.onSelect
    );
  }

  override render({ row, rowKey, isOpen, onToggle, ariaRowIndex, alt, selected, onSelect }: RowProps) {
    const hasRecords = (row.kind === 'state' || row.kind === 'error') && row.recordSeqs.length > 0;
    return (
      <tr
        data-testid="timeline-row"
        data-kind={row.kind}
        data-status={row.kind === 'state' ? row.status : undefined}
        data-outcome={row.kind === 'error' ? [...new Set(row.kinds.map((kind) => kind.outcome))].join(' ') || row.outcome : undefined}
        data-unexpected={row.kind === 'state' ? row.unexpected : undefined}
        aria-rowindex={ariaRowIndex}
        aria-selected={selected ? 'true' : undefined}
        data-selected={selected ? 'true' : undefined}
        class={alt ? 'alt' : undefined}
        onClick={() => onSelect(rowKey)}
      >
        <RowCells row={row} />
        <td>
          {hasRecords && (
            <button type="button" aria-expanded={isOpen} onClick={() => onToggle(rowKey)}>
              {isOpen ? 'Hide' : 'Raw'}
            </button>
          )}
        </td>
      </tr>
    );
  }
}

type RawProps = { record: PollRecord; revealSessionId: boolean; onRevealUsed(): void };

/** A raw record, drawn again only when it or the reveal changed: an open row may hold hundreds. */
class KeptRecord extends Component<RawProps> {
  override shouldComponentUpdate(next: RawProps): boolean {
    return next.record !== this.props.record || next.revealSessionId !== this.props.revealSessionId || next.onRevealUsed !== this.props.onRevealUsed;
  }

  override render({ record, revealSessionId, onRevealUsed }: RawProps) {
    return <RawRecord record={record} revealSessionId={revealSessionId} onRevealUsed={onRevealUsed} />;
  }
}

/** The row `↑ ↓ Home End` select in a table of `count` rows, from `selected` (-1: none yet); undefined for other keys. */
export function rowFromKey(key: string, selected: number, count: number): number | undefined {
  if (count === 0) return undefined;
  if (key === 'ArrowDown') return selected < 0 ? 0 : Math.min(count - 1, selected + 1);
  if (key === 'ArrowUp') return selected < 0 ? 0 : Math.max(0, selected - 1);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return undefined;
}

/** Records are in `seq` order (the poller, the file schema and HAR import all make them so). */
function findRecord(records: readonly PollRecord[], seq: number): PollRecord | undefined {
  let low = 0;
  let high = records.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const record = records[middle] as PollRecord;
    if (record.seq === seq) return record;
    if (record.seq < seq) low = middle + 1;
    else high = middle - 1;
  }
  return records.find((record) => record.seq === seq);
}

function RawRows({ row, records, revealSessionId, onRevealUsed }: { row: StateRow | ErrorRow; records: readonly PollRecord[] } & Omit<RawProps, 'record'>) {
  const show = (seqs: readonly number[]) =>
    seqs.map((seq) => {
      const record = findRecord(records, seq);
      return record ? <KeptRecord key={seq} record={record} revealSessionId={revealSessionId} onRevealUsed={onRevealUsed} /> : null;
    });
  if (row.kind === 'state' || row.kinds.length <= 1) return <>{show(row.recordSeqs)}</>;
  // Several kinds of error: each with its count and times, then its first and latest answers.
  return (
    <>
      {row.kinds.map((kind) => (
        <section key={kind.recordSeqs[0] ?? kind.title} class="raw-kind" data-testid="raw-kind">
          <h4>
            {kindText(kind)}, {formatClock(kind.firstAt)}
            {kind.count > 1 ? ` to ${formatClock(kind.lastAt)}` : ''}
            {kind.recordSeqs.length < kind.count ? `; ${kind.recordSeqs.length} of ${kind.count} answers kept raw` : ''}
          </h4>
          {show(kind.recordSeqs)}
        </section>
      ))}
    </>
  );
}

/**
 * One row per transition, errors and stops between them; each row opens to its raw requests. A long
 * timeline is a scrolled list holding only the rows in view: a table with aria-rowcount, each row
 * with its aria-rowindex, so a screen reader still tells where in the list a row is.
 */
export function TimelineView({ timeline, records, revealSessionId, onRevealUsed, clock, live }: Props) {
  const [open, setOpen] = useState<string | null>(null);
  const { rows, summary } = timeline;
  const keys = useMemo(() => rowKeys(rows), [rows]);
  const onToggle = useCallback((key: string) => setOpen((current) => (current === key ? null : key)), []);
  // The row selected here or in the picture; `reveal` is set when the picture chose it, to scroll the table to it.
  const [selection, setSelection] = useState<{ key: string; reveal: boolean } | null>(null);
  const onSelect = useCallback((key: string) => setSelection({ key, reveal: false }), []);
  const Chart = useChart();
  // The parent may hand a new function on every render; rows and records keep one.
  const revealUsed = useRef(onRevealUsed);
  revealUsed.current = onRevealUsed;
  const stableRevealUsed = useCallback(() => revealUsed.current?.(), []);

  const virtual = rows.length > VIRTUAL_FROM_ROWS;
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: VIEWPORT_PX });
  const [rowPx, setRowPx] = useState(ROW_PX);
  const [rawPx, setRawPx] = useState(RAW_PX);
  const onScroll = useCallback(() => {
    const element = scroller.current;
    if (element) setView({ top: element.scrollTop, height: element.clientHeight || VIEWPORT_PX });
  }, []);
  // Heights as the browser laid them out (none in a DOM without layout: the estimates stay).
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!virtual || !element) return;
    // Rows share their borders, so one row alone may measure half a pixel short: the average of those drawn.
    const drawn = element.querySelectorAll('tbody > tr[data-testid="timeline-row"]');
    const first = drawn[0]?.getBoundingClientRect();
    const last = drawn[drawn.length - 1]?.getBoundingClientRect();
    const raw = element.querySelector('tr.raw-row')?.getBoundingClientRect().height ?? 0;
    const row = first && last && drawn.length > 1 ? (last.bottom - first.top - raw) / drawn.length : 0;
    if (row > 0 && Math.abs(row - rowPx) > 0.25) setRowPx(row);
    if (raw > 0 && Math.abs(raw - rawPx) > 0.5) setRawPx(raw);
    if (element.clientHeight > 0 && element.clientHeight !== view.height) setView({ top: element.scrollTop, height: element.clientHeight });
  });

  const selectedIndex = selection ? keys.indexOf(selection.key) : -1;
  const box = useRef<HTMLDivElement>(null);
  const openIndex = open === null ? -1 : keys.indexOf(open);
  const openRow = openIndex >= 0 ? rows[openIndex] : undefined;
  const rawOpen = openRow && (openRow.kind === 'state' || openRow.kind === 'error') ? openRow : undefined;
  const { start, end } = virtual
    ? visibleRange(rows.length, { top: view.top, height: view.height, rowPx, ...(rawOpen ? { open: { index: openIndex, px: rawPx } } : {}) })
    : { start: 0, end: rows.length };
  const rawExtra = rawOpen ? 1 : 0;
  const offset = (index: number) => index * rowPx + (rawOpen && index > openIndex ? rawPx : 0);
  const above = virtual ? offset(start) : 0;
  const below = virtual ? offset(rows.length) - offset(end) : 0;
  const ariaIndex = (index: number) => (virtual ? index + 2 + (rawOpen && index > openIndex ? 1 : 0) : undefined);

  useLayoutEffect(() => {
    if (!selection?.reveal || selectedIndex < 0) return;
    const element = scroller.current;
    if (virtual && element) {
      // The row may not be in the document: scroll to where it is, and the rows there are rendered.
      const top = offset(selectedIndex);
      if (top < element.scrollTop || top + rowPx > element.scrollTop + view.height) {
        element.scrollTop = Math.max(0, top - view.height / 2);
        setView({ top: element.scrollTop, height: view.height });
      }
    }
    box.current?.querySelector('tr[data-selected]')?.scrollIntoView?.({ block: 'nearest' });
  }, [selection]);

  // ↑ ↓ Home End select a row, as a click does; the picture follows, and the table scrolls to it.
  const onRowsKey = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.target instanceof HTMLButtonElement) return;
    const next = rowFromKey(event.key, selectedIndex, rows.length);
    if (next === undefined) return;
    event.preventDefault();
    setSelection({ key: keys[next] as string, reveal: true });
  };
  const rowsLabel = `Timeline, ${plural(rows.length, 'row')}: up and down arrows select a row`;

  const body = [];
  for (let index = start; index < end; index++) {
    const row = rows[index] as TimelineRow;
    const key = keys[index] as string;
    const isOpen = index === openIndex && rawOpen !== undefined;
    body.push(
      <RowView
        key={key}
        row={row}
        rowKey={key}
        isOpen={isOpen}
        onToggle={onToggle}
        ariaRowIndex={ariaIndex(index)}
        alt={virtual && index % 2 === 1}
        selected={index === selectedIndex}
        onSelect={onSelect}
      />,
    );
    if (isOpen) {
      body.push(
        <tr key={`${key}|raw`} class="raw-row" aria-rowindex={virtual ? index + 3 : undefined}>
          <td colSpan={5}>
            <RawRows row={rawOpen} records={records} revealSessionId={revealSessionId} onRevealUsed={stableRevealUsed} />
          </td>
        </tr>,
      );
    }
  }

  const table = (
    <table data-testid="timeline" aria-rowcount={virtual ? rows.length + 1 + rawExtra : undefined}>
      <thead>
        <tr aria-rowindex={virtual ? 1 : undefined}>
          <th scope="col">State</th>
          <th scope="col">Began</th>
          <th scope="col">Lasted</th>
          <th scope="col">Seen by</th>
          <th scope="col">
            <span class="visually-hidden">Details</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {above > 0 && <Spacer key="above" px={above} />}
        {body}
        {below > 0 && <Spacer key="below" px={below} />}
      </tbody>
    </table>
  );
  return (
    <div ref={box} class={virtual ? 'timeline virtual' : 'timeline'}>
      {Chart && (
        <Chart
          rows={rows}
          records={records}
          selectedRow={selectedIndex}
          onSelectRow={(index) => setSelection({ key: keys[index] as string, reveal: true })}
          clock={clock}
          live={live}
        />
      )}
      {virtual ? (
        <div
          ref={scroller}
          class="timeline-scroll"
          data-testid="timeline-scroll"
          role="region"
          aria-label={`${rowsLabel}; scroll for more`}
          tabIndex={0}
          style={{ maxHeight: `${VIEWPORT_PX}px`, overflowY: 'auto', overflowAnchor: 'none' }}
          onScroll={onScroll}
          onKeyDown={onRowsKey}
        >
          {table}
        </div>
      ) : (
        <div class="timeline-rows" data-testid="timeline-rows" role="region" aria-label={rowsLabel} tabIndex={0} onKeyDown={onRowsKey}>
          {table}
        </div>
      )}
      <p class="muted" data-testid="timeline-summary">
        {plural(summary.polls, 'poll')}, {plural(summary.errors, 'error')}
        {summary.finalStatus ? `; last status ${summary.finalStatus}` : ''}
        {summary.timeToCompletedMs !== undefined ? `; COMPLETED ${formatDuration(summary.timeToCompletedMs)} after the first poll` : ''}
      </p>
    </div>
  );
}

/** Stands for the rows not rendered, so the scrollbar is the list's true length. */
function Spacer({ px }: { px: number }) {
  return (
    <tr aria-hidden="true" class="timeline-spacer">
      <td colSpan={5} style={{ height: `${px}px`, padding: 0, border: 0 }} />
    </tr>
  );
}

import './timeline-chart.css';
import type { TargetedKeyboardEvent } from 'preact';
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Clock } from '../../core/clock.ts';
import type { StateRow, TimelineRow } from '../../core/timeline/build-timeline.ts';
import {
  axisEnd,
  chartExtent,
  drawnWindow,
  maxZoom,
  placeItems,
  placeTickLabels,
  pollTicks,
  scrollToShow,
  stepItem,
  timeTicks,
  xOf,
  zoomView,
  type ChartItem,
  type ZoomView,
} from '../../core/timeline/chart-layout.ts';
import type { PollRecord } from '../../core/timeline/poll-record.ts';
import { formatClock, formatDuration } from '../format.ts';
import { useNow } from '../state/use-now.ts';
import { errorText } from './TimelineView.tsx';

export interface TimelineChartProps {
  rows: readonly TimelineRow[];
  records: readonly PollRecord[];
  /** The selected row's index in `rows`, or -1. */
  selectedRow: number;
  onSelectRow(row: number): void;
  /** The panel's clock, read while `live`: the current state then grows to now. */
  clock?: Clock;
  live?: boolean;
}

/** Stands in when no clock is given: its time is never read, as nothing is live then. */
const NO_CLOCK: Clock = { now: () => 0, setTimeout: () => 0, clearTimeout: () => undefined };
/** The width assumed until the box is measured (and in a DOM without layout). */
const FALLBACK_PX = 640;
/** Labelled time ticks are at least this far apart, and more when a label is wider (demo mode's large type). */
const LABEL_GAP_PX = 90;
/** A clock label (`10:31:22`) is at most this many of its font's em wide. */
const LABEL_EMS = 4.6;
/** A band shows its status name when at least this wide (the name is clipped to the band). */
const LABEL_MIN_PX = 24;

const STATUS_CLASSES = new Set(['WAITING', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED']);
const statusClass = (row: StateRow) => `chart-${row.known && STATUS_CLASSES.has(row.status) ? row.status.toLowerCase() : 'unknown'}`;

/** The duration a state shows: its own, or how long so far while it is the current one. */
function stateDuration(row: StateRow, item: ChartItem): string {
  if (row.status === 'COMPLETED') return 'final';
  return row.endedAt === undefined ? `${formatDuration(item.to - item.from)} so far` : formatDuration(row.durationMs);
}

/** What a screen reader says for an item: "WAITING, 40 min 00 s, from 10:00:00". */
function describe(row: TimelineRow, item: ChartItem): string {
  switch (row.kind) {
    case 'state':
      return `${row.status}, ${stateDuration(row, item)}, from ${formatClock(row.startedAt)}`;
    case 'error':
      return `${errorText(row)}, from ${formatClock(row.firstAt)}${row.count > 1 ? ` to ${formatClock(row.lastAt)}` : ''}`;
    default:
      return `Page navigation at ${formatClock(item.from)}`;
  }
}

/**
 * The timeline as a picture: a band per state on a time axis, error marks, navigation markers, poll
 * ticks and, while polling, the now edge. A listbox: its items are the rows the table lists, and
 * selecting one here selects it there. The layout maths is in core/timeline/chart-layout.
 */
export function TimelineChart({ rows, records, selectedRow, onSelectRow, clock, live = false }: TimelineChartProps) {
  const isLive = live && clock !== undefined;
  // Drawn again every second while live; the time is read at each drawing, as a poll's answer can
  // arrive between two ticks and must not stick out past the now edge.
  useNow(clock ?? NO_CLOCK, 1000, isLive);
  const liveNow = isLive ? clock.now() : undefined;
  const { items, start, end: lastAt } = useMemo(() => chartExtent(rows, liveNow), [rows, liveNow]);
  const end = axisEnd(start, lastAt);
  const pollTimes = useMemo(() => records.map((record) => record.startedAt), [records]);
  const id = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const [viewportPx, setViewportPx] = useState(FALLBACK_PX);
  const [view, setView] = useState<ZoomView>({ zoom: 1, scrollPx: 0 });
  const [fontPx, setFontPx] = useState(11);
  const labelPx = fontPx * LABEL_EMS;

  const scale = { start, end, px: viewportPx * view.zoom };
  const selected = items.findIndex((item) => item.row === selectedRow);
  const selectedItem = items[selected];

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return undefined;
    const measure = () => {
      if (element.clientWidth > 0) setViewportPx(element.clientWidth);
      // Demo mode enlarges the labels: their width sets how far apart they are.
      const svg = element.querySelector('svg');
      // The element's own window: the bench draws into a DOM with no global one.
      const view = element.ownerDocument.defaultView;
      const size = svg && view ? Number.parseFloat(view.getComputedStyle(svg).fontSize) : Number.NaN;
      if (size > 0) setFontPx(size);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
    // The box is there once the first row is (a poll starts with none).
  }, [items.length > 0]);

  // A selection made in the table (or by the keyboard) is brought into view here too.
  useLayoutEffect(() => {
    if (!selectedItem) return;
    const x = xOf(scale, selectedItem.from);
    const scrollPx = scrollToShow(view.scrollPx, viewportPx, scale.px, x, Math.max(1, xOf(scale, selectedItem.to) - x));
    if (Math.abs(scrollPx - view.scrollPx) >= 1) setView({ zoom: view.zoom, scrollPx });
  }, [selectedRow, view.zoom, viewportPx]);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && Math.abs(element.scrollLeft - view.scrollPx) >= 1) element.scrollLeft = view.scrollPx;
  }, [view]);

  const onScroll = () => {
    const left = scroller.current?.scrollLeft ?? 0;
    setView((current) => (Math.abs(current.scrollPx - left) < 1 ? current : { zoom: current.zoom, scrollPx: left }));
  };

  const zoomBy = (factor: number) => {
    // Zooming keeps the selection in view, else the now edge, else what is in the middle.
    const focusAt = selectedItem ? (selectedItem.from + selectedItem.to) / 2 : liveNow;
    setView((current) => zoomView(current, factor, { start, end, viewportPx, ...(focusAt === undefined ? {} : { focusAt }) }));
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    const select = (index: number) => {
      const item = items[index];
      if (item) onSelectRow(item.row);
    };
    switch (event.key) {
      case 'ArrowLeft':
      case 'ArrowRight':
        select(stepItem(items.length, selected, event.key === 'ArrowLeft' ? -1 : 1));
        break;
      case 'Home':
        select(0);
        break;
      case 'End':
        select(items.length - 1);
        break;
      case '+':
      case '=':
        zoomBy(2);
        break;
      case '-':
      case '−':
        zoomBy(0.5);
        break;
      case '0':
        zoomBy(0);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  if (items.length === 0) return null;

  const drawn = drawnWindow(view.scrollPx, viewportPx);
  // Round times in the time zone the labels are read in (formatClock shows local time).
  const { ticks } = timeTicks(scale, drawn, Math.max(LABEL_GAP_PX, labelPx + 16), -new Date(start).getTimezoneOffset() * 60_000);
  const tickLabels = placeTickLabels(ticks, scale.px, labelPx);
  const polls = pollTicks(pollTimes, scale, drawn);
  const itemId = (index: number) => `${id}-item-${index}`;
  const lastState = rows.findLast((row): row is StateRow => row.kind === 'state');
  const lastStateItem = lastState ? items.findLast((item) => item.kind === 'state') : undefined;
  const canZoomIn = view.zoom < maxZoom(end - start);

  return (
    <div class="timeline-chart" data-testid="timeline-chart">
      <div class="chart-bar">
        {lastState && lastStateItem && (
          <p class="chart-current" data-testid="chart-current">
            {isLive ? 'Now ' : 'Last state '}
            <strong class={statusClass(lastState)}>{lastState.status}</strong>, {stateDuration(lastState, lastStateItem)}
          </p>
        )}
        <div class="chart-zoom" role="group" aria-label="Zoom the timeline picture">
          <button type="button" data-testid="chart-zoom-in" title="Zoom in (+)" disabled={!canZoomIn} onClick={() => zoomBy(2)}>
            Zoom in
          </button>
          <button type="button" data-testid="chart-zoom-out" title="Zoom out (−)" disabled={view.zoom === 1} onClick={() => zoomBy(0.5)}>
            Zoom out
          </button>
          <button type="button" data-testid="chart-fit" title="Show the whole history (0)" disabled={view.zoom === 1} onClick={() => zoomBy(0)}>
            Fit
          </button>
        </div>
      </div>
      <div
        ref={scroller}
        class="chart-scroll"
        data-testid="chart"
        data-zoom={view.zoom}
        data-scroll={Math.round(view.scrollPx)}
        role="listbox"
        aria-orientation="horizontal"
        aria-label="Timeline picture"
        aria-describedby={`${id}-keys`}
        aria-activedescendant={selected >= 0 ? itemId(selected) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onScroll={onScroll}
      >
        <svg role="none" width={scale.px} data-testid="chart-svg">
          <g aria-hidden="true">
            <line class="chart-axis" x1={0} x2={scale.px} y1="86%" y2="86%" />
            {ticks.map((tick) => (
              <line key={tick.at} class="chart-tick" data-testid="chart-time-tick" x1={tick.x} x2={tick.x} y1="84%" y2="89%" />
            ))}
            {tickLabels.map((label) => (
              <text key={label.at} class="chart-tick-label" data-testid="chart-time-label" x={label.x} y="98%" text-anchor={label.anchor === 'end' ? 'end' : undefined}>
                {formatClock(label.at)}
              </text>
            ))}
            <g data-testid="chart-poll-ticks">
              {polls.map((x) => (
                <line key={x} class="chart-poll-tick" x1={x} x2={x} y1="77%" y2="84%" />
              ))}
            </g>
          </g>
          {placeItems(items, scale, drawn, selected).map(({ index, x, width }) => {
            const item = items[index] as ChartItem;
            const row = rows[item.row] as TimelineRow;
            const isSelected = index === selected;
            const common = {
              id: itemId(index),
              role: 'option' as const,
              'aria-selected': isSelected,
              'aria-label': describe(row, item),
              'data-selected': isSelected ? 'true' : undefined,
              'data-row': item.row,
              onClick: () => onSelectRow(item.row),
            };
            if (row.kind === 'state') {
              return (
                <g key={`s${item.row}`} {...common} class={`chart-item ${statusClass(row)}`} data-testid="chart-band" data-status={row.status}>
                  <rect class="chart-band" x={x} y="28%" width={width} height="36%" />
                  {width >= LABEL_MIN_PX && (
                    <svg x={x} y="0" width={width} height="27%" aria-hidden="true">
                      <text class="chart-label" x={2} y="85%">
                        {row.status}
                      </text>
                    </svg>
                  )}
                </g>
              );
            }
            if (row.kind === 'error') {
              return (
                <g key={`e${item.row}`} {...common} class="chart-item" data-testid="chart-error">
                  <rect class="chart-error-mark" x={x} y="66%" width={width} height="10%" />
                </g>
              );
            }
            return (
              <g key={`n${item.row}`} {...common} class="chart-item" data-testid="chart-navigation">
                <line class="chart-navigation-line" x1={x} x2={x} y1="0" y2="86%" />
                <rect class="chart-navigation-flag" x={x} y="0" width={6} height="8%" />
                <rect class="chart-hit" x={x - 4} y="0" width={8} height="86%" />
              </g>
            );
          })}
          {liveNow !== undefined && (
            <g aria-hidden="true" data-testid="chart-now" data-x={xOf(scale, liveNow)}>
              <line class="chart-now" x1={xOf(scale, liveNow)} x2={xOf(scale, liveNow)} y1="0" y2="89%" />
              <text class="chart-now-label" x={xOf(scale, liveNow) - 3} y="10%" text-anchor="end">
                now
              </text>
            </g>
          )}
        </svg>
      </div>
      <p id={`${id}-keys`} class="visually-hidden">
        Left and right arrows move between states, errors and navigations; plus and minus zoom, 0 shows the whole history.
      </p>
    </div>
  );
}

import type { TimelineRow } from './build-timeline.ts';

/**
 * The geometry of the timeline picture, with no DOM: which rows become bands and marks, where they
 * sit on a time axis, which time ticks and poll ticks are drawn, and how zooming moves the view.
 * Times are epoch milliseconds; positions are pixels from the left end of the whole (zoomed) axis.
 */

/** A row the picture draws: a state band, an error mark, a navigation marker. Gaps and the stop are not drawn. */
export type ChartItem = {
  /** Its row's index in the timeline's rows, so picture and table select the same thing. */
  row: number;
  kind: 'state' | 'error' | 'navigation';
  from: number;
  /** The end of a band or an error mark; a navigation is an instant (`to === from`). */
  to: number;
};

export type ChartExtent = { items: ChartItem[]; start: number; end: number };

/** The span shown when the history is a single instant, so the scale is never a division by zero. */
export const MIN_SPAN_MS = 1000;

/**
 * The items of a timeline and the span they cover. `now` is given while the poll runs: the current
 * state (the last state row, still open) then grows to it, and the axis ends there.
 */
export function chartExtent(rows: readonly TimelineRow[], now?: number): ChartExtent {
  const items: ChartItem[] = [];
  let start = Infinity;
  let end = -Infinity;
  const see = (from: number, to: number) => {
    start = Math.min(start, from);
    end = Math.max(end, to);
  };
  rows.forEach((row, index) => {
    switch (row.kind) {
      case 'state': {
        const to = row.endedAt ?? (now === undefined ? row.lastSeenAt : Math.max(now, row.lastSeenAt));
        items.push({ row: index, kind: 'state', from: row.startedAt, to });
        see(row.startedAt, to);
        break;
      }
      case 'error':
        items.push({ row: index, kind: 'error', from: row.firstAt, to: row.lastAt });
        see(row.firstAt, row.lastAt);
        break;
      case 'navigation':
        items.push({ row: index, kind: 'navigation', from: row.at, to: row.at });
        see(row.at, row.at);
        break;
      case 'gap':
      case 'stop':
        see(row.at, row.at);
        break;
    }
  });
  if (now !== undefined && Number.isFinite(start)) end = Math.max(end, now);
  if (!Number.isFinite(start)) start = end = now ?? 0;
  if (end - start < MIN_SPAN_MS) end = start + MIN_SPAN_MS;
  return { items, start, end };
}

/** Round spans for the axis, per power of ten: at most a quarter of the axis is left past the last event. */
const ROUND_SPANS = [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/**
 * Where the axis ends: the first round span from `start` that holds `end`. A live poll's history
 * grows by a second at each answer; with the axis ending at a round time, the scale (and with it
 * the place of every band, mark and tick) changes only when the history passes the next round span,
 * so an answer redraws the current band and the now edge, not the whole picture.
 */
export function axisEnd(start: number, end: number): number {
  const span = Math.max(MIN_SPAN_MS, end - start);
  const power = 10 ** Math.floor(Math.log10(span));
  for (const round of ROUND_SPANS) if (round * power >= span) return start + round * power;
  return start + 10 * power;
}

/** A linear time axis `px` pixels wide from `start` to `end`. */
export type Scale = { start: number; end: number; px: number };

export const xOf = (scale: Scale, at: number): number => ((at - scale.start) / (scale.end - scale.start)) * scale.px;
export const timeAt = (scale: Scale, x: number): number => scale.start + (x / scale.px) * (scale.end - scale.start);

/** The part of the axis drawn: what is in view and a margin either side, in pixels of the whole axis. */
export type PixelWindow = { from: number; to: number };

/** What is in view of a box `viewportPx` wide scrolled to `scrollPx`, with one viewport of margin either side. */
export function drawnWindow(scrollPx: number, viewportPx: number): PixelWindow {
  return { from: scrollPx - viewportPx, to: scrollPx + 2 * viewportPx };
}

/** Steps between labelled time ticks: from a second to an hour, then hours for a history of days. */
export const NICE_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400].map((s) => s * 1000);

/** The smallest nice step whose ticks are at least `minGapPx` apart (the largest step when none is). */
export function niceStep(scale: Scale, minGapPx: number): number {
  const msPerPx = (scale.end - scale.start) / scale.px;
  return NICE_STEPS_MS.find((step) => step / msPerPx >= minGapPx) ?? (NICE_STEPS_MS.at(-1) as number);
}

export type TimeTick = { at: number; x: number };

/**
 * Labelled time ticks on round times within the drawn window. `offsetMs` is the displayed time
 * zone's offset from UTC, so a tick every hour falls on the hour where the labels are read.
 */
export function timeTicks(scale: Scale, window: PixelWindow, minGapPx: number, offsetMs = 0): { step: number; ticks: TimeTick[] } {
  const step = niceStep(scale, minGapPx);
  const from = Math.max(scale.start, timeAt(scale, window.from));
  const to = Math.min(scale.end, timeAt(scale, window.to));
  const ticks: TimeTick[] = [];
  for (let at = Math.ceil((from + offsetMs) / step) * step - offsetMs; at <= to; at += step) ticks.push({ at, x: xOf(scale, at) });
  return { step, ticks };
}

/** A time tick's label: written rightwards from its tick, or leftwards (`end`) near the right end. */
export type TickLabel = { at: number; x: number; anchor: 'start' | 'end' };

/**
 * Where the time labels go, `labelPx` wide each, in a picture `px` wide: rightwards from the tick,
 * leftwards when that would run past the right end; a label that would then run into the one before
 * is left out (its tick stays), as in a large font (demo mode) near the end.
 */
export function placeTickLabels(ticks: readonly TimeTick[], px: number, labelPx: number, padPx = 2): TickLabel[] {
  const labels: TickLabel[] = [];
  let lastRight = Number.NEGATIVE_INFINITY;
  for (const tick of ticks) {
    const leftwards = tick.x + padPx + labelPx > px;
    const left = leftwards ? tick.x - padPx - labelPx : tick.x + padPx;
    if (left < lastRight + padPx) continue;
    labels.push({ at: tick.at, x: leftwards ? tick.x - padPx : tick.x + padPx, anchor: leftwards ? 'end' : 'start' });
    lastRight = left + labelPx;
  }
  return labels;
}

/** Poll ticks are thinned beyond this many in the drawn window, so the picture stays small. */
export const MAX_POLL_TICKS = 300;

/**
 * The positions of the poll ticks to draw, from the polls' times in order: those in the window, at
 * least one pixel apart and spread so that no more than `maxTicks` are drawn.
 */
export function pollTicks(times: readonly number[], scale: Scale, window: PixelWindow, maxTicks = MAX_POLL_TICKS): number[] {
  const from = Math.max(0, window.from);
  const to = Math.min(scale.px, window.to);
  const gap = Math.max(1, (to - from) / maxTicks);
  const kept: number[] = [];
  let last = -Infinity;
  for (let i = firstAtOrAfter(times, timeAt(scale, from)); i < times.length && kept.length < maxTicks; i++) {
    const x = xOf(scale, times[i] as number);
    if (x > to) break;
    if (x - last < gap) continue;
    kept.push(x);
    last = x;
  }
  return kept;
}

function firstAtOrAfter(times: readonly number[], at: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((times[middle] as number) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** An item placed on the axis; marks narrower than `MIN_MARK_PX` are widened so they can be seen and clicked. */
export type PlacedItem = { index: number; x: number; width: number };

export const MIN_MARK_PX = 3;

/**
 * The items to draw (by index in `items`) and where: those that reach into the window, and of those
 * narrower than a pixel only one a pixel, so a payment that changed state ten thousand times draws a
 * few hundred shapes. The selected item is always drawn, being the one the keyboard is on.
 */
export function placeItems(items: readonly ChartItem[], scale: Scale, window: PixelWindow, selected = -1): PlacedItem[] {
  const placed: PlacedItem[] = [];
  // Per kind, so a short error is never hidden behind a short band in the same pixel.
  const lastPixel = { state: -Infinity, error: -Infinity, navigation: -Infinity };
  items.forEach((item, index) => {
    const x = xOf(scale, item.from);
    const width = xOf(scale, item.to) - x;
    const drawn = Math.max(width, item.kind === 'state' ? 0 : MIN_MARK_PX);
    const inWindow = x + drawn >= window.from && x <= window.to;
    if (index !== selected && (!inWindow || (width < 1 && Math.floor(x) === lastPixel[item.kind]))) return;
    placed.push({ index, x, width: drawn });
    if (width < 1) lastPixel[item.kind] = Math.floor(x);
  });
  return placed;
}

/** Zoom is a power of two, from 1 (the whole history in view) to this or until about two seconds fill the view. */
export const MAX_ZOOM = 4096;
/** Two seconds across the view still leave room for the finest labels (a second apart). */
export const NARROWEST_VIEW_MS = 2000;

export type ZoomView = { zoom: number; scrollPx: number };

export function maxZoom(spanMs: number): number {
  let zoom = 1;
  while (zoom < MAX_ZOOM && spanMs / (zoom * 2) >= NARROWEST_VIEW_MS) zoom *= 2;
  return zoom;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * Zoom by `factor` (2 in, 0.5 out; 0 fits the whole history) with `focusAt` kept in the middle of the
 * view: the selection, the now edge, or else whatever was in the middle before.
 */
export function zoomView(view: ZoomView, factor: number, { start, end, viewportPx, focusAt }: { start: number; end: number; viewportPx: number; focusAt?: number }): ZoomView {
  const zoom = factor === 0 ? 1 : clamp(view.zoom * factor, 1, maxZoom(end - start));
  if (zoom === 1) return { zoom: 1, scrollPx: 0 };
  const before = { start, end, px: viewportPx * view.zoom };
  const focus = focusAt ?? timeAt(before, view.scrollPx + viewportPx / 2);
  const after = { start, end, px: viewportPx * zoom };
  return { zoom, scrollPx: clamp(xOf(after, focus) - viewportPx / 2, 0, after.px - viewportPx) };
}

/** The scroll that brings [x, x + width] into view: none when it is in view, else centred on it. */
export function scrollToShow(scrollPx: number, viewportPx: number, contentPx: number, x: number, width: number): number {
  if (x >= scrollPx && x + width <= scrollPx + viewportPx) return scrollPx;
  return clamp(x + width / 2 - viewportPx / 2, 0, Math.max(0, contentPx - viewportPx));
}

/** The item a step left (-1) or right (+1) of the selected one; from none, the first or the last. */
export function stepItem(count: number, selected: number, direction: -1 | 1): number {
  if (count === 0) return -1;
  if (selected < 0) return direction > 0 ? 0 : count - 1;
  return clamp(selected + direction, 0, count - 1);
}

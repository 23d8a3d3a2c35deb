import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTimeline, type TimelineRow } from '../../../../src/core/timeline/build-timeline.ts';
import {
  axisEnd,
  chartExtent,
  drawnWindow,
  MAX_POLL_TICKS,
  MAX_ZOOM,
  maxZoom,
  MIN_MARK_PX,
  MIN_SPAN_MS,
  placeTickLabels,
  NARROWEST_VIEW_MS,
  NICE_STEPS_MS,
  niceStep,
  placeItems,
  pollTicks,
  scrollToShow,
  stepItem,
  timeTicks,
  xOf,
  zoomView,
  type Scale,
} from '../../../../src/core/timeline/chart-layout.ts';
import { makeRecords, repeat, START } from './make-records.ts';

const completedRun = () => {
  const records = makeRecords([...repeat('WAITING', 3), 'INITIALIZED', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED']);
  return buildTimeline({ records, stop: { kind: 'stopped', at: START + 6100, reason: 'completed', message: 'done' } }).rows;
};
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('chartExtent', () => {
  it('makes a band per state, from its start to the next state, and spans the whole history', () => {
    const { items, start, end } = chartExtent(completedRun());
    expect(items.map((item) => [item.kind, item.from - START, item.to - START])).toEqual([
      ['state', 0, 3000],
      ['state', 3000, 5000],
      ['state', 5000, 6000],
      ['state', 6000, 6100],
    ]);
    expect([start - START, end - START]).toEqual([0, 6100]);
  });

  it('has band widths that add up to the whole axis, at any width', () => {
    const { items, start, end } = chartExtent(completedRun());
    for (const px of [100, 640, 1234.5, 640 * 64]) {
      const scale = { start, end, px };
      const sum = items.reduce((total, item) => total + xOf(scale, item.to) - xOf(scale, item.from), 0);
      expect(sum).toBeCloseTo(px, 6);
    }
  });

  it('grows the current state to now while the poll runs, and ends the axis there', () => {
    const rows = buildTimeline({ records: makeRecords(['WAITING', 'WAITING', 'INITIALIZED']) }).rows;
    const still = chartExtent(rows);
    expect(still.items.at(-1)?.to).toBe(START + 2100);
    expect(still.end).toBe(START + 2100);

    const now = START + 40 * MINUTE;
    const live = chartExtent(rows, now);
    expect(live.items.at(-1)).toMatchObject({ from: START + 2000, to: now });
    expect(live.end).toBe(now);
    // The now edge is the right end of the axis, and closed states keep their ends.
    expect(xOf({ start: live.start, end: live.end, px: 800 }, now)).toBe(800);
    expect(live.items[0]?.to).toBe(START + 2000);
  });

  it('marks errors from their first to their last, and navigations at their instant; gaps and stops draw nothing', () => {
    const records = makeRecords(['WAITING', '503', '503', '503', 'INITIALIZED']);
    const rows = buildTimeline({ records, navigations: [{ kind: 'navigation', at: START + 4500, url: 'https://shop.example/return' }] }).rows;
    const { items } = chartExtent(rows);
    const byKind = (kind: string) => items.filter((item) => item.kind === kind).map((item) => [item.from - START, item.to - START]);
    expect(byKind('error')).toEqual([[1000, 3100]]);
    expect(byKind('navigation')).toEqual([[4500, 4500]]);
    // Each item points at its own row.
    for (const item of items) expect((rows[item.row] as TimelineRow).kind).toBe(item.kind);
  });

  it('never has an empty span', () => {
    const rows = buildTimeline({ records: makeRecords(['WAITING']).map((r) => ({ ...r, endedAt: r.startedAt })) }).rows;
    const { start, end } = chartExtent(rows);
    expect(end - start).toBe(MIN_SPAN_MS);
    expect(chartExtent([])).toMatchObject({ items: [], start: 0, end: MIN_SPAN_MS });
  });
});

describe('time ticks', () => {
  it.each([
    [MINUTE, 600, 10 * SECOND],
    [10 * SECOND, 600, 2 * SECOND],
    [3 * SECOND, 600, SECOND],
    [2 * HOUR, 600, 30 * MINUTE],
    [4 * HOUR, 600, HOUR],
    [8 * HOUR, 600, 2 * HOUR],
    [24 * HOUR, 600, 6 * HOUR],
  ])('a span of %i ms across %i px is labelled every %i ms', (span, px, step) => {
    expect(niceStep({ start: START, end: START + span, px }, 90)).toBe(step);
  });

  it('at every zoom, picks the finest nice step whose labels do not crowd, on round times in the window', () => {
    const span = 2 * HOUR;
    const viewport = 640;
    for (let zoom = 1; zoom <= maxZoom(span); zoom *= 2) {
      const scale: Scale = { start: START + 123, end: START + 123 + span, px: viewport * zoom };
      const window = drawnWindow(viewport * zoom * 0.5, viewport);
      const { step, ticks } = timeTicks(scale, window, 90);
      const msPerPx = span / scale.px;
      expect(step / msPerPx).toBeGreaterThanOrEqual(90);
      const finer = NICE_STEPS_MS[NICE_STEPS_MS.indexOf(step) - 1];
      if (finer !== undefined) expect(finer / msPerPx).toBeLessThan(90);
      expect(ticks.length).toBeGreaterThan(0);
      expect(ticks.length).toBeLessThanOrEqual(Math.ceil((window.to - window.from) / 90) + 1);
      for (const tick of ticks) {
        expect(tick.at % step).toBe(0);
        expect(tick.x).toBeGreaterThanOrEqual(window.from);
        expect(tick.x).toBeLessThanOrEqual(window.to);
        expect(tick.x).toBeCloseTo(xOf(scale, tick.at), 6);
      }
    }
  });

  it('puts the ticks on round times of the time zone the labels are read in', () => {
    const scale = { start: START, end: START + 6 * HOUR, px: 300 };
    // START is 09:00 UTC, 09:30 where the clock is half an hour ahead: the even hours there are 09:30, 11:30… UTC.
    const halfHourAhead = 30 * MINUTE;
    const { step, ticks } = timeTicks(scale, { from: 0, to: 300 }, 90, halfHourAhead);
    expect(step).toBe(2 * HOUR);
    expect(ticks.map((tick) => (tick.at - START) / MINUTE)).toEqual([30, 150, 270]);
    expect(timeTicks(scale, { from: 0, to: 300 }, 90).ticks.map((tick) => (tick.at - START) / MINUTE)).toEqual([60, 180, 300]);
  });
});

describe('poll ticks', () => {
  const scale = { start: START, end: START + 100_000 * SECOND, px: 800 };

  it('draws every poll when there are few', () => {
    const times = Array.from({ length: 10 }, (_, i) => START + i * 10_000 * SECOND);
    expect(pollTicks(times, scale, { from: 0, to: 800 })).toEqual(times.map((at) => xOf(scale, at)));
  });

  it('thins a long history to a bounded number of ticks, spread and in the window', () => {
    const times = Array.from({ length: 100_000 }, (_, i) => START + i * SECOND);
    const all = pollTicks(times, scale, { from: -800, to: 1600 });
    expect(all.length).toBeLessThanOrEqual(MAX_POLL_TICKS);
    expect(all.length).toBeGreaterThan(MAX_POLL_TICKS * 0.9);
    expect(all[0]).toBe(0);
    expect(all.at(-1)).toBeGreaterThan(790);
    const zoomed = { ...scale, px: 800 * 64 };
    const part = pollTicks(times, zoomed, { from: 20_000, to: 21_600 });
    expect(part.length).toBeLessThanOrEqual(MAX_POLL_TICKS);
    expect(Math.min(...part)).toBeGreaterThanOrEqual(20_000);
    expect(Math.max(...part)).toBeLessThanOrEqual(21_600);
    for (let i = 1; i < part.length; i++) expect((part[i] as number) - (part[i - 1] as number)).toBeGreaterThanOrEqual(1600 / MAX_POLL_TICKS);
  });
});

describe('placeItems', () => {
  const flapping = (n: number) => buildTimeline({ records: makeRecords(Array.from({ length: n }, (_, i) => (i % 2 ? 'INITIALIZED' : 'WAITING'))) }).rows;

  it('draws one sub-pixel band a pixel, and always the selected one', () => {
    const { items, start, end } = chartExtent(flapping(10_000));
    const scale = { start, end, px: 640 };
    const placed = placeItems(items, scale, drawnWindow(0, 640));
    expect(placed.length).toBeLessThanOrEqual(641);
    expect(placed.length).toBeGreaterThan(600);
    expect(placeItems(items, scale, drawnWindow(0, 640), 4321).some((p) => p.index === 4321)).toBe(true);
  });

  it('draws only what reaches into the window, and widens thin marks', () => {
    const records = makeRecords([...repeat('WAITING', 50), '503', ...repeat('WAITING', 49), 'INITIALIZED']);
    const { items, start, end } = chartExtent(buildTimeline({ records }).rows);
    const error = items.findIndex((item) => item.kind === 'error');
    // A tenth of a second in 100 s across 640 px is well under a pixel: drawn 3 px wide.
    const whole = placeItems(items, { start, end, px: 640 }, drawnWindow(0, 640));
    expect(whole.find((p) => p.index === error)?.width).toBe(MIN_MARK_PX);
    const zoomed = { start, end, px: 640 * 32 };
    const far = placeItems(items, zoomed, drawnWindow(zoomed.px - 640, 640));
    expect(far.map((p) => p.index)).not.toContain(error);
    expect(far.map((p) => items[p.index]?.kind)).toEqual(['state', 'state']);
    const near = placeItems(items, zoomed, drawnWindow(xOf(zoomed, (items[error] as { from: number }).from) - 320, 640));
    expect(near.map((p) => p.index)).toContain(error);
  });
});

describe('zoom', () => {
  const span = { start: START, end: START + 2 * HOUR, viewportPx: 640 };

  it('zooms in by two up to about two seconds in view, out to the whole, and fits at once', () => {
    let view = { zoom: 1, scrollPx: 0 };
    const zooms = [];
    for (let i = 0; i < 13; i++) zooms.push((view = zoomView(view, 2, span)).zoom);
    expect(zooms).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 2048, 2048]);
    expect(maxZoom(2 * HOUR)).toBe(2048);
    expect((2 * HOUR) / 2048).toBeGreaterThanOrEqual(NARROWEST_VIEW_MS);
    expect((2 * HOUR) / 4096).toBeLessThan(NARROWEST_VIEW_MS);
    expect(maxZoom(1000)).toBe(1);
    expect(maxZoom(365 * 24 * HOUR)).toBe(MAX_ZOOM);
    expect(zoomView(view, 0.5, span).zoom).toBe(1024);
    expect(zoomView(view, 0, span)).toEqual({ zoom: 1, scrollPx: 0 });
    expect(zoomView({ zoom: 1, scrollPx: 0 }, 0.5, span)).toEqual({ zoom: 1, scrollPx: 0 });
  });

  it('keeps the focus (the selection, or the now edge) in the middle of the view, within the axis', () => {
    const focusAt = START + 30 * MINUTE;
    const view = zoomView({ zoom: 1, scrollPx: 0 }, 2, { ...span, focusAt });
    const x = xOf({ start: span.start, end: span.end, px: 640 * view.zoom }, focusAt);
    expect(x - view.scrollPx).toBeCloseTo(320, 6);
    // The now edge is the end of the axis: the view is scrolled to the end, not past it.
    const atNow = zoomView({ zoom: 1, scrollPx: 0 }, 8, { ...span, focusAt: span.end });
    expect(atNow).toEqual({ zoom: 8, scrollPx: 640 * 8 - 640 });
  });

  it('without a focus, keeps what was in the middle there', () => {
    const before = { zoom: 4, scrollPx: 1000 };
    const middle = START + ((1000 + 320) / (640 * 4)) * 2 * HOUR;
    const after = zoomView(before, 2, span);
    expect(xOf({ start: span.start, end: span.end, px: 640 * 8 }, middle) - after.scrollPx).toBeCloseTo(320, 6);
  });

  it('keeps a selected item in view through any zooming (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20_000, max: 48 * HOUR }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.constantFrom(2, 0.5, 0), { maxLength: 20 }),
        (spanMs, where, steps) => {
          const context = { start: 0, end: spanMs, viewportPx: 500 };
          const focusAt = where * spanMs;
          let view = { zoom: 1, scrollPx: 0 };
          for (const factor of steps) {
            view = zoomView(view, factor, { ...context, focusAt });
            const px = 500 * view.zoom;
            const x = xOf({ start: 0, end: spanMs, px }, focusAt);
            expect(x).toBeGreaterThanOrEqual(view.scrollPx - 1e-6);
            expect(x).toBeLessThanOrEqual(view.scrollPx + 500 + 1e-6);
            expect(view.scrollPx).toBeGreaterThanOrEqual(0);
            expect(view.scrollPx).toBeLessThanOrEqual(px - 500 + 1e-6);
          }
        },
      ),
    );
  });

  it('scrolls an item into view only when it is out of view', () => {
    expect(scrollToShow(100, 500, 4000, 200, 50)).toBe(100);
    expect(scrollToShow(100, 500, 4000, 1000, 100)).toBe(800);
    expect(scrollToShow(3000, 500, 4000, 10, 10)).toBe(0);
    expect(scrollToShow(0, 500, 4000, 3990, 10)).toBe(3500);
  });
});

describe('stepItem', () => {
  it('moves one item left or right, stops at the ends, and starts from an end', () => {
    expect(stepItem(5, 2, 1)).toBe(3);
    expect(stepItem(5, 2, -1)).toBe(1);
    expect(stepItem(5, 4, 1)).toBe(4);
    expect(stepItem(5, 0, -1)).toBe(0);
    expect(stepItem(5, -1, 1)).toBe(0);
    expect(stepItem(5, -1, -1)).toBe(4);
    expect(stepItem(0, -1, 1)).toBe(-1);
  });
});

describe('axisEnd', () => {
  it('ends the axis at the first round span that holds the history, leaving at most a quarter empty', () => {
    const start = Date.UTC(2025, 5, 1, 9, 0, 0);
    for (const span of [1, 999, 1000, 1001, 7_300, 59_000, 61_000, 3_600_000, 7_200_000, 999_999_999]) {
      const end = axisEnd(start, start + span);
      const used = Math.max(span, MIN_SPAN_MS);
      expect(end - start).toBeGreaterThanOrEqual(used);
      expect((end - start - used) / (end - start)).toBeLessThanOrEqual(0.25);
    }
    expect(axisEnd(start, start + 7_300) - start).toBe(8_000);
    expect(axisEnd(start, start + 61_000) - start).toBe(80_000);
  });

  it('stays put while a live history grows within a round span: a second more moves nothing', () => {
    const start = Date.UTC(2025, 5, 1, 9, 0, 0);
    const ends = Array.from({ length: 600 }, (_, i) => axisEnd(start, start + 3_100_000 + i * 1000));
    // From 51 min 40 s, ten minutes: all within one round span (4,000 s), one axis.
    expect(new Set(ends).size).toBe(1);
  });
});

describe('placeTickLabels', () => {
  const ticks = (...xs: number[]) => xs.map((x) => ({ at: x * 1000, x }));

  it('writes each label rightwards from its tick, and leftwards where it would run past the right end', () => {
    expect(placeTickLabels(ticks(0, 100, 200), 300, 50)).toEqual([
      { at: 0, x: 2, anchor: 'start' },
      { at: 100_000, x: 102, anchor: 'start' },
      { at: 200_000, x: 202, anchor: 'start' },
    ]);
    expect(placeTickLabels(ticks(0, 100, 280), 300, 50).at(-1)).toEqual({ at: 280_000, x: 278, anchor: 'end' });
  });

  it('leaves out a label that would run into the one before (large type near the right end); its tick stays', () => {
    // 90 px labels 105 px apart: the last, turned leftwards, would cover the one before it.
    const placed = placeTickLabels(ticks(0, 105, 210, 315, 420, 525), 560, 90);
    expect(placed.map((l) => l.at / 1000)).toEqual([0, 105, 210, 315, 420]);
    // Whatever is kept, no two labels overlap and none runs past either end.
    const spans = placed.map((l) => (l.anchor === 'end' ? [l.x - 90, l.x] : [l.x, l.x + 90]) as [number, number]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
    for (const [left, right] of spans) {
      expect(left).toBeGreaterThanOrEqual(0);
      expect(right).toBeLessThanOrEqual(560);
    }
  });
});

// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildTimeline } from '../../../src/core/timeline/build-timeline.ts';
import type { PollRecord } from '../../../src/core/timeline/poll-record.ts';
import { TimelineView } from '../../../src/panel/components/TimelineView.tsx';
import { formatClock } from '../../../src/panel/format.ts';
import { makeRecords, repeat, START } from '../core/timeline/make-records.ts';
import { ManualClock } from './fake-services.ts';

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

type Options = { clock?: ManualClock; live?: boolean; stopAt?: number; navigated?: boolean };
function view(records: readonly PollRecord[], { clock, live, stopAt, navigated = true }: Options = {}) {
  const stop = stopAt === undefined ? undefined : { kind: 'stopped' as const, at: stopAt, reason: 'completed' as const, message: 'done' };
  // The page navigated 4.5 s after the first poll.
  const navigations = navigated ? [{ kind: 'navigation' as const, at: (records[0]?.startedAt ?? START) + 4500, url: 'https://shop.example/return' }] : [];
  return (
    <TimelineView timeline={buildTimeline({ records, navigations, stop })} records={records} revealSessionId={false} clock={clock} live={live} />
  );
}
/** The picture is loaded after the table: waits for it. */
async function mount(records: readonly PollRecord[], options: Options = {}) {
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(view(records, options), root));
  await vi.waitFor(() => {
    if (!root.querySelector('[data-testid="timeline-chart"]')) throw new Error('no picture yet');
  });
  await act(async () => undefined);
}

const all = (selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];
const bands = () => all('[data-testid="chart-band"]');
const chart = () => root.querySelector<HTMLElement>('[data-testid="chart"]')!;
const svgWidth = () => Number(root.querySelector('[data-testid="chart-svg"]')!.getAttribute('width'));
const selectedRows = () => all('[data-testid="timeline-row"][data-selected="true"]');
const selectedItems = () => all('[role="option"][aria-selected="true"]');
const press = (key: string) => act(() => void chart().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })));
const click = (element: Element) => act(() => void element.dispatchEvent(new MouseEvent('click', { bubbles: true })));

/** WAITING ×3, errors ×2, INITIALIZED ×2 (with a navigation), AUTHORIZED, COMPLETED. */
const completedRun = () => makeRecords([...repeat('WAITING', 3), '503', '503', 'INITIALIZED', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED']);

describe('the timeline picture', () => {
  it('draws a band per state, as wide as the state lasted, with an error mark, a navigation and poll ticks', async () => {
    await mount(completedRun(), { stopAt: START + 8100 });
    expect(bands().map((band) => band.getAttribute('data-status'))).toEqual(['WAITING', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED']);
    const widths = bands().map((band) => Number(band.querySelector('rect')!.getAttribute('width')));
    // 8.1 s on an axis that ends at the round 10 s, 640 px: WAITING 5 s (its errors inside it), INITIALIZED 2 s,
    // AUTHORIZED 1 s, COMPLETED 0.1 s.
    expect(widths.map((w) => Math.round((w / 640) * 10_000))).toEqual([5000, 2000, 1000, 100]);
    // The bands fill the history, 8.1 s of the 10 s axis, without gaps or overlaps.
    expect(widths.reduce((sum, w) => sum + w, 0)).toBeCloseTo(svgWidth() * 0.81, 6);
    expect(all('[data-testid="chart-error"]')).toHaveLength(1);
    expect(all('[data-testid="chart-navigation"]')).toHaveLength(1);
    expect(root.querySelectorAll('[data-testid="chart-poll-ticks"] line')).toHaveLength(9);
    expect(all('[data-testid="chart-time-tick"]').length).toBeGreaterThan(2);
    // Every label is written away from the right end, where it would be cut off, and next to a tick.
    const tickXs = all('[data-testid="chart-time-tick"]').map((tick) => Number(tick.getAttribute('x1')));
    const labels = all('[data-testid="chart-time-label"]');
    expect(labels.length).toBeGreaterThan(2);
    for (const label of labels) {
      const x = Number(label.getAttribute('x'));
      if (label.getAttribute('text-anchor') === 'end') expect(tickXs).toContain(x + 2);
      else {
        expect(tickXs).toContain(x - 2);
        expect(x + 50).toBeLessThanOrEqual(svgWidth());
      }
    }
    expect(root.querySelector('[data-testid="chart-now"]')).toBeNull();
    // What a screen reader reads: status, how long, from when.
    expect(bands()[0]!.getAttribute('aria-label')).toBe(`WAITING, 5 s, from ${formatClock(START)}`);
    expect(bands()[3]!.getAttribute('aria-label')).toBe(`COMPLETED, final, from ${formatClock(START + 8000)}`);
    expect(all('[data-testid="chart-error"]')[0]!.getAttribute('aria-label')).toContain('503');
    expect(root.querySelector('[data-testid="chart-current"]')!.textContent).toBe('Last state COMPLETED, final');
    expect(chart().getAttribute('role')).toBe('listbox');
    expect(chart().tabIndex).toBe(0);
  });

  it('selects the table row of a band clicked, and the band of a row clicked', async () => {
    await mount(completedRun(), { stopAt: START + 8100 });
    expect(selectedRows()).toEqual([]);
    await click(bands()[2]!);
    expect(selectedRows().map((row) => row.getAttribute('data-status'))).toEqual(['AUTHORIZED']);
    expect(selectedRows()[0]!.getAttribute('aria-selected')).toBe('true');
    expect(selectedItems()).toEqual([bands()[2]]);
    expect(chart().getAttribute('aria-activedescendant')).toBe(bands()[2]!.id);

    const errorRow = all('[data-testid="timeline-row"]').find((row) => row.getAttribute('data-kind') === 'error')!;
    await click(errorRow.querySelector('td')!);
    expect(selectedRows()).toEqual([errorRow]);
    expect(selectedItems().map((item) => item.getAttribute('data-testid'))).toEqual(['chart-error']);
    expect(bands().every((band) => band.getAttribute('aria-selected') === 'false')).toBe(true);
  });

  it('moves the selection with the arrow keys, in time order, across bands and marks', async () => {
    await mount(completedRun(), { stopAt: START + 8100 });
    await press('ArrowRight');
    const kinds = () => selectedRows().map((row) => row.getAttribute('data-status') ?? row.getAttribute('data-kind'));
    expect(kinds()).toEqual(['WAITING']);
    await press('ArrowRight');
    expect(kinds()).toEqual(['error']);
    await press('ArrowRight');
    expect(kinds()).toEqual(['navigation']);
    await press('ArrowRight');
    expect(kinds()).toEqual(['INITIALIZED']);
    await press('ArrowLeft');
    expect(kinds()).toEqual(['navigation']);
    expect(selectedItems()).toHaveLength(1);
    expect(chart().getAttribute('aria-activedescendant')).toBe(selectedItems()[0]!.id);
    await press('End');
    expect(kinds()).toEqual(['COMPLETED']);
    await press('ArrowRight');
    expect(kinds()).toEqual(['COMPLETED']);
    await press('Home');
    expect(kinds()).toEqual(['WAITING']);
  });

  it('zooms in and out with the buttons and keys, keeps the selection in view, and fits the whole history', async () => {
    // Two hours of WAITING, a minute each of the rest.
    const records = makeRecords([...repeat('WAITING', 120), 'INITIALIZED', 'AUTHORIZED', 'COMPLETED'], { everyMs: 60_000 });
    await mount(records);
    const zoomIn = root.querySelector<HTMLButtonElement>('[data-testid="chart-zoom-in"]')!;
    const fit = root.querySelector<HTMLButtonElement>('[data-testid="chart-fit"]')!;
    expect(fit.disabled).toBe(true);
    expect(svgWidth()).toBe(640);

    await click(bands()[2]!);
    await click(zoomIn);
    expect(chart().getAttribute('data-zoom')).toBe('2');
    expect(svgWidth()).toBe(1280);
    await press('+');
    await press('=');
    expect(chart().getAttribute('data-zoom')).toBe('8');
    // The selected band (AUTHORIZED, near the end) is in the middle of the view.
    const scroll = () => Number(chart().getAttribute('data-scroll'));
    const rect = bands()[2]!.querySelector('rect')!;
    const middle = Number(rect.getAttribute('x')) + Number(rect.getAttribute('width')) / 2;
    expect(middle).toBeGreaterThanOrEqual(scroll());
    expect(middle).toBeLessThanOrEqual(scroll() + 640);
    expect(scroll()).toBeGreaterThan(640 * 6);
    await press('-');
    expect(chart().getAttribute('data-zoom')).toBe('4');
    await press('0');
    expect(chart().getAttribute('data-zoom')).toBe('1');
    expect(scroll()).toBe(0);
    await click(zoomIn);
    await click(root.querySelector('[data-testid="chart-zoom-out"]')!);
    expect(chart().getAttribute('data-zoom')).toBe('1');
    await press('+');
    await click(fit);
    expect(svgWidth()).toBe(640);
  });

  it('scrolls a long table to the row chosen in the picture', async () => {
    const flapping = makeRecords(Array.from({ length: 300 }, (_, i) => (i % 2 ? 'INITIALIZED' : 'WAITING')));
    await mount(flapping);
    const table = root.querySelector<HTMLElement>('[data-testid="timeline-scroll"]')!;
    expect(table.scrollTop).toBe(0);
    await press('End');
    expect(table.scrollTop).toBeGreaterThan(0);
    const selected = selectedRows();
    expect(selected).toHaveLength(1);
    // The last of 301 rows (300 states and the navigation), after the header row.
    expect(selected[0]!.getAttribute('aria-rowindex')).toBe('302');
    expect(selected[0]!.getAttribute('data-status')).toBe('INITIALIZED');
  });

  it('selects table rows from the keyboard (up, down, Home, End), and the picture follows', async () => {
    await mount(completedRun());
    const rowsBox = root.querySelector<HTMLElement>('[data-testid="timeline-rows"]')!;
    expect(rowsBox.tabIndex).toBe(0);
    const key = (k: string) => act(() => void rowsBox.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true })));
    const statusOfSelected = () => selectedRows().map((r) => r.getAttribute('data-status') ?? r.getAttribute('data-kind'));
    key('ArrowDown');
    expect(statusOfSelected()).toEqual(['WAITING']);
    key('ArrowDown');
    expect(statusOfSelected()).toEqual(['error']);
    key('ArrowDown');
    expect(statusOfSelected()).toEqual(['navigation']);
    key('ArrowDown');
    expect(statusOfSelected()).toEqual(['INITIALIZED']);
    // The picture selects the same state.
    expect(selectedItems().map((item) => item.getAttribute('aria-label')?.split(',')[0])).toEqual(['INITIALIZED']);
    key('ArrowUp');
    expect(statusOfSelected()).toEqual(['navigation']);
    key('End');
    expect(selectedRows()).toHaveLength(1);
    expect(selectedRows()[0]).toBe(all('[data-testid="timeline-row"]').at(-1));
    key('ArrowDown');
    expect(selectedRows()[0]).toBe(all('[data-testid="timeline-row"]').at(-1));
    key('Home');
    expect(statusOfSelected()).toEqual(['WAITING']);
    key('x');
    expect(statusOfSelected()).toEqual(['WAITING']);
  });

  it('selects rows of a long table from the keyboard, scrolling to them', async () => {
    await mount(makeRecords(Array.from({ length: 300 }, (_, i) => (i % 2 ? 'INITIALIZED' : 'WAITING'))));
    const table = root.querySelector<HTMLElement>('[data-testid="timeline-scroll"]')!;
    const key = (k: string) => act(() => void table.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true })));
    key('End');
    expect(table.scrollTop).toBeGreaterThan(0);
    expect(selectedRows()[0]!.getAttribute('aria-rowindex')).toBe('302');
    key('Home');
    expect(table.scrollTop).toBe(0);
    expect(selectedRows()[0]!.getAttribute('aria-rowindex')).toBe('2');
  });

  it('fits the box it is drawn in, measured once the first row is there (a poll starts with none)', async () => {
    const width = vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(500);
    try {
      root = document.createElement('div');
      document.body.append(root);
      act(() => render(view([], { navigated: false }), root));
      // The picture is loaded, and draws nothing yet.
      await act(async () => {
        await import('../../../src/panel/components/TimelineChart.tsx');
        await new Promise((resolve) => setTimeout(resolve, 0));
      });
      expect(root.querySelector('[data-testid="timeline-chart"]')).toBeNull();
      act(() => render(view(completedRun(), { stopAt: START + 8100 }), root));
      expect(svgWidth()).toBe(500);
    } finally {
      width.mockRestore();
    }
  });

  it('grows the current state to now on the injected clock while the poll runs', async () => {
    const clock = new ManualClock();
    const records = makeRecords(['WAITING', 'WAITING', 'INITIALIZED'], { start: clock.time - 3000 });
    await mount(records, { clock, live: true, navigated: false });
    const now = () => root.querySelector<HTMLElement>('[data-testid="chart-now"]');
    const lastRight = () => {
      const rect = bands().at(-1)!.querySelector('rect')!;
      return Number(rect.getAttribute('x')) + Number(rect.getAttribute('width'));
    };
    // The axis ends at a round time past now, leaving at most a quarter of it empty; the current band ends at now.
    const nowAtTheEnd = () => {
      const x = Number(now()!.getAttribute('data-x'));
      expect(x).toBeLessThanOrEqual(svgWidth());
      expect(x).toBeGreaterThanOrEqual(svgWidth() * 0.75);
      expect(lastRight()).toBeCloseTo(x, 3);
    };
    nowAtTheEnd();
    const lastWidth = () => Number(bands().at(-1)!.querySelector('rect')!.getAttribute('width'));
    const before = lastWidth();
    expect(bands().at(-1)!.getAttribute('aria-label')).toContain('1 s so far');
    expect(root.querySelector('[data-testid="chart-current"]')!.textContent).toBe('Now INITIALIZED, 1 s so far');
    await act(() => clock.advance(30_000));
    expect(lastWidth()).toBeGreaterThan(before);
    expect(bands().at(-1)!.getAttribute('aria-label')).toContain('31 s so far');
    nowAtTheEnd();
    // An answer that arrives between two ticks of the second is still left of the now edge.
    await act(() => clock.advance(400));
    const more = makeRecords(['WAITING', 'WAITING', 'INITIALIZED', ...repeat('INITIALIZED', 31)], { start: records[0]!.startedAt });
    expect(more.at(-1)!.endedAt).toBeLessThanOrEqual(clock.time);
    expect(more.at(-1)!.endedAt).toBeGreaterThan(clock.time - 400);
    act(() => render(view(more, { clock, live: true, navigated: false }), root));
    nowAtTheEnd();

    act(() => render(view(records, { clock, live: false, navigated: false }), root));
    expect(now()).toBeNull();
    expect(bands().at(-1)!.getAttribute('aria-label')).toContain('100 ms so far');
  });
});

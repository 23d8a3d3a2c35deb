// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../src/core/timeline/build-timeline.ts';
import { foldPolls } from '../../../src/core/timeline/fold-polls.ts';
import type { PollRecord } from '../../../src/core/timeline/poll-record.ts';
import { OVERSCAN_ROWS, TimelineView, VIEWPORT_PX, VIRTUAL_FROM_ROWS, visibleRange } from '../../../src/panel/components/TimelineView.tsx';
import { makeRecords } from '../core/timeline/make-records.ts';

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

function show(records: readonly PollRecord[]) {
  act(() => render(<TimelineView timeline={buildTimeline({ records })} records={records} revealSessionId={false} />, root));
}
function mount(records: readonly PollRecord[]) {
  root = document.createElement('div');
  document.body.append(root);
  show(records);
}
const rowsShown = () => [...root.querySelectorAll<HTMLElement>('[data-testid="timeline-row"]')];
const scroller = () => root.querySelector<HTMLElement>('[data-testid="timeline-scroll"]')!;
/** A payment whose state changes on every poll: one row a record. */
const flapping = (n: number) => makeRecords(Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 'WAITING' : 'INITIALIZED')));
/** The default row height, as no layout happens here: 25 px. */
const ROW_PX = 25;

describe('the timeline view', () => {
  it('renders a short timeline whole, without list semantics it does not need', () => {
    mount(flapping(VIRTUAL_FROM_ROWS));
    expect(rowsShown()).toHaveLength(VIRTUAL_FROM_ROWS);
    expect(root.querySelector('[data-testid="timeline"]')!.hasAttribute('aria-rowcount')).toBe(false);
    expect(root.querySelector('[data-testid="timeline-scroll"]')).toBeNull();
  });

  it('renders only the rows in view of a 10,000-row timeline, and tells a screen reader where they are', () => {
    const records = flapping(10_000);
    mount(records);
    const shown = rowsShown();
    expect(shown.length).toBeLessThanOrEqual(100);
    expect(shown.length).toBe(Math.floor(VIEWPORT_PX / ROW_PX) + 1 + OVERSCAN_ROWS);
    const table = root.querySelector('[data-testid="timeline"]')!;
    expect(table.getAttribute('aria-rowcount')).toBe('10001');
    expect(shown.map((row) => row.getAttribute('aria-rowindex')).slice(0, 3)).toEqual(['2', '3', '4']);
    expect(scroller().getAttribute('role')).toBe('region');
    expect(scroller().tabIndex).toBe(0);
    // The space below stands for every row not rendered.
    const spacer = root.querySelector<HTMLElement>('.timeline-spacer td')!;
    expect(spacer.style.height).toBe(`${(10_000 - shown.length) * ROW_PX}px`);
  });

  it('shows the right rows when scrolled', () => {
    const records = flapping(10_000);
    mount(records);
    act(() => {
      scroller().scrollTop = 5000 * ROW_PX;
      scroller().dispatchEvent(new Event('scroll'));
    });
    const shown = rowsShown();
    expect(shown.length).toBeLessThanOrEqual(100);
    const indices = shown.map((row) => Number(row.getAttribute('aria-rowindex')) - 2);
    expect(indices[0]).toBe(5000 - OVERSCAN_ROWS);
    expect(indices).toContain(5000);
    expect(indices).toEqual(Array.from({ length: indices.length }, (_, i) => indices[0]! + i));
    // Row 5000 is the 5001st poll: WAITING on even polls.
    const row5000 = shown[indices.indexOf(5000)]!;
    expect(row5000.getAttribute('data-status')).toBe('WAITING');
    expect(row5000.textContent).toContain('1 poll');
    const next = shown[indices.indexOf(5001)]!;
    expect(next.getAttribute('data-status')).toBe('INITIALIZED');
    // Spacers above and below, and the rows between, make the whole list's height.
    const [above, below] = [...root.querySelectorAll<HTMLElement>('.timeline-spacer td')].map((td) => Number.parseFloat(td.style.height));
    expect(above).toBe((5000 - OVERSCAN_ROWS) * ROW_PX);
    expect(above! + shown.length * ROW_PX + below!).toBe(10_000 * ROW_PX);
    // Scrolled to the end, the last row is there and nothing below it.
    act(() => {
      scroller().scrollTop = 10_000 * ROW_PX - VIEWPORT_PX;
      scroller().dispatchEvent(new Event('scroll'));
    });
    expect(rowsShown().at(-1)!.getAttribute('aria-rowindex')).toBe('10001');
    expect(root.querySelectorAll('.timeline-spacer')).toHaveLength(1);
  });

  it('opens a row of a long list to its raw records, counted among the rows', () => {
    mount(flapping(1000));
    const [first] = rowsShown();
    act(() => first!.querySelector('button')!.click());
    expect(root.querySelectorAll('[data-testid="raw-record"]')).toHaveLength(1);
    expect(root.querySelector('[data-testid="timeline"]')!.getAttribute('aria-rowcount')).toBe('1002');
    expect(rowsShown()[1]!.getAttribute('aria-rowindex')).toBe('4');
    act(() => rowsShown()[0]!.querySelector('button')!.click());
    expect(root.querySelectorAll('[data-testid="raw-record"]')).toHaveLength(0);
  });

  it('keeps the rendered rows of unchanged rows on the next poll', () => {
    const records = makeRecords(['WAITING', 'INITIALIZED', '503', 'INITIALIZED', 'AUTHORIZED', 'AUTHORIZED']);
    mount(records.slice(0, -1));
    const before = rowsShown();
    const cells = before.map((row) => row.firstElementChild);
    show(records);
    const after = rowsShown();
    expect(after).toHaveLength(4);
    // Keyed rows: the same elements, and the unchanged rows not even redrawn.
    after.forEach((row, i) => expect(row).toBe(before[i]));
    expect(after[0]!.firstElementChild).toBe(cells[0]);
    expect(after[3]!.textContent).toContain('2 polls');
  });

  it('shows the errors of alternating kinds between two states as one row, each kind with its count and its first and latest answer', () => {
    const cycle = ['503', 'timeout', '429'];
    let kept: PollRecord[] = [];
    for (const record of makeRecords(Array.from({ length: 300 }, (_, i) => (i % 10 === 9 ? cycle[Math.floor(i / 10) % cycle.length]! : 'WAITING')))) {
      kept = foldPolls([...kept, record]);
    }
    mount(kept);
    const rows = rowsShown();
    expect(rows.map((row) => row.getAttribute('data-kind'))).toEqual(['state', 'error']);
    expect(rows[1]!.getAttribute('data-outcome')).toBe('server-error timeout rate-limited');
    expect(rows[1]!.children[0]!.textContent).toBe(
      'Errors × 30: Server error 503 (HTML page) × 10 · No answer within 10 s × 10 · Rate limited (429, retry after 2 s) × 10',
    );
    expect(rows[1]!.children[3]!.textContent).toBe('30 answers');
    act(() => rows[1]!.querySelector('button')!.click());
    const kinds = [...root.querySelectorAll('[data-testid="raw-kind"]')];
    expect(kinds).toHaveLength(3);
    expect(kinds[0]!.querySelector('h4')!.textContent).toContain('2 of 10 answers kept raw');
    expect(kinds.map((kind) => kind.querySelectorAll('[data-testid="raw-record"]').length)).toEqual([2, 2, 2]);
  });
});

describe('visibleRange', () => {
  it('covers the window and the overscan, and steps over an open row’s raw records', () => {
    expect(visibleRange(1000, { top: 0, height: 100, rowPx: 10 }, 2)).toEqual({ start: 0, end: 13 });
    expect(visibleRange(1000, { top: 500, height: 100, rowPx: 10 }, 2)).toEqual({ start: 48, end: 63 });
    expect(visibleRange(20, { top: 500, height: 100, rowPx: 10 }, 2)).toEqual({ start: 20, end: 20 });
    // Row 10 is open with 200 px of raw records: y 110–310 belongs to it.
    const open = { index: 10, px: 200 };
    expect(visibleRange(1000, { top: 150, height: 100, rowPx: 10, open }, 0)).toEqual({ start: 10, end: 11 });
    expect(visibleRange(1000, { top: 310, height: 100, rowPx: 10, open }, 0)).toEqual({ start: 11, end: 22 });
  });
});

import { Window } from 'happy-dom';
import { describe, expect, it, vi } from 'vitest';
import { PanelUpdatePath } from '../../../scripts/bench/update-path.tsx';
import { makeRecords } from '../core/timeline/make-records.ts';

describe('the bench’s update path', () => {
  it('draws the timeline and its picture into a DOM of its own, with no global window (as `npm run bench` does)', async () => {
    expect(typeof (globalThis as { getComputedStyle?: unknown }).getComputedStyle).toBe('undefined');
    const window = new Window();
    const element = window.document.createElement('div');
    window.document.body.append(element);
    const path = new PanelUpdatePath(element as unknown as HTMLElement);
    const records = makeRecords(['WAITING', 'WAITING', '503', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED']);
    path.answer(records[0]!, true);
    // The picture is loaded lazily, as in the panel, after the first paint (Preact runs effects on a timer
    // when there is no requestAnimationFrame); once it is there, each answer draws it too.
    await vi.waitFor(() => expect(element.querySelector('[data-testid="timeline-chart"]')).not.toBeNull(), { timeout: 15_000, interval: 5 });
    for (const record of records.slice(1)) path.answer(record, true);
    expect(element.querySelectorAll('[data-testid="timeline-row"][data-kind="state"]')).toHaveLength(4);
    expect(element.querySelector('[data-testid="timeline-chart"]')).not.toBeNull();
    path.unmount();
    await window.happyDOM.close();
  });
});

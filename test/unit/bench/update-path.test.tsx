import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
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
    // The picture is loaded lazily, as in the panel; once it is, each answer draws it too.
    await import('../../../src/panel/components/TimelineChart.tsx');
    await new Promise((resolve) => setTimeout(resolve, 0));
    for (const record of records.slice(1)) path.answer(record, true);
    expect(element.querySelectorAll('[data-testid="timeline-row"][data-kind="state"]')).toHaveLength(4);
    expect(element.querySelector('[data-testid="timeline-chart"]')).not.toBeNull();
    path.unmount();
    await window.happyDOM.close();
  });
});

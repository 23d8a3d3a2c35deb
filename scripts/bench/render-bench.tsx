import { Window } from 'happy-dom';
import { render } from 'preact';
import { performance } from 'node:perf_hooks';
import type { Timeline } from '../../src/core/timeline/build-timeline.ts';
import type { PollRecord } from '../../src/core/timeline/poll-record.ts';
// The panel's own timeline: what is measured is what ships.
import { TimelineView } from '../../src/panel/components/TimelineView.tsx';
import { summarize, type Summary } from './stats.ts';

/** A timeline as the panel holds it: rows and the kept records they point at. */
export type RenderInput = { timeline: Timeline; records: readonly PollRecord[] };

export type RenderResult = {
  rows: number;
  elements: number;
  /** A fresh mount, as when the panel opens on a running poll. */
  mountMs: Summary;
  /** The mounted timeline after one more poll, as every second while polling. */
  updateMs: Summary;
};

const props = (input: RenderInput) => ({ timeline: input.timeline, records: input.records, revealSessionId: false });

/**
 * Renders the panel's timeline with Preact into happy-dom: mount `before`, then update to `after`
 * (one poll later). happy-dom is a JavaScript DOM, so these times compare versions of the code
 * with each other, not with a browser's layout and paint.
 */
export async function benchRender(before: RenderInput, after: RenderInput, runs: number, warmups: number): Promise<RenderResult> {
  const window = new Window();
  const { document } = window;
  const mountMs: number[] = [];
  const updateMs: number[] = [];
  let elements = 0;
  try {
    for (let run = 0; run < warmups + runs; run++) {
      // happy-dom's element types are its own; Preact only needs the DOM methods they share.
      const container = document.createElement('div') as unknown as HTMLElement;
      document.body.append(container as never);
      const began = performance.now();
      render(<TimelineView {...props(before)} />, container);
      const mounted = performance.now();
      render(<TimelineView {...props(after)} />, container);
      const updated = performance.now();
      elements = container.querySelectorAll('*').length;
      render(null, container);
      container.remove();
      if (run < warmups) continue;
      mountMs.push(mounted - began);
      updateMs.push(updated - mounted);
    }
  } finally {
    await window.happyDOM.close();
  }
  return { rows: after.timeline.rows.length, elements, mountMs: summarize(mountMs), updateMs: summarize(updateMs) };
}

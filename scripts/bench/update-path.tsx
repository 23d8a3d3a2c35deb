import { render } from 'preact';
import { performance } from 'node:perf_hooks';
import { buildTimeline, type Timeline } from '../../src/core/timeline/build-timeline.ts';
import { foldPolls } from '../../src/core/timeline/fold-polls.ts';
import type { PollRecord, PollStop } from '../../src/core/timeline/poll-record.ts';
// The panel's own timeline: what is measured is what ships.
import { TimelineView } from '../../src/panel/components/TimelineView.tsx';

/**
 * What the panel does with each poll answer, in the panel's own code and order: fold the record
 * into the bounded history (PollManager: `foldPolls([...records, record])`), build the timeline of
 * the new history (PollCard: `buildTimeline`), and draw it (TimelineView, with Preact). Drawing is
 * into a happy-dom element: a DOM written in JavaScript, with no layout or paint, so the times
 * compare versions of the code, not browsers.
 */
export class PanelUpdatePath {
  records: PollRecord[] = [];
  timeline: Timeline = buildTimeline({ records: [] });
  private stop: PollStop | undefined;

  /** `container` is where TimelineView is drawn; without one, only folding and building are done. */
  constructor(public container?: HTMLElement) {}

  /**
   * One answer. Returns the milliseconds of fold and build, and of drawing (0 when `draw` is false),
   * and, when drawn, the CPU time the process spent on the whole update: on a shared machine the
   * clock also counts the time spent waiting for a CPU, which the CPU time does not.
   */
  answer(record: PollRecord, draw: boolean): { coreMs: number; drawMs: number; cpuMs: number } {
    const cpu = draw ? process.cpuUsage() : undefined;
    const began = performance.now();
    this.records = foldPolls([...this.records, record]);
    this.timeline = buildTimeline({ records: this.records, ...(this.stop ? { stop: this.stop } : {}) });
    const built = performance.now();
    if (!cpu) return { coreMs: built - began, drawMs: 0, cpuMs: 0 };
    this.draw();
    const drawn = performance.now();
    const used = process.cpuUsage(cpu);
    return { coreMs: built - began, drawMs: drawn - built, cpuMs: (used.user + used.system) / 1000 };
  }

  /** The poll stopped: its timeline gets the stop row, as the panel shows it. */
  stopped(stop: PollStop, draw: boolean): void {
    this.stop = stop;
    this.timeline = buildTimeline({ records: this.records, stop });
    if (draw) this.draw();
  }

  /** Draws the current timeline (untimed when called on its own: to catch up with answers not drawn). */
  draw(): void {
    if (!this.container) return;
    // PollCard hands a new callback on every render, as here.
    render(<TimelineView timeline={this.timeline} records={this.records} revealSessionId={false} onRevealUsed={() => undefined} />, this.container);
  }

  /** Rows of the timeline in the document, and all of its elements. */
  drawn(): { rows: number; elements: number } {
    if (!this.container) return { rows: 0, elements: 0 };
    return { rows: this.container.querySelectorAll('[data-testid="timeline-row"]').length, elements: this.container.querySelectorAll('*').length };
  }

  /** Takes the timeline out of the document; the path goes on folding and building. */
  unmount(): void {
    if (this.container) render(null, this.container);
    this.container = undefined;
  }
}

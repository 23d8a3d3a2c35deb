import type { Clock, PollFetch } from '../../../src/core/poll/poller.ts';
import { classifyPollResponse } from '../../../src/core/poll/poll-request.ts';
import type { PanelServices } from '../../../src/panel/services.ts';
import { PollManager } from '../../../src/panel/state/poll-manager.ts';
import { act } from 'preact/test-utils';
import { vi } from 'vitest';
import { MESSAGE_BATCH_MS } from '../../../src/panel/state/use-panel-state.ts';
import { FakeHostAccess } from './fake-host-access.ts';

/** A clock the test moves by hand. */
export class ManualClock implements Clock<number> {
  time = Date.UTC(2026, 10, 25, 12);
  private timers = new Map<number, { at: number; run: () => void }>();
  private next = 1;
  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => {
    const id = this.next++;
    this.timers.set(id, { at: this.time + ms, run });
    return id;
  };
  clearTimeout = (id: number) => void this.timers.delete(id);
  /** Runs every timer due within `ms`, in time order. */
  async advance(ms: number) {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].run();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    this.time = end;
  }
}

/**
 * The worker's messages that follow one another within `MESSAGE_BATCH_MS` are shown together: this
 * lets that time pass, so the panel shows what was delivered, as it does on its own in the browser.
 */
export const nextBatch = (clock: ManualClock) => act(() => clock.advance(MESSAGE_BATCH_MS));

/** Export is loaded when first used: waits until `count` files are saved, then lets the panel redraw. */
export async function untilSaved(saved: readonly unknown[], count: number): Promise<void> {
  await vi.waitFor(() => {
    if (saved.length < count) throw new Error(`${saved.length} of ${count} files saved`);
  });
  await act(async () => undefined);
}

export function fakeServices(fetch: PollFetch, clock = new ManualClock(), hostAccess = new FakeHostAccess()) {
  const saved: { name: string; text: string }[] = [];
  const services: PanelServices = {
    clock,
    // Given at once: the panel loads it when it first polls (poll-manager.test.ts covers that).
    polls: new PollManager({ fetch, clock, meta: { toolVersion: '0.0.0-test', platformIdentifier: 'test' }, classify: classifyPollResponse }) as PollManager,
    hostAccess,
    simulator: {
      probe: async () => null,
      step: async () => null,
      fault: async () => null,
      clearFaults: async () => null,
    },
    saveFile: (name, text) => void saved.push({ name, text }),
    toolVersion: '0.0.0-test',
  };
  return { services, saved, clock, hostAccess };
}

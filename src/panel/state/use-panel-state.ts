import { useEffect, useState } from 'preact/hooks';
import type { Clock } from '../../core/clock.ts';
import { message, type ToPanel } from '../../extension/messaging/envelope.ts';
import type { PanelTransport } from '../../extension/messaging/panel-transport.ts';
import { applyCaptureStatus, applyConnection, applyMessage, initialPanelState, type PanelState } from './panel-state.ts';

/**
 * The shortest time between two renders caused by the worker's messages. A page making hundreds of
 * calls a second sends as many messages; rendering each one alone kept the panel's main thread busy
 * for seconds. Gathered, they are at most 20 renders a second, and input stays answered.
 */
export const MESSAGE_BATCH_MS = 50;

/**
 * Applies the worker's messages in batches: the first after a quiet spell at once (a single
 * detection shows without delay), the ones that follow it within `MESSAGE_BATCH_MS` together.
 */
function batchMessages(clock: Clock, apply: (batch: readonly ToPanel[]) => void): { push(msg: ToPanel): void; cancel(): void } {
  let queue: ToPanel[] = [];
  let timer: { handle: unknown } | undefined;
  let lastFlush = Number.NEGATIVE_INFINITY;
  const flush = () => {
    timer = undefined;
    lastFlush = clock.now();
    const batch = queue;
    queue = [];
    apply(batch);
  };
  return {
    push(msg) {
      queue.push(msg);
      if (timer) return;
      const wait = lastFlush + MESSAGE_BATCH_MS - clock.now();
      if (wait <= 0) flush();
      else timer = { handle: clock.setTimeout(flush, wait) };
    },
    cancel() {
      if (timer) clock.clearTimeout(timer.handle);
      timer = undefined;
      queue = [];
    },
  };
}

export function usePanelState(transport: PanelTransport, clock: Clock): PanelState {
  const [state, setState] = useState(() => initialPanelState(transport.tabId));
  useEffect(() => {
    const batch = batchMessages(clock, (msgs) => setState((s) => msgs.reduce(applyMessage, s)));
    const offMessage = transport.subscribe((msg) => batch.push(msg));
    const offStatus = transport.onStatus((status) => setState((s) => applyConnection(s, status)));
    const offCapture = transport.onCaptureStatus((status) => setState((s) => applyCaptureStatus(s, status)));
    return () => {
      batch.cancel();
      offMessage();
      offStatus();
      offCapture();
    };
  }, [transport, clock]);
  // An update that did not fit on top of what the panel holds: start again from a snapshot.
  useEffect(() => {
    if (state.outOfStep) transport.send(message({ type: 'hello' }));
  }, [state.outOfStep, transport]);
  return state;
}

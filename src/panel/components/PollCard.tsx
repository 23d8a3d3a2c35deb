import { useMemo, useState } from 'preact/hooks';
import { maskSecret } from '../../core/connect/ids.ts';
import { productName } from '../../core/connect/products.ts';
import type { Navigation } from '../../core/detect/observation.ts';
import { originOf } from '../../core/url-origin.ts';
import { buildTimeline } from '../../core/timeline/build-timeline.ts';
import type { PanelServices } from '../services.ts';
import type { PaymentPoll } from '../state/poll-manager.ts';
import { navigationsDuring } from '../state/poll-navigations.ts';
import { formatDuration } from '../format.ts';
import { DemoControls } from './DemoControls.tsx';
import { TimelineView } from './TimelineView.tsx';

interface Props {
  poll: PaymentPoll;
  navigations: readonly Navigation[];
  services: PanelServices;
  onExport(): void;
}

/** A polled payment: its controls, demo mode when it lives on the simulator, and its timeline. */
export function PollCard({ poll, navigations, services, onExport }: Props) {
  const [reveal, setReveal] = useState(false);
  const { target, state } = poll;
  const timeline = useMemo(
    () => buildTimeline({ records: poll.records, navigations: navigationsDuring(poll, navigations), stop: poll.stop }),
    [poll, navigations],
  );
  const running = state.phase === 'running';
  const apiOrigin = originOf(target.clientApiUrl);
  return (
    <article class="poll" data-testid="poll" data-payment-id={target.paymentId} data-phase={state.phase} data-stop-reason={poll.stop?.reason}>
      <header>
        <h3 class="mono">{target.paymentId}</h3>
        <span class="badge">{poll.productId !== undefined ? productName(poll.productId) : 'product not known'}</span>
        <span class="badge">customer {target.customerId}</span>
        <span class="badge">session {maskSecret(target.clientSessionId)}</span>
        <span role="status" data-testid="poll-state" class={running ? '' : 'muted'}>
          {running
            ? `Polling every ${formatDuration(state.intervalMs)}${state.inFlight ? ' (request in flight)' : ''}${poll.next && poll.next.why !== 'interval' ? `; next in ${formatDuration(poll.next.delayMs)} (${poll.next.why})` : ''}`
            : poll.stop
              ? `Stopped: ${poll.stop.message}`
              : 'Starting…'}
        </span>
      </header>
      <div class="poll-controls">
        {running ? (
          <button type="button" onClick={() => services.polls.stop(target.paymentId)} data-testid="poll-stop">
            Stop
          </button>
        ) : (
          <button type="button" onClick={() => services.polls.start(target, poll.productId, state.intervalMs)} data-testid="poll-restart">
            Poll again
          </button>
        )}{' '}
        <label>
          Every{' '}
          <input
            type="number"
            min={0.5}
            max={60}
            step={0.5}
            size={4}
            value={state.intervalMs / 1000}
            aria-label="Poll interval in seconds"
            onChange={(e) => services.polls.setIntervalMs(target.paymentId, Number(e.currentTarget.value) * 1000)}
          />{' '}
          s
        </label>{' '}
        <label>
          <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.currentTarget.checked)} /> Show session id in raw requests
        </label>{' '}
        <button type="button" onClick={onExport} data-testid="poll-export">
          Export
        </button>
      </div>
      {apiOrigin && <DemoControls origin={apiOrigin} paymentId={target.paymentId} services={services} />}
      <TimelineView timeline={timeline} records={poll.records} revealSessionId={reveal} />
    </article>
  );
}

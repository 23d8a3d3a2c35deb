import { useMemo, useState } from 'preact/hooks';
import { parseIntervalSeconds } from '../../core/poll/interval.ts';
import type { Result } from '../../core/result.ts';
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
  /** A poll that could not start or resume says why. */
  onNotice(text: string): void;
  /** The platform refused the poll's session: polling it again can only be refused again. */
  sessionRefused?: boolean;
}

/** The interval field: what the person typed, kept until it is valid, and the note when it is not. */
function IntervalField({ poll, services }: { poll: PaymentPoll; services: PanelServices }) {
  const [typed, setTyped] = useState<string | null>(null);
  const [note, setNote] = useState<string | undefined>(undefined);
  const apply = (text: string) => {
    const parsed = parseIntervalSeconds(text, poll.state.intervalMs);
    services.polls.setIntervalMs(poll.key, parsed.ms);
    setNote(parsed.note);
    setTyped(null);
  };
  return (
    <label>
      Every{' '}
      <input
        type="text"
        inputMode="decimal"
        size={4}
        value={typed ?? String(poll.state.intervalMs / 1000)}
        aria-label="Poll interval in seconds"
        aria-describedby={note ? `interval-note-${poll.key}` : undefined}
        data-testid="poll-interval"
        onInput={(e) => setTyped(e.currentTarget.value)}
        onChange={(e) => apply(e.currentTarget.value)}
      />{' '}
      s
      {note && (
        <span id={`interval-note-${poll.key}`} class="note" role="status" data-testid="poll-interval-note">
          {' '}
          {note}
        </span>
      )}
    </label>
  );
}

/** A polled payment: its controls, demo mode when it lives on the simulator, and its timeline. */
export function PollCard({ poll, navigations, services, onExport, onNotice, sessionRefused = false }: Props) {
  const [reveal, setReveal] = useState(false);
  const { target, state } = poll;
  const timeline = useMemo(
    () => buildTimeline({ records: poll.records, navigations: navigationsDuring(poll, navigations), stop: poll.stop }),
    [poll, navigations],
  );
  const running = state.phase === 'running';
  // Stopped from outside (DevTools closed, the user): the same history can go on.
  const resumable = poll.stop?.reason === 'closed' || poll.stop?.reason === 'user';
  const report = (result: Result<string>) => {
    if (!result.ok) onNotice(result.reason);
  };
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
          <button type="button" onClick={() => services.polls.stop(poll.key)} data-testid="poll-stop">
            Stop
          </button>
        ) : sessionRefused ? (
          <span class="note" data-testid="poll-refused">
            The platform refused this session: polling needs a new one.
          </span>
        ) : (
          <>
            {resumable && (
              <button type="button" onClick={() => report(services.polls.resume(poll.key))} data-testid="poll-resume">
                Resume
              </button>
            )}{' '}
            <button type="button" onClick={() => report(services.polls.start(target, poll.productId, state.intervalMs))} data-testid="poll-restart">
              Poll again
            </button>
          </>
        )}{' '}
        <IntervalField poll={poll} services={services} />{' '}
        <label>
          <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.currentTarget.checked)} data-testid="reveal-session-id" /> Show
          session id in raw requests (until the next copy)
        </label>{' '}
        <button type="button" onClick={onExport} data-testid="poll-export">
          Export
        </button>
      </div>
      {apiOrigin && <DemoControls origin={apiOrigin} paymentId={target.paymentId} services={services} />}
      {/* A copy with the session id in clear is asked for one copy at a time: the next one is masked again. */}
      <TimelineView
        timeline={timeline}
        records={poll.records}
        revealSessionId={reveal}
        onRevealUsed={() => setReveal(false)}
        clock={services.clock}
        live={running}
      />
    </article>
  );
}

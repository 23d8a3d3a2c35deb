import { useMemo } from 'preact/hooks';
import { deriveView } from '../../core/detect/derive-sessions.ts';
import { message } from '../../extension/messaging/envelope.ts';
import type { PanelTransport } from '../../extension/messaging/panel-transport.ts';
import { formatClock } from '../format.ts';
import { useNow } from '../state/use-now.ts';
import { usePanelState } from '../state/use-panel-state.ts';
import { PaymentList } from './PaymentList.tsx';
import { SessionCard } from './SessionCard.tsx';
import { Toolbar } from './Toolbar.tsx';
import { TypedPaymentForm } from './TypedPaymentForm.tsx';
import { Welcome } from './Welcome.tsx';

export function App({ transport }: { transport: PanelTransport }) {
  const state = usePanelState(transport);
  const hasSessions = state.observations.some((o) => o.kind === 'client-api-call' || o.kind === 'sdk-session');
  const now = useNow(1000, hasSessions);
  // Derived, not stored: sessions and payments are recomputed from the raw observations.
  const view = useMemo(() => deriveView(state.observations, now), [state.observations, now]);
  return (
    <div class="panel" data-testid="panel" data-synced={String(state.synced)}>
      <Toolbar
        connection={state.connection}
        settings={state.settings}
        onSettings={(settings) => transport.send(message({ type: 'settings', settings }))}
        onClear={() => transport.send(message({ type: 'clear' }))}
      />
      <main>
        <TypedPaymentForm
          sessions={view.sessions}
          onAdd={(payment) => transport.send(message({ type: 'observed', observations: [payment] }))}
        />
        {view.navigations.length > 0 && (
          <ol class="navigations" data-testid="navigations" aria-label="Navigations">
            {view.navigations.map((n) => (
              <li key={`${n.at}|${n.url}`} data-testid="navigation">
                Navigated at {formatClock(n.at)} to <span class="mono">{n.url}</span>
              </li>
            ))}
          </ol>
        )}
        {view.sessions.length === 0 ? (
          <Welcome synced={state.synced} />
        ) : (
          <section aria-labelledby="sessions-title">
            <h2 id="sessions-title">
              {view.sessions.length} client session{view.sessions.length === 1 ? '' : 's'}
            </h2>
            {view.sessions.map((session) => (
              <SessionCard key={session.clientSessionId} session={session} />
            ))}
          </section>
        )}
        {view.unattachedPayments.length > 0 && (
          <section aria-labelledby="unattached-title" data-testid="unattached">
            <h2 id="unattached-title">Payments without a known session</h2>
            <PaymentList payments={view.unattachedPayments} />
          </section>
        )}
      </main>
    </div>
  );
}

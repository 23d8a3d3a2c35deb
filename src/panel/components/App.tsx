import { useMemo, useState } from 'preact/hooks';
import type { PaymentView, SessionView } from '../../core/detect/derive-sessions.ts';
import { deriveView } from '../../core/detect/derive-sessions.ts';
import { exportTimelines } from '../../core/timeline/export-file.ts';
import { originOf } from '../../core/url-origin.ts';
import { message } from '../../extension/messaging/envelope.ts';
import type { PanelTransport } from '../../extension/messaging/panel-transport.ts';
import { formatClock } from '../format.ts';
import type { PanelServices } from '../services.ts';
import type { PaymentPoll } from '../state/poll-manager.ts';
import { readImportedFile } from '../state/import-file.ts';
import { toExportedPayments } from '../state/poll-navigations.ts';
import { useNow } from '../state/use-now.ts';
import { usePanelState } from '../state/use-panel-state.ts';
import { usePolls } from '../state/use-polls.ts';
import { ApprovalPrompt } from './ApprovalPrompt.tsx';
import { ImportedView, type Imported } from './ImportedView.tsx';
import { PaymentList } from './PaymentList.tsx';
import { PollCard } from './PollCard.tsx';
import { SessionCard } from './SessionCard.tsx';
import { Toolbar } from './Toolbar.tsx';
import { TypedPaymentForm } from './TypedPaymentForm.tsx';
import { Welcome } from './Welcome.tsx';

type Pending = { session: SessionView; payment: PaymentView; origin: string };

export function App({ transport, services }: { transport: PanelTransport; services: PanelServices }) {
  const state = usePanelState(transport);
  const polls = usePolls(services.polls);
  const hasSessions = state.observations.some((o) => o.kind === 'client-api-call' || o.kind === 'sdk-session');
  const now = useNow(1000, hasSessions || polls.some((p) => p.state.running));
  // Derived, not stored: sessions and payments are recomputed from the raw observations.
  const view = useMemo(() => deriveView(state.observations, now), [state.observations, now]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [imported, setImported] = useState<Imported | null>(null);
  const [notice, setNotice] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [unredacted, setUnredacted] = useState(false);

  const startPoll = (session: SessionView, payment: PaymentView) =>
    services.polls.start(
      { clientApiUrl: session.clientApiUrl, customerId: session.customerId, paymentId: payment.paymentId, clientSessionId: session.clientSessionId },
      payment.productId,
    );

  const requestPoll = (session: SessionView, payment: PaymentView) => {
    const origin = originOf(session.clientApiUrl);
    if (!origin) {
      setNotice({ kind: 'error', text: `The session's Client API address is not an http(s) URL: ${session.clientApiUrl}` });
      return;
    }
    if (state.settings.approvedOrigins.includes(origin)) startPoll(session, payment);
    else setPending({ session, payment, origin });
  };

  const approve = () => {
    if (!pending) return;
    const approvedOrigins = [...new Set([...state.settings.approvedOrigins, pending.origin])];
    transport.send(message({ type: 'settings', settings: { ...state.settings, approvedOrigins } }));
    startPoll(pending.session, pending.payment);
    setPending(null);
  };

  const exportPolls = (list: readonly PaymentPoll[]) => {
    const text = exportTimelines(toExportedPayments(list, view.navigations), { redact: !unredacted, now: Date.now(), toolVersion: services.toolVersion });
    const name = list.length === 1 ? `connect-timeline-${list[0]!.target.paymentId}.json` : 'connect-timelines.json';
    services.saveFile(name, text);
    setNotice({ kind: 'info', text: `Exported ${name}${unredacted ? ' with session ids in clear' : ' (session ids redacted)'}` });
  };

  const importFile = async (file: File) => {
    const result = readImportedFile(file.name, await file.text());
    if (result.ok) {
      setImported(result.value);
      setNotice(null);
    } else {
      setNotice({ kind: 'error', text: `${file.name} was not imported: ${result.reason}` });
    }
  };

  return (
    <div class="panel" data-testid="panel" data-synced={String(state.synced)}>
      <Toolbar
        connection={state.connection}
        settings={state.settings}
        onSettings={(settings) => transport.send(message({ type: 'settings', settings }))}
        onClear={() => transport.send(message({ type: 'clear' }))}
        onImport={importFile}
      />
      <main>
        {notice && (
          <p role={notice.kind === 'error' ? 'alert' : 'status'} class={notice.kind === 'error' ? 'error' : 'muted'} data-testid="notice">
            {notice.text}
          </p>
        )}
        {pending && (
          <ApprovalPrompt origin={pending.origin} paymentId={pending.payment.paymentId} onAllow={approve} onCancel={() => setPending(null)} />
        )}
        {imported && <ImportedView imported={imported} onClose={() => setImported(null)} />}
        {polls.length > 0 && (
          <section aria-labelledby="polls-title" data-testid="polls">
            <h2 id="polls-title">Third-party status</h2>
            <div class="poll-controls">
              <button type="button" onClick={() => exportPolls(polls)} data-testid="export-all">
                Export all timelines
              </button>{' '}
              <label>
                <input type="checkbox" checked={unredacted} onChange={(e) => setUnredacted(e.currentTarget.checked)} data-testid="export-unredacted" />{' '}
                Include session ids in clear
              </label>
            </div>
            {polls.map((poll) => (
              <PollCard key={poll.target.paymentId} poll={poll} navigations={view.navigations} services={services} onExport={() => exportPolls([poll])} />
            ))}
          </section>
        )}
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
              <SessionCard key={session.clientSessionId} session={session} onPoll={requestPoll} />
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

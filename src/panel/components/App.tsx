import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PaymentView, SessionView } from '../../core/detect/derive-sessions.ts';
import { collectView, viewAt } from '../../core/detect/derive-sessions.ts';
import type { PollTarget } from '../../core/timeline/poll-record.ts';
import { originOf } from '../../core/url-origin.ts';
import { message } from '../../extension/messaging/envelope.ts';
import type { PanelTransport } from '../../extension/messaging/panel-transport.ts';
import { formatClock } from '../format.ts';
import type { PanelServices } from '../services.ts';
import type { ImportProgress as ImportProgressValue, ReadWhere } from '../state/har-file-import.ts';
import type { FileImport } from '../state/import-file.ts';
import type { PaymentPoll } from '../state/poll-manager.ts';
import { toExportedPayments } from '../state/poll-navigations.ts';
import { useNow } from '../state/use-now.ts';
import { usePanelState } from '../state/use-panel-state.ts';
import { usePolls } from '../state/use-polls.ts';
import { latestPollOf } from '../state/poll-chip.ts';
import { refusalsToReport } from '../state/refusal-reports.ts';
import { useStatusAnnouncement } from '../state/use-status-announcement.ts';
import { useSessionSelection } from '../state/session-selection.ts';
import { moveThroughList } from './list-navigation.ts';
import { ApprovalPrompt } from './ApprovalPrompt.tsx';
import type { SettingsDialogProps } from './SettingsDialog.tsx';
import { HealthNotice } from './HealthNotice.tsx';
import { HelpPanel } from './HelpPanel.tsx';
import { ImportedView, type Imported } from './ImportedView.tsx';
import { ImportProgress } from './ImportProgress.tsx';
import { PaymentList } from './PaymentList.tsx';
import { PollCard } from './PollCard.tsx';
import { SessionChooser } from './SessionChooser.tsx';
import { SessionDetails } from './SessionDetails.tsx';
import { SessionList } from './SessionList.tsx';
import { StatusBar } from './StatusBar.tsx';
import { Toolbar } from './Toolbar.tsx';
import { TypedPaymentForm } from './TypedPaymentForm.tsx';
import { Welcome } from './Welcome.tsx';

/** The User Timing mark set at the panel's first paint after the tab's snapshot arrived. */
export const FIRST_USEFUL_PAINT_MARK = 'connect-devtools:first-useful-paint';

type Pending = { target: PollTarget; productId?: number; origin: string; asking?: boolean };
type Choosing = { payment: PaymentView; candidates: SessionView[] };

const targetOf = (session: SessionView, payment: PaymentView): PollTarget => ({
  clientApiUrl: session.clientApiUrl,
  customerId: session.customerId,
  paymentId: payment.paymentId,
  clientSessionId: session.clientSessionId,
});

const pollCard = (paymentId: string) => document.querySelector<HTMLElement>(`[data-testid="poll"][data-payment-id="${CSS.escape(paymentId)}"]`);

/** Renders the lazily loaded dialog component with its props. */
function SettingsDialogView({ Dialog, ...props }: { Dialog: typeof import('./SettingsDialog.tsx')['SettingsDialog'] } & SettingsDialogProps) {
  return <Dialog {...props} />;
}

export function App({ transport, services }: { transport: PanelTransport; services: PanelServices }) {
  const state = usePanelState(transport, services.clock);
  const polls = usePolls(services.polls);
  const hasSessions = state.observations.some((o) => o.kind === 'client-api-call' || o.kind === 'sdk-session');
  const now = useNow(services.clock, 1000, hasSessions || polls.some((p) => p.state.running));
  // Derived, not stored, and in two steps: the pass over every observation runs when they change,
  // the cheap time-dependent part (lifetimes) once a second.
  const collected = useMemo(() => collectView(state.observations), [state.observations]);
  const view = useMemo(() => viewAt(collected, now), [collected, now]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [choosing, setChoosing] = useState<Choosing | null>(null);
  const [imported, setImported] = useState<Imported | null>(null);
  const [importProgress, setImportProgress] = useState<{ name: string; progress: ImportProgressValue; where: ReadWhere } | null>(null);
  const importing = useRef<FileImport | null>(null);
  const [notice, setNotice] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [unredacted, setUnredacted] = useState(false);
  const reportedRefusals = useRef(new Map<string, string>());
  /** Per approved origin, the worker (epoch) it was last sent to. */
  const approvalsSentIn = useRef(new Map<string, string>());
  /** The worker the panel hears from now, for the approvals sent after an await. */
  const epoch = useRef(state.epoch);
  epoch.current = state.epoch;
  const sendApproval = (origin: string) => {
    approvalsSentIn.current.set(origin, epoch.current);
    transport.send(message({ type: 'settings-change', change: { key: 'approveOrigin', origin } }));
  };
  const [filter, setFilter] = useState('');
  const [helpOpen, setHelpOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    document.documentElement.dataset['demo'] = String(demo);
  }, [demo]);
  const [settingsDialog, setSettingsDialog] = useState<typeof import('./SettingsDialog.tsx')['SettingsDialog'] | null>(null);
  const announcement = useStatusAnnouncement(polls);

  useEffect(() => services.polls.setDefaultIntervalMs(state.settings.pollIntervalSeconds * 1000), [services.polls, state.settings.pollIntervalSeconds]);

  // The settings dialog is loaded when first opened: most sessions never open it.
  const openSettings = () => {
    if (settingsDialog) return setSettingsOpen(true);
    void import('./SettingsDialog.tsx').then((module) => {
      setSettingsDialog(() => module.SettingsDialog);
      setSettingsOpen(true);
    });
  };

  const onPanelKey = (event: KeyboardEvent) => {
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
    if ((event.key === 'f' && (event.ctrlKey || event.metaKey)) || (event.key === '/' && !typing)) {
      event.preventDefault();
      document.querySelector<HTMLInputElement>('[data-testid="session-filter"]')?.focus();
    } else if ((event.key === 'd' || event.key === 'D') && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      setDemo((on) => !on);
    } else if (event.key === '?' && !typing) {
      event.preventDefault();
      setHelpOpen((open) => !open);
    } else if (event.key === 'Escape') {
      setHelpOpen(false);
      setSettingsOpen(false);
    }
  };

  useEffect(() => services.polls.setApprovedOrigins(state.settings.approvedOrigins), [services.polls, state.settings.approvedOrigins]);

  // An approval the worker's settings do not list yet is sent again to a restarted worker (a message posted as
  // the service worker stops is lost with it), once per worker.
  useEffect(() => {
    for (const origin of services.polls.unconfirmedApprovals()) {
      if (approvalsSentIn.current.get(origin) !== state.epoch) sendApproval(origin);
    }
  }, [services.polls, state.epoch, state.settings.approvedOrigins, transport]);

  // The first paint that shows what the tab holds, for `npm run bench` (a User Timing mark costs nothing): a
  // layout effect runs as soon as the render is in the DOM, so its animation frame is the one that paints it.
  useLayoutEffect(() => {
    if (state.synced) requestAnimationFrame(() => performance.mark(FIRST_USEFUL_PAINT_MARK));
  }, [state.synced]);

  // A session the platform refused to the page stops the panel's polls that use it.
  useEffect(() => {
    for (const session of view.sessions) if (session.refused) services.polls.stopSession(session.clientSessionId, 'session-refused');
  }, [view.sessions, services.polls]);

  // A session the platform refused to the panel is refused everywhere: the worker is told, as a fact (again to
  // a restarted worker, until the tab's sessions show it).
  useEffect(() => {
    const refusals = refusalsToReport(polls, view.sessions, state.epoch, reportedRefusals.current);
    if (refusals.length > 0) transport.send(message({ type: 'observed', observations: refusals }));
  }, [polls, view.sessions, state.epoch, transport]);

  // A poll just started, or demo mode just turned on: its card is brought into view once drawn (the selected
  // session's details stand above the polls).
  const [revealPoll, setRevealPoll] = useState<string | null>(null);
  useEffect(() => {
    if (revealPoll === null) return;
    pollCard(revealPoll)?.scrollIntoView({ block: 'nearest' });
    setRevealPoll(null);
  }, [revealPoll, polls]);
  useEffect(() => {
    const shown = polls.findLast((poll) => poll.state.running) ?? polls.at(-1);
    if (demo && shown) setRevealPoll(shown.target.paymentId);
  }, [demo]);

  const startPoll = (target: PollTarget, productId?: number) => {
    const started = services.polls.start(target, productId);
    if (!started.ok) setNotice({ kind: 'error', text: started.reason });
    else setRevealPoll(target.paymentId);
  };

  const requestPoll = (session: SessionView, payment: PaymentView) => {
    const target = targetOf(session, payment);
    const origin = originOf(session.clientApiUrl);
    setChoosing(null);
    if (!origin) {
      setNotice({ kind: 'error', text: `The session's Client API address is not an http(s) URL: ${session.clientApiUrl}` });
      return;
    }
    if (services.polls.isApproved(session.clientApiUrl)) startPoll(target, payment.productId);
    else setPending({ target, ...(payment.productId !== undefined ? { productId: payment.productId } : {}), origin });
  };

  const approve = () => {
    if (!pending || pending.asking) return;
    const asked = pending;
    // The browser asks for host access only within the user's click: this must come first.
    const answer = services.hostAccess.request(asked.origin);
    setPending({ ...asked, asking: true });
    void answer.then((result) => {
      setPending(null);
      if (result.kind === 'declined') {
        setNotice({ kind: 'error', text: `Access to ${asked.origin} was not granted in Chrome's prompt: nothing was sent. Poll again to be asked again.` });
        return;
      }
      // Granted, or the browser cannot ask (Firefox): the approval stands, and polls rely on CORS.
      services.polls.approve(asked.origin);
      sendApproval(asked.origin);
      startPoll(asked.target, asked.productId);
    });
  };

  const chooseSession = (payment: PaymentView) => {
    const candidates = (payment.candidateSessionIds ?? []).flatMap((id) => view.sessions.filter((s) => s.clientSessionId === id));
    setChoosing({ payment, candidates });
  };

  // Export and import are loaded when first used: they bring the file formats' schemas and the HAR reader.
  const exportPolls = async (list: readonly PaymentPoll[]) => {
    const payments = toExportedPayments(list, view.navigations);
    const options = { redact: !unredacted, now: services.clock.now(), toolVersion: services.toolVersion };
    const { exportTimelines } = await import('../../core/timeline/export-file.ts');
    const text = exportTimelines(payments, options);
    const name = list.length === 1 ? `connect-timeline-${list[0]!.target.paymentId}.json` : 'connect-timelines.json';
    services.saveFile(name, text);
    setNotice({ kind: 'info', text: `Exported ${name}${unredacted ? ' with session ids in clear' : ' (session ids redacted)'}` });
    // Session ids in clear are asked for one export at a time: the next one is redacted again.
    setUnredacted(false);
  };

  // A HAR is streamed (in a worker for a large one), with its progress and a Cancel; a newer file replaces it.
  const importFile = async (file: File) => {
    importing.current?.cancel();
    setImportProgress(null);
    const { openFile } = await import('../state/import-file.ts');
    const run = openFile(file, (progress, where) => {
      if (importing.current === run) setImportProgress({ name: file.name, progress, where });
    });
    importing.current = run;
    const result = await run.done;
    if (importing.current !== run) return;
    importing.current = null;
    setImportProgress(null);
    if (result === 'cancelled') {
      setNotice({ kind: 'info', text: `The import of ${file.name} was cancelled.` });
    } else if (result.ok) {
      setImported(result.value);
      setNotice(null);
    } else {
      setNotice({ kind: 'error', text: `${file.name} was not imported: ${result.reason}` });
    }
  };

  const sessionSelection = useSessionSelection(view.sessions);
  const { selected } = sessionSelection;
  const pollOf = (paymentId: string) => latestPollOf(polls, paymentId);
  const showPoll = (paymentId: string) => {
    const card = pollCard(paymentId);
    card?.scrollIntoView({ block: 'nearest' });
    card?.focus();
  };

  return (
    <div class="panel" data-testid="panel" data-synced={String(state.synced)} onKeyDown={onPanelKey}>
      <Toolbar
        settings={state.settings}
        filter={filter}
        onFilter={setFilter}
        onPreserveLog={(value) => transport.send(message({ type: 'settings-change', change: { key: 'preserveLog', value } }))}
        onClear={() => transport.send(message({ type: 'clear' }))}
        onImport={importFile}
        {...(polls.length > 0 ? { onExport: () => void exportPolls(polls) } : {})}
        settingsOpen={settingsOpen}
        onSettings={() => (settingsOpen ? setSettingsOpen(false) : openSettings())}
        helpOpen={helpOpen}
        onHelp={() => setHelpOpen(!helpOpen)}
        demo={demo}
        onDemo={setDemo}
      />
      <div class="split">
        <nav class="pane sidebar" aria-label="Sessions and payments" data-testid="sidebar" onKeyDown={moveThroughList}>
          {view.sessions.length === 0 ? (
            <p class="muted pane-empty" data-testid="sidebar-empty">
              {state.synced ? 'No client session detected yet.' : 'Connecting…'}
            </p>
          ) : (
            <SessionList
              sessions={view.sessions}
              filter={filter}
              onPoll={requestPoll}
              pollOf={pollOf}
              onShowPoll={showPoll}
              selectedId={selected?.clientSessionId}
              onSelect={sessionSelection.select}
            />
          )}
          {view.unattachedPayments.length > 0 && (
            <section aria-labelledby="unattached-title" data-testid="unattached">
              <h2 id="unattached-title" class="pane-title">Payments without a known session</h2>
              <PaymentList payments={view.unattachedPayments} onChooseSession={chooseSession} pollOf={pollOf} onShowPoll={showPoll} />
            </section>
          )}
        </nav>
        <main class="pane details" aria-label="Details" data-testid="details">
          {helpOpen && <HelpPanel onClose={() => setHelpOpen(false)} />}
          <HealthNotice health={state.health} />
          {notice && (
            <p role={notice.kind === 'error' ? 'alert' : 'status'} class={notice.kind === 'error' ? 'error' : 'muted'} data-testid="notice">
              {notice.text}
            </p>
          )}
          {pending && (
            <ApprovalPrompt
              origin={pending.origin}
              paymentId={pending.target.paymentId}
              asking={pending.asking === true}
              onAllow={approve}
              onCancel={() => setPending(null)}
            />
          )}
          {choosing && (
            <SessionChooser
              paymentId={choosing.payment.paymentId}
              sessions={choosing.candidates}
              onChoose={(session) => requestPoll(session, choosing.payment)}
              onCancel={() => setChoosing(null)}
            />
          )}
          {selected && (
            <SessionDetails session={selected} tab={sessionSelection.tab} onTab={sessionSelection.showTab} onClose={sessionSelection.clear} />
          )}
          {importProgress && <ImportProgress {...importProgress} onCancel={() => importing.current?.cancel()} />}
          {imported && <ImportedView imported={imported} onClose={() => setImported(null)} />}
          {polls.length > 0 && (
            <section aria-labelledby="polls-title" data-testid="polls">
              <h2 id="polls-title" class="pane-title">Third-party status</h2>
              <div class="poll-controls">
                <label>
                  <input type="checkbox" checked={unredacted} onChange={(e) => setUnredacted(e.currentTarget.checked)} data-testid="export-unredacted" />{' '}
                  Include session ids in clear in the next export
                </label>
              </div>
              {polls.map((poll) => (
                <PollCard
                  key={poll.key}
                  poll={poll}
                  navigations={view.navigations}
                  services={services}
                  onExport={() => exportPolls([poll])}
                  onNotice={(text) => setNotice({ kind: 'error', text })}
                  sessionRefused={view.sessions.some((s) => s.refused && s.clientSessionId === poll.target.clientSessionId)}
                />
              ))}
            </section>
          )}
          {view.sessions.length === 0 && polls.length === 0 && !imported && <Welcome synced={state.synced} />}
          <TypedPaymentForm
            sessions={view.sessions}
            clock={services.clock}
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
        </main>
      </div>
      {settingsOpen && settingsDialog && (
        <SettingsDialogView
          Dialog={settingsDialog}
          settings={state.settings}
          hostAccess={services.hostAccess}
          onChange={(change) => transport.send(message({ type: 'settings-change', change }))}
          onClose={() => setSettingsOpen(false)}
        />
      )}
      <StatusBar connection={state.connection} capture={state.capture} polls={polls} onReconnect={() => transport.reconnect()} />
      <p class="visually-hidden" aria-live="polite" data-testid="announcer">
        {announcement}
      </p>
    </div>
  );
}

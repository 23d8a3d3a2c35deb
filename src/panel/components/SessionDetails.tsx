import { useId } from 'preact/hooks';
import type { SessionView } from '../../core/detect/derive-sessions.ts';
import { formatClock } from '../format.ts';
import { DETAIL_TABS, type DetailTab } from '../state/session-selection.ts';
import { CallList } from './CallList.tsx';
import { SecretValue } from './SecretValue.tsx';
import { frameLabel, lifetimeLabel } from './session-labels.ts';

interface Props {
  session: SessionView;
  tab: DetailTab;
  onTab: (tab: DetailTab) => void;
  onClose: () => void;
}

const TAB_LABEL: Record<DetailTab, (session: SessionView) => string> = {
  overview: () => 'Overview',
  calls: (s) => `Calls (${s.calls.length})`,
};

/** Left and Right move between the tabs, Home and End to the first and last (the ARIA tabs pattern). */
function tabFromKey(key: string, tab: DetailTab): DetailTab | undefined {
  const at = DETAIL_TABS.indexOf(tab);
  if (key === 'ArrowRight') return DETAIL_TABS[(at + 1) % DETAIL_TABS.length];
  if (key === 'ArrowLeft') return DETAIL_TABS[(at + DETAIL_TABS.length - 1) % DETAIL_TABS.length];
  if (key === 'Home') return DETAIL_TABS[0];
  if (key === 'End') return DETAIL_TABS.at(-1);
  return undefined;
}

/** The selected session in the details pane: its overview and its Client API calls, a tab each. */
export function SessionDetails({ session, tab, onTab, onClose }: Props) {
  // An imported file's sessions have details of their own beside the tab's: ids unique to each.
  const base = useId();
  const id = (t: DetailTab) => `${base}-${t}`;
  return (
    <section
      class="session-details"
      aria-labelledby={`${base}-title`}
      data-testid="session-details"
      data-customer-id={session.customerId}
      data-tab={tab}
    >
      <header>
        <h2 id={`${base}-title`} class="pane-title">
          Session of customer <span class="mono">{session.customerId}</span>
        </h2>
        <button type="button" class="close" aria-label="Close the session's details" onClick={onClose} data-testid="session-details-close">
          ×
        </button>
      </header>
      <div
        role="tablist"
        aria-label="Session details"
        class="tabs"
        onKeyDown={(event) => {
          const next = tabFromKey(event.key, tab);
          if (next === undefined) return;
          event.preventDefault();
          onTab(next);
          (event.currentTarget.querySelector(`#${id(next)}-tab`) as HTMLElement | null)?.focus();
        }}
      >
        {DETAIL_TABS.map((t) => (
          <button
            type="button"
            role="tab"
            id={`${id(t)}-tab`}
            aria-selected={t === tab}
            aria-controls={id(t)}
            tabIndex={t === tab ? 0 : -1}
            onClick={() => onTab(t)}
            data-testid={`session-tab-${t}`}
          >
            {TAB_LABEL[t](session)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={id(tab)} aria-labelledby={`${id(tab)}-tab`} class="tab-panel" tabIndex={0}>
        {tab === 'overview' && <Overview session={session} />}
        {tab === 'calls' && <CallList calls={session.calls} />}
      </div>
    </section>
  );
}

function Overview({ session }: { session: SessionView }) {
  return (
    <dl>
      <dt>Session id</dt>
      <dd>
        <SecretValue value={session.clientSessionId} label="client session id" />
      </dd>
      <dt>Client API</dt>
      <dd class="mono">{session.clientApiUrl}</dd>
      {session.assetUrl && (
        <>
          <dt>Assets</dt>
          <dd class="mono">{session.assetUrl}</dd>
        </>
      )}
      {session.sdk && session.sdkSource === 'meta-info' && (
        <>
          <dt>SDK</dt>
          <dd class="mono" data-testid="session-sdk-meta">
            {session.sdk.identifier}
            {session.sdk.creator !== undefined && ` by ${session.sdk.creator === '' ? '(no creator)' : session.sdk.creator}`}
            {session.sdkGlobal !== undefined && `, through the ${session.sdkGlobal} global`}
          </dd>
        </>
      )}
      <dt>Frames</dt>
      <dd data-testid="session-frames">{session.frames.length === 0 ? 'seen on the network only' : session.frames.map(frameLabel).join('; ')}</dd>
      <dt>Seen</dt>
      <dd>
        first {formatClock(session.firstSeen)}, last {formatClock(session.lastSeen)}
      </dd>
      <dt>Lifetime</dt>
      <dd>{lifetimeLabel(session)}</dd>
    </dl>
  );
}

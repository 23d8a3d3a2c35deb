import { useState } from 'preact/hooks';
import type { PaymentView, SessionView } from '../../core/detect/derive-sessions.ts';
import { ENVIRONMENT_LABEL, PLATFORM_LABEL, PLATFORM_SIGN_LABEL, SDK_GLOBAL_LABEL, formatClock, formatDuration } from '../format.ts';
import type { PaymentPoll } from '../state/poll-manager.ts';
import { CallList } from './CallList.tsx';
import { PaymentList } from './PaymentList.tsx';
import { SecretValue } from './SecretValue.tsx';

function sdkLabel(session: SessionView): string {
  if (session.sdk && session.sdkSource === 'meta-info') {
    return [session.sdk.name, session.sdk.version && `v${session.sdk.version}`].filter(Boolean).join(' ');
  }
  if (session.sdkGlobal) return `${SDK_GLOBAL_LABEL[session.sdkGlobal] ?? session.sdkGlobal} (version shows with its next call)`;
  return 'SDK not identified';
}

function lifetimeLabel(session: SessionView): string {
  if (session.refused) {
    const by = session.refused.by === 'page' ? "the page's call" : "the panel's poll";
    return `Refused by the platform at ${formatClock(session.refused.at)} (403, code 9008, to ${by}): it has expired, or it is not valid for customer ${session.customerId}`;
  }
  if (session.expired) return 'Expired (more than 2 hours since first seen)';
  return `At most ${formatDuration(session.remainingMs)} left (sessions live 2 hours; created before ${formatClock(session.firstSeen)})`;
}

function frameLabel(frame: SessionView['frames'][number]): string {
  return `${frame.frameId === 0 ? 'top frame' : `frame ${frame.frameId}`}: ${frame.url}`;
}

interface Props {
  session: SessionView;
  /** Absent for read-only views (an imported file). */
  onPoll?: (session: SessionView, payment: PaymentView) => void;
  /** The panel's poll of a payment, for its status chip; and how to bring its timeline into view. */
  pollOf?: (paymentId: string) => PaymentPoll | undefined;
  onShowPoll?: (paymentId: string) => void;
}

export function SessionCard({ session, onPoll, pollOf, onShowPoll }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <article
      class="session"
      tabIndex={0}
      data-nav-item
      aria-label={`Session of customer ${session.customerId}`}
      data-testid="session"
      data-customer-id={session.customerId}
      data-expired={String(session.expired)}
      data-refused={String(session.refused !== undefined)}
    >
      <header>
        <h3 class="mono" data-testid="session-customer">
          {session.customerId}
        </h3>
        <span class="badge" data-testid="session-environment">
          {ENVIRONMENT_LABEL[session.environment]}
        </span>
        <span class="badge" data-testid="session-platform" data-platform={session.platform} title={`Told by ${PLATFORM_SIGN_LABEL[session.platformSign] ?? session.platformSign}`}>
          {PLATFORM_LABEL[session.platform]}
        </span>
        {session.hostedCheckout && (
          <span class="badge" data-testid="session-hosted-checkout" title="Worldline's hosted checkout (MyCheckout): the SDK runs in Worldline's own payment page">
            Hosted checkout
          </span>
        )}
        <span class="badge" data-testid="session-sdk">
          {sdkLabel(session)}
        </span>
      </header>
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
        <dd data-testid="session-frames">
          {session.frames.length === 0 ? 'seen on the network only' : session.frames.map(frameLabel).join('; ')}
        </dd>
        <dt>Seen</dt>
        <dd>
          first {formatClock(session.firstSeen)}, last {formatClock(session.lastSeen)}
        </dd>
        <dt>Lifetime</dt>
        <dd data-testid="session-lifetime">{lifetimeLabel(session)}</dd>
      </dl>
      {!session.poll.canPoll && (
        <p class="note" data-testid="session-poll-reason">
          {session.poll.reason}
        </p>
      )}
      {session.poll.canPoll && session.platformNote !== undefined && (
        <p class="note" data-testid="session-platform-note">
          {session.platformNote}
        </p>
      )}
      <h4 class="payments-title" data-testid="session-payment-count" data-count={session.payments.length}>
        {session.payments.length} payment{session.payments.length === 1 ? '' : 's'}
      </h4>
      <PaymentList
        payments={session.payments}
        {...(onPoll ? { onPoll: (payment: PaymentView) => onPoll(session, payment) } : {})}
        {...(pollOf ? { pollOf } : {})}
        {...(onShowPoll ? { onShowPoll } : {})}
      />
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="session-toggle">
        {open ? 'Hide' : 'Show'} {session.calls.length} call{session.calls.length === 1 ? '' : 's'}
      </button>
      {open && (
        <div class="session-details">
          <CallList calls={session.calls} />
        </div>
      )}
    </article>
  );
}

import type { SessionView } from '../../core/detect/derive-sessions.ts';
import { SDK_GLOBAL_LABEL, formatClock, formatDuration } from '../format.ts';

/** The SDK of a session in a few words: from its calls' meta-info, else the global it created. */
export function sdkLabel(session: SessionView): string {
  if (session.sdk && session.sdkSource === 'meta-info') {
    return [session.sdk.name, session.sdk.version && `v${session.sdk.version}`].filter(Boolean).join(' ');
  }
  if (session.sdkGlobal) return `${SDK_GLOBAL_LABEL[session.sdkGlobal] ?? session.sdkGlobal} (version shows with its next call)`;
  return 'SDK not identified';
}

/** How long a session has left, or why it has none. */
export function lifetimeLabel(session: SessionView): string {
  if (session.refused) {
    const by = session.refused.by === 'page' ? "the page's call" : "the panel's poll";
    return `Refused by the platform at ${formatClock(session.refused.at)} (403, code 9008, to ${by}): it has expired, or it is not valid for customer ${session.customerId}`;
  }
  if (session.expired) return 'Expired (more than 2 hours since first seen)';
  return `At most ${formatDuration(session.remainingMs)} left (sessions live 2 hours; created before ${formatClock(session.firstSeen)})`;
}

export function frameLabel(frame: SessionView['frames'][number]): string {
  return `${frame.frameId === 0 ? 'top frame' : `frame ${frame.frameId}`}: ${frame.url}`;
}

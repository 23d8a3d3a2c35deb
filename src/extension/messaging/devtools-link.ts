import type { PortStatus } from './reconnecting-port.ts';

/**
 * The devtools page and the panel of one inspected tab talk directly over a BroadcastChannel: the
 * devtools page's port to the service worker receives nothing, so only the devtools page knows
 * whether that port gave up, and only the panel can show it and offer Reconnect.
 */
export type DevtoolsLinkMessage = { type: 'status'; status: PortStatus } | { type: 'ask-status' } | { type: 'reconnect' };

/** The part of BroadcastChannel the link uses; a fake pair in tests. */
export interface LinkChannel {
  postMessage(message: DevtoolsLinkMessage): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export const devtoolsLinkName = (tabId: number) => `connect-devtools:tab:${tabId}`;

function parse(data: unknown): DevtoolsLinkMessage | undefined {
  const type = (data as { type?: unknown } | null)?.type;
  if (type === 'ask-status' || type === 'reconnect') return { type };
  const status = (data as { status?: unknown }).status;
  if (type === 'status' && (status === 'connected' || status === 'reconnecting' || status === 'closed')) return { type, status };
  return undefined;
}

/** The devtools page's side: tells its port's status, and reconnects when the panel asks. */
export function serveDevtoolsLink(channel: LinkChannel, port: { readonly status: PortStatus; reconnect(): void }) {
  channel.onmessage = (event) => {
    const message = parse(event.data);
    if (message?.type === 'ask-status') channel.postMessage({ type: 'status', status: port.status });
    else if (message?.type === 'reconnect') port.reconnect();
  };
  return (status: PortStatus) => channel.postMessage({ type: 'status', status });
}

/** The panel's side: the devtools page's port status as it changes, and a way to ask it to reconnect. */
export function joinDevtoolsLink(channel: LinkChannel, onStatus: (status: PortStatus) => void) {
  channel.onmessage = (event) => {
    const message = parse(event.data);
    if (message?.type === 'status') onStatus(message.status);
  };
  channel.postMessage({ type: 'ask-status' });
  return { reconnect: () => channel.postMessage({ type: 'reconnect' }) };
}

import type { Clock } from '../../core/clock.ts';
import { checkToPanel } from './check-to-panel.ts';
import { message, portName, type FromPanel, type ToPanel } from './envelope.ts';
import { devtoolsLinkName, joinDevtoolsLink, type LinkChannel } from './devtools-link.ts';
import { createReconnectingPort, type PortStatus, type RawPort } from './reconnecting-port.ts';
import { panelApi } from '../platform/panel-api.ts';

/**
 * The panel's only seam to the rest of the extension. In the browser it is a reconnecting port to
 * the service worker; in tests and recorded demos, anything that delivers the same messages.
 */
export interface PanelTransport {
  readonly tabId: number;
  send(message: FromPanel): void;
  /** Returns an unsubscribe function. */
  subscribe(listener: (message: ToPanel) => void): () => void;
  /** The panel's own port to the service worker. */
  onStatus(listener: (status: PortStatus) => void): () => void;
  /** The devtools page's port (network capture), which the panel cannot see otherwise. */
  onCaptureStatus(listener: (status: PortStatus) => void): () => void;
  /** After a port gave up: try both again. */
  reconnect(): void;
}

export function createPanelPortTransport(tabId: number, clock: Clock<ReturnType<typeof setTimeout>>): PanelTransport {
  const listeners = new Set<(message: ToPanel) => void>();
  // The snapshot can arrive before the UI subscribes: hold messages until someone listens.
  const early: ToPanel[] = [];
  const statusListeners = new Set<(status: PortStatus) => void>();
  const captureListeners = new Set<(status: PortStatus) => void>();
  // Until the devtools page answers, assume it is fine: it starts before the panel.
  let captureStatus: PortStatus = 'connected';
  const link = joinDevtoolsLink(new BroadcastChannel(devtoolsLinkName(tabId)) as unknown as LinkChannel, (status) => {
    captureStatus = status;
    captureListeners.forEach((listener) => listener(status));
  });
  const port = createReconnectingPort<ToPanel, FromPanel>({
    name: portName('panel', tabId),
    connect: (name) => panelApi().runtime.connect({ name }) as unknown as RawPort,
    // The port is the extension's own and the service worker checked with zod what it sends: the envelope's shape is enough.
    decode: checkToPanel,
    onMessage: (msg) => {
      if (listeners.size === 0) early.push(msg);
      else listeners.forEach((listener) => listener(msg));
    },
    // Every (re)connection asks for a full snapshot: a restarted service worker reloads it from storage.
    onConnect: (post) => post(message({ type: 'hello' })),
    onStatus: (status) => statusListeners.forEach((listener) => listener(status)),
    setTimeout: clock.setTimeout,
    clearTimeout: (handle) => clock.clearTimeout(handle as ReturnType<typeof setTimeout>),
  });
  return {
    tabId,
    // The service worker checks what the panel sends with zod on receipt, as it checks every sender.
    send: (msg) => port.post(msg),
    subscribe(listener) {
      listeners.add(listener);
      for (const msg of early.splice(0)) listener(msg);
      return () => listeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(port.status);
      return () => statusListeners.delete(listener);
    },
    onCaptureStatus(listener) {
      captureListeners.add(listener);
      listener(captureStatus);
      return () => captureListeners.delete(listener);
    },
    reconnect() {
      port.reconnect();
      link.reconnect();
    },
  };
}

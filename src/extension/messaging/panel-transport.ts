import browser from 'webextension-polyfill';
import { fromPanelSchema, message, portName, toPanelSchema, type FromPanel, type ToPanel } from './envelope.ts';
import { createReconnectingPort, type PortStatus, type RawPort } from './reconnecting-port.ts';

/**
 * The panel's only seam to the rest of the extension. In the browser it is a reconnecting port to
 * the service worker; in tests and recorded demos, anything that delivers the same messages.
 */
export interface PanelTransport {
  readonly tabId: number;
  send(message: FromPanel): void;
  /** Returns an unsubscribe function. */
  subscribe(listener: (message: ToPanel) => void): () => void;
  onStatus(listener: (status: PortStatus) => void): () => void;
}

export function createPanelPortTransport(tabId: number): PanelTransport {
  const listeners = new Set<(message: ToPanel) => void>();
  // The snapshot can arrive before the UI subscribes: hold messages until someone listens.
  const early: ToPanel[] = [];
  const statusListeners = new Set<(status: PortStatus) => void>();
  const port = createReconnectingPort<ToPanel, FromPanel>({
    name: portName('panel', tabId),
    connect: (name) => browser.runtime.connect({ name }) as unknown as RawPort,
    schema: toPanelSchema,
    onMessage: (msg) => {
      if (listeners.size === 0) early.push(msg);
      else listeners.forEach((listener) => listener(msg));
    },
    // Every (re)connection asks for a full snapshot: a restarted service worker reloads it from storage.
    onConnect: (post) => post(message({ type: 'hello' })),
    onStatus: (status) => statusListeners.forEach((listener) => listener(status)),
  });
  return {
    tabId,
    send: (msg) => {
      if (fromPanelSchema.safeParse(msg).success) port.post(msg);
    },
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
  };
}

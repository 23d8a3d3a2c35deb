import type { FromPanel, ToPanel } from '../../../src/extension/messaging/envelope.ts';
import type { PanelTransport } from '../../../src/extension/messaging/panel-transport.ts';
import type { PortStatus } from '../../../src/extension/messaging/reconnecting-port.ts';

/** The panel's seam, played by the test: what the panel sent, and a way to deliver messages to it. */
export class FakeTransport implements PanelTransport {
  readonly sent: FromPanel[] = [];
  private listeners = new Set<(message: ToPanel) => void>();
  private statusListeners = new Set<(status: PortStatus) => void>();
  private status: PortStatus = 'reconnecting';

  constructor(readonly tabId: number) {}

  send(message: FromPanel) {
    this.sent.push(message);
  }
  subscribe(listener: (message: ToPanel) => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  onStatus(listener: (status: PortStatus) => void) {
    this.statusListeners.add(listener);
    listener(this.status);
    return () => void this.statusListeners.delete(listener);
  }
  deliver(message: ToPanel) {
    this.listeners.forEach((listener) => listener(message));
  }
  setStatus(status: PortStatus) {
    this.status = status;
    this.statusListeners.forEach((listener) => listener(status));
  }
}

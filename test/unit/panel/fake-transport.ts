import type { Observation } from '../../../src/core/detect/observation.ts';
import { DEFAULT_SETTINGS, HEALTHY, type FromPanel, type Settings, type ToPanel } from '../../../src/extension/messaging/envelope.ts';
import type { PanelTransport } from '../../../src/extension/messaging/panel-transport.ts';
import type { PortStatus } from '../../../src/extension/messaging/reconnecting-port.ts';

const channel = 'connect-devtools' as const;

/** The panel's seam, played by the test: what the panel sent, and a way to deliver messages to it. */
export class FakeTransport implements PanelTransport {
  readonly sent: FromPanel[] = [];
  reconnects = 0;
  private listeners = new Set<(message: ToPanel) => void>();
  private statusListeners = new Set<(status: PortStatus) => void>();
  private captureListeners = new Set<(status: PortStatus) => void>();
  private status: PortStatus = 'reconnecting';
  private capture: PortStatus = 'connected';
  /** The worker's side of the revision rule, for the shorthand deliveries below. */
  epoch = 'epoch-1';
  revision = 0;

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
  onCaptureStatus(listener: (status: PortStatus) => void) {
    this.captureListeners.add(listener);
    listener(this.capture);
    return () => void this.captureListeners.delete(listener);
  }
  reconnect() {
    this.reconnects += 1;
  }
  deliver(message: ToPanel) {
    this.listeners.forEach((listener) => listener(message));
  }
  /** A snapshot at the current revision, as the worker sends it on hello; settings not given are the defaults. */
  snapshot(observations: Observation[], settings: Partial<Settings> = {}) {
    this.deliver({ channel, type: 'snapshot', tabId: this.tabId, epoch: this.epoch, revision: this.revision, observations, settings: { ...DEFAULT_SETTINGS, ...settings }, health: HEALTHY });
  }
  /** The next append, one revision on. */
  append(observations: Observation[], tabId = this.tabId) {
    if (tabId === this.tabId) this.revision += 1;
    this.deliver({ channel, type: 'appended', tabId, epoch: this.epoch, revision: this.revision, observations });
  }
  setStatus(status: PortStatus) {
    this.status = status;
    this.statusListeners.forEach((listener) => listener(status));
  }
  setCaptureStatus(status: PortStatus) {
    this.capture = status;
    this.captureListeners.forEach((listener) => listener(status));
  }
}

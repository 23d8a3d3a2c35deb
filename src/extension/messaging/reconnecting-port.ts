import type { z } from 'zod';

/** The part of `runtime.Port` we use; a fake implements it in tests. */
export interface RawPort {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export type PortStatus = 'connected' | 'reconnecting' | 'closed';

export interface ReconnectingPortOptions<In, Out> {
  name: string;
  connect: (name: string) => RawPort;
  /** Only messages that parse reach the handler; the rest are dropped. */
  schema: z.ZodType<In>;
  onMessage: (message: In) => void;
  /** Called after every (re)connection, the first included: the place to ask for a fresh snapshot. */
  onConnect?: (post: (message: Out) => void) => void;
  onStatus?: (status: PortStatus) => void;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  /** Give up after this many failed attempts in a row (extension reloaded or removed). */
  maxAttempts?: number;
  /**
   * A connection that stays up this long counts as a success and resets the failure count. A port
   * to an extension that is gone "connects" and drops at once, so connecting alone proves nothing,
   * and an incoming message cannot be the proof either: some ports never receive one.
   */
  stableAfterMs?: number;
}

export interface ReconnectingPort<Out> {
  post(message: Out): void;
  close(): void;
  /** After giving up: try again from a clean slate (the user pressed Reconnect). */
  reconnect(): void;
  readonly status: PortStatus;
}

/**
 * A port that reconnects by itself. A Manifest V3 service worker stops when idle or is restarted
 * by the browser; every port to it then disconnects, and the other end must connect again.
 */
export function createReconnectingPort<In, Out>(options: ReconnectingPortOptions<In, Out>): ReconnectingPort<Out> {
  const schedule = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
  const cancel = options.clearTimeout ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const maxAttempts = options.maxAttempts ?? 20;
  const stableAfterMs = options.stableAfterMs ?? 1000;
  let port: RawPort | null = null;
  let status: PortStatus = 'reconnecting';
  let gaveUp = false;
  let failures = 0;
  let stableTimer: unknown;
  const pending: Out[] = [];

  const setStatus = (next: PortStatus) => {
    if (status === next) return;
    status = next;
    options.onStatus?.(next);
  };

  const open = () => {
    if (status === 'closed') return;
    let next: RawPort;
    try {
      next = options.connect(options.name);
    } catch {
      // The extension context is gone (reloaded or uninstalled): retrying cannot help for long.
      retry();
      return;
    }
    port = next;
    stableTimer = schedule(() => {
      if (port === next) failures = 0;
    }, stableAfterMs);
    next.onMessage.addListener((raw) => {
      const parsed = options.schema.safeParse(raw);
      if (parsed.success) options.onMessage(parsed.data);
    });
    next.onDisconnect.addListener(() => {
      if (port !== next) return;
      cancel(stableTimer);
      port = null;
      if (status !== 'closed') retry();
    });
    setStatus('connected');
    for (const message of pending.splice(0)) next.postMessage(message);
    options.onConnect?.((message) => next.postMessage(message));
  };

  const retry = () => {
    failures += 1;
    if (failures > maxAttempts) {
      gaveUp = true;
      setStatus('closed');
      return;
    }
    setStatus('reconnecting');
    schedule(open, Math.min(2000, 50 * 2 ** (failures - 1)));
  };

  open();

  return {
    post(message) {
      if (status === 'closed') return;
      if (port) {
        try {
          port.postMessage(message);
          return;
        } catch {
          port = null;
          retry();
        }
      }
      if (pending.length < 1000) pending.push(message);
    },
    reconnect() {
      if (!gaveUp || port) return;
      gaveUp = false;
      failures = 0;
      status = 'reconnecting';
      options.onStatus?.('reconnecting');
      open();
    },
    close() {
      gaveUp = false;
      cancel(stableTimer);
      setStatus('closed');
      port?.disconnect();
      port = null;
      pending.length = 0;
    },
    get status() {
      return status;
    },
  };
}

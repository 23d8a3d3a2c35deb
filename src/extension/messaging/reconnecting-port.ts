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
  /** Give up after this many failed attempts in a row (extension reloaded or removed). */
  maxAttempts?: number;
}

export interface ReconnectingPort<Out> {
  post(message: Out): void;
  close(): void;
  readonly status: PortStatus;
}

/**
 * A port that reconnects by itself. A Manifest V3 service worker stops when idle or is restarted
 * by the browser; every port to it then disconnects, and the other end must connect again.
 */
export function createReconnectingPort<In, Out>(options: ReconnectingPortOptions<In, Out>): ReconnectingPort<Out> {
  const schedule = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
  const maxAttempts = options.maxAttempts ?? 20;
  let port: RawPort | null = null;
  let status: PortStatus = 'reconnecting';
  let failures = 0;
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
    next.onMessage.addListener((raw) => {
      failures = 0;
      const parsed = options.schema.safeParse(raw);
      if (parsed.success) options.onMessage(parsed.data);
    });
    next.onDisconnect.addListener(() => {
      if (port !== next) return;
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
    close() {
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

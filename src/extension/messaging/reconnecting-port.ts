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
  /**
   * What a message that arrived is, or undefined to drop it: only what it returns reaches the
   * handler. A receiver that cannot trust the sender parses with zod here; one that throws drops
   * the message too.
   */
  decode: (raw: unknown) => In | undefined;
  onMessage: (message: In) => void;
  /** Called after every (re)connection, the first included: the place to ask for a fresh snapshot. */
  onConnect?: (post: (message: Out) => void) => void;
  onStatus?: (status: PortStatus) => void;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  /**
   * Give up after this many `connect` calls in a row that threw: the extension context is gone
   * (reloaded or removed), and no retry can bring it back.
   */
  maxAttempts?: number;
  /**
   * A connection that stays up this long counts as healthy and resets the wait before the next
   * attempt. A dropped connection only lengthens the wait (up to 0.5 s), never ends the retries: a
   * service worker can be stopped any number of times in a row. An incoming message is no proof of
   * health either way: the devtools page's port never receives one.
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
const MAX_WAIT_MS = 500;

export function createReconnectingPort<In, Out>(options: ReconnectingPortOptions<In, Out>): ReconnectingPort<Out> {
  const schedule = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
  const cancel = options.clearTimeout ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const maxAttempts = options.maxAttempts ?? 20;
  const stableAfterMs = options.stableAfterMs ?? 1000;
  let port: RawPort | null = null;
  let status: PortStatus = 'reconnecting';
  let gaveUp = false;
  /** Connections in a row that did not hold: they set the wait. */
  let drops = 0;
  /** `connect` calls in a row that threw: they end the retries. */
  let refusals = 0;
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
      refusals += 1;
      if (refusals > maxAttempts) {
        gaveUp = true;
        setStatus('closed');
        return;
      }
      retryAfter(refusals);
      return;
    }
    refusals = 0;
    port = next;
    stableTimer = schedule(() => {
      if (port === next) drops = 0;
    }, stableAfterMs);
    next.onMessage.addListener((raw) => {
      let decoded: In | undefined;
      try {
        decoded = options.decode(raw);
      } catch {
        return;
      }
      if (decoded !== undefined) options.onMessage(decoded);
    });
    next.onDisconnect.addListener(() => {
      if (port !== next) return;
      cancel(stableTimer);
      port = null;
      if (status !== 'closed') dropped();
    });
    setStatus('connected');
    for (const message of pending.splice(0)) next.postMessage(message);
    options.onConnect?.((message) => next.postMessage(message));
  };

  // Short waits: a stopped worker is the common case and a panel waiting on it looks frozen. The
  // backoff only keeps a worker that dies at start from being woken in a hot loop.
  const retryAfter = (attempt: number) => {
    setStatus('reconnecting');
    schedule(open, Math.min(MAX_WAIT_MS, 50 * 2 ** (attempt - 1)));
  };

  const dropped = () => {
    drops += 1;
    retryAfter(drops);
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
          dropped();
        }
      }
      if (pending.length < 1000) pending.push(message);
    },
    reconnect() {
      if (!gaveUp || port) return;
      gaveUp = false;
      drops = 0;
      refusals = 0;
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

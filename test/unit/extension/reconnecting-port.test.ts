import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createReconnectingPort, type RawPort } from '../../../src/extension/messaging/reconnecting-port.ts';

/** A fake runtime port: the test plays the service worker's side. */
class FakePort implements RawPort {
  sent: unknown[] = [];
  private messageListeners: ((m: unknown) => void)[] = [];
  private disconnectListeners: (() => void)[] = [];
  onMessage = { addListener: (l: (m: unknown) => void) => void this.messageListeners.push(l) };
  onDisconnect = { addListener: (l: () => void) => void this.disconnectListeners.push(l) };
  disconnected = false;
  postMessage(message: unknown) {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    this.sent.push(message);
  }
  disconnect() {
    this.disconnected = true;
  }
  /** The other side goes away, as when the service worker stops. */
  drop() {
    this.disconnected = true;
    this.disconnectListeners.forEach((l) => l());
  }
  deliver(message: unknown) {
    this.messageListeners.forEach((l) => l(message));
  }
}

function setup(connectImpl?: (name: string) => RawPort) {
  const ports: FakePort[] = [];
  const timers: (() => void)[] = [];
  /** The waits before each new attempt (the 1 s timers that decide a connection held are left out). */
  const waits: number[] = [];
  const received: { n: number }[] = [];
  const statuses: string[] = [];
  let connects = 0;
  const port = createReconnectingPort<{ n: number }, string>({
    name: 'panel:7',
    connect: connectImpl ?? (() => {
      const p = new FakePort();
      ports.push(p);
      return p;
    }),
    decode: (raw) => {
      if (raw === 'throws') throw new Error('a decoder that throws');
      const parsed = z.object({ n: z.number() }).safeParse(raw);
      return parsed.success ? parsed.data : undefined;
    },
    onMessage: (m) => received.push(m),
    onConnect: (post) => {
      connects += 1;
      post('hello');
    },
    onStatus: (s) => statuses.push(s),
    setTimeout: (fn, ms) => {
      timers.push(Object.assign(fn, { ms }));
      if (ms !== 1000) waits.push(ms);
    },
    maxAttempts: 3,
    stableAfterMs: 1000,
  });
  const runTimers = () => timers.splice(0).forEach((fn) => fn());
  /** Runs only the timers that decide a connection held (the reconnect waits stay queued). */
  const holdConnection = () => {
    const stable = timers.filter((fn) => (fn as unknown as { ms: number }).ms === 1000);
    for (const fn of stable) timers.splice(timers.indexOf(fn), 1);
    stable.forEach((fn) => fn());
  };
  return { port, ports, received, statuses, runTimers, holdConnection, waits, connects: () => connects };
}

describe('createReconnectingPort', () => {
  it('says hello on connect and delivers only messages its decoder accepts, dropping those it throws on', () => {
    const t = setup();
    expect(t.ports).toHaveLength(1);
    expect(t.ports[0]!.sent).toEqual(['hello']);
    t.ports[0]!.deliver({ n: 1 });
    t.ports[0]!.deliver({ n: 'forged' });
    t.ports[0]!.deliver('garbage');
    t.ports[0]!.deliver('throws');
    t.ports[0]!.deliver({ n: 2 });
    expect(t.received).toEqual([{ n: 1 }, { n: 2 }]);
    expect(t.port.status).toBe('connected');
  });

  it('reconnects after the other side disconnects and says hello again', () => {
    const t = setup();
    t.ports[0]!.drop();
    expect(t.port.status).toBe('reconnecting');
    t.runTimers();
    expect(t.ports).toHaveLength(2);
    expect(t.port.status).toBe('connected');
    expect(t.connects()).toBe(2);
    expect(t.ports[1]!.sent).toEqual(['hello']);
  });

  it('queues messages posted while disconnected and sends them after reconnecting', () => {
    const t = setup();
    t.ports[0]!.drop();
    t.port.post('a');
    t.port.post('b');
    t.runTimers();
    expect(t.ports[1]!.sent).toEqual(['a', 'b', 'hello']);
  });

  it('recovers when posting to a port that died without telling', () => {
    const t = setup();
    t.ports[0]!.disconnected = true;
    t.port.post('lost?');
    t.runTimers();
    expect(t.ports[1]!.sent).toContain('lost?');
  });

  it('gives up after repeated failures to connect, and says so', () => {
    const t = setup(() => {
      throw new Error('Extension context invalidated.');
    });
    for (let i = 0; i < 5; i++) t.runTimers();
    expect(t.port.status).toBe('closed');
    expect(t.statuses.at(-1)).toBe('closed');
  });

  it('ignores a stale port disconnecting after a newer one connected', () => {
    const t = setup();
    const first = t.ports[0]!;
    first.drop();
    t.runTimers();
    first.drop();
    expect(t.port.status).toBe('connected');
    expect(t.ports).toHaveLength(2);
  });

  it('stops for good when closed', () => {
    const t = setup();
    t.port.close();
    t.port.post('after close');
    t.runTimers();
    expect(t.ports).toHaveLength(1);
    expect(t.ports[0]!.sent).toEqual(['hello']);
    expect(t.port.status).toBe('closed');
  });

  it('never gives up on a port that receives nothing, as long as each connection held (100 worker restarts)', () => {
    const t = setup();
    for (let i = 0; i < 100; i++) {
      t.holdConnection();
      t.ports.at(-1)!.drop();
      t.runTimers();
    }
    expect(t.port.status).toBe('connected');
    expect(t.ports).toHaveLength(101);
  });

  it('never gives up on connections that drop at once (a worker stopped 100 times in a row), and waits at most 0.5 s between tries', () => {
    const t = setup();
    for (let i = 0; i < 100; i++) {
      t.ports.at(-1)!.deliver({ n: i });
      t.ports.at(-1)!.drop();
      t.runTimers();
    }
    expect(t.port.status).toBe('connected');
    expect(t.ports).toHaveLength(101);
    expect(t.waits).toHaveLength(100);
    expect(Math.max(...t.waits)).toBe(500);
  });

  it('starts afresh on reconnect() after giving up, and says hello again', () => {
    let contextGone = true;
    const ports: FakePort[] = [];
    const t = setup((): RawPort => {
      if (contextGone) throw new Error('Extension context invalidated.');
      const p = new FakePort();
      ports.push(p);
      return p;
    });
    for (let i = 0; i < 4; i++) t.runTimers();
    expect(t.port.status).toBe('closed');
    contextGone = false;
    const before = t.connects();
    t.port.reconnect();
    expect(t.port.status).toBe('connected');
    expect(t.connects()).toBe(before + 1);
    expect(ports.at(-1)!.sent).toEqual(['hello']);
  });
});

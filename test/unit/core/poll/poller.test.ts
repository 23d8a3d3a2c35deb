import { describe, expect, it } from 'vitest';
import { createPoller, type PollerEvent, type PollerOptions } from '../../../../src/core/poll/poller.ts';
import type { PollStop } from '../../../../src/core/timeline/poll-record.ts';
import { createFakeClock, createScriptedFetch, json, statusStep, type Step } from './fake-network.ts';

const target = {
  clientApiUrl: 'https://ams1.sandbox.api-ingenico.com/client',
  customerId: '9991-66bb4ae9335c4d11a350d39ddd9a3139',
  paymentId: '000000123410000595980000100001',
  clientSessionId: '51d29012e6ce4b81afa6cc7551ef4e36',
};
const meta = { toolVersion: '0.1.0', platformIdentifier: 'Mozilla/5.0 (X11; Linux x86_64)' };

const expired = json(403, {
  errorId: '5f0e',
  errors: [{ code: '9008', id: 'ACCESS_TO_CONSUMER_ID_NOT_ALLOWED', category: 'CONNECT_PLATFORM_ERROR', httpStatusCode: 403 }],
});
const unavailable: Step = { status: 503, body: '<html><body>Service Unavailable</body></html>', headers: { 'content-type': 'text/html' } };

function setup(
  script: Step[] | ((call: number) => Step),
  { options, random, latencyMs }: { options?: Partial<PollerOptions>; random?: () => number; latencyMs?: number } = {},
) {
  const fake = createFakeClock();
  const net = createScriptedFetch(fake, script, latencyMs);
  const events: PollerEvent[] = [];
  const poller = createPoller({
    target,
    meta,
    fetch: net.fetch,
    clock: fake.clock,
    random: random ?? (() => 0.5),
    ...(options ? { options } : {}),
    onEvent: (event) => events.push(event),
  });
  const records = () => events.flatMap((e) => (e.kind === 'record' ? [e.record] : []));
  const nexts = () => events.flatMap((e) => (e.kind === 'record' && e.next ? [e.next] : []));
  const stops = () => events.filter((e): e is PollStop => e.kind === 'stopped');
  /** Time from each answer to the request after it, as the network saw it. */
  const gaps = () => records().flatMap((r, i) => (net.calls[i + 1] ? [net.calls[i + 1]!.at - r.endedAt] : []));
  return { fake, net, poller, events, records, nexts, stops, gaps };
}

describe('createPoller', () => {
  it('follows WAITING → INITIALIZED → AUTHORIZED → COMPLETED and stops by itself at COMPLETED', async () => {
    const t = setup([
      statusStep('WAITING'),
      statusStep('WAITING'),
      statusStep('INITIALIZED'),
      statusStep('AUTHORIZED'),
      statusStep('AUTHORIZED'),
      statusStep('COMPLETED'),
      statusStep('WAITING'),
    ]);
    t.poller.start();
    await t.fake.advance(60_000);

    expect(t.records().map((r) => (r.outcome.kind === 'status' ? r.outcome.status : r.outcome.kind))).toEqual([
      'WAITING',
      'WAITING',
      'INITIALIZED',
      'AUTHORIZED',
      'AUTHORIZED',
      'COMPLETED',
    ]);
    expect(t.records().map((r) => r.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(t.net.calls).toHaveLength(6);
    expect(t.stops()).toEqual([
      { kind: 'stopped', at: t.records()[5]!.endedAt, reason: 'completed', message: expect.stringContaining('COMPLETED') },
    ]);
    expect(t.events.at(-1)?.kind).toBe('stopped');
    expect(t.poller.state()).toMatchObject({ phase: 'stopped', running: false, inFlight: false, polls: 6, errors: 0 });
    expect(t.fake.pendingTimers()).toBe(0);
    // One second between an answer and the next request, the default.
    expect(t.gaps()).toEqual([1000, 1000, 1000, 1000, 1000]);
  });

  it('sends exactly the SDK request: URL, GCS v1Client and a meta info naming this tool', async () => {
    const t = setup([statusStep('COMPLETED')]);
    t.poller.start();
    await t.fake.advance(1000);
    const { request } = t.net.calls[0]!;
    expect(request.method).toBe('GET');
    expect(request.url).toBe(
      'https://ams1.sandbox.api-ingenico.com/client/v1/9991-66bb4ae9335c4d11a350d39ddd9a3139/payments/000000123410000595980000100001/thirdpartystatus',
    );
    expect(request.headers.Authorization).toBe('GCS v1Client:51d29012e6ce4b81afa6cc7551ef4e36');
    const metaInfo = JSON.parse(atob(request.headers['X-GCS-ClientMetaInfo']!)) as unknown;
    expect(metaInfo).toEqual({
      sdkIdentifier: 'ConnectDevTools/v0.1.0',
      sdkCreator: 'Connect DevTools',
      platformIdentifier: meta.platformIdentifier,
    });
    // The record keeps the request as sent; redaction is the exporter's job.
    expect(t.records()[0]!.request).toEqual(request);
  });

  it('never has two requests in flight, even when answers are slower than the interval', async () => {
    const t = setup((n) => ({ ...statusStep(n < 20 ? 'WAITING' : 'COMPLETED'), latencyMs: 2500 + (n % 3) * 1000 }), {
      options: { intervalMs: 500 },
    });
    t.poller.start();
    await t.fake.advance(5 * 60_000);
    expect(t.net.calls).toHaveLength(21);
    expect(t.net.maxInFlight()).toBe(1);
    for (const [i, record] of t.records().entries()) {
      const nextCall = t.net.calls[i + 1];
      if (nextCall) expect(nextCall.at).toBeGreaterThanOrEqual(record.endedAt);
    }
  });

  it('times a request out, aborts it, backs off, and recovers at the normal interval', async () => {
    const t = setup([{ hang: true }, { hang: true }, statusStep('WAITING'), statusStep('WAITING')], {
      options: { timeoutMs: 10_000 },
      random: () => 1,
    });
    t.poller.start();
    await t.fake.advance(10_000);
    expect(t.net.calls[0]!.signal.aborted).toBe(true);
    expect(t.records()[0]).toMatchObject({ outcome: { kind: 'timeout', afterMs: 10_000 }, endedAt: t.fake.now() });
    expect(t.records()[0]!.response).toBeUndefined();
    await t.fake.advance(30_000);
    expect(t.records().slice(0, 4).map((r) => r.outcome.kind)).toEqual(['timeout', 'timeout', 'status', 'status']);
    // random = 1 gives the top of each jitter window: 3 s, then 9 s; then a status resets to the interval.
    expect(t.nexts().slice(0, 4)).toEqual([
      { delayMs: 3000, why: 'backoff' },
      { delayMs: 9000, why: 'backoff' },
      { delayMs: 1000, why: 'interval' },
      { delayMs: 1000, why: 'interval' },
    ]);
    expect(t.gaps().slice(0, 3)).toEqual([3000, 9000, 1000]);
    expect(t.net.maxInFlight()).toBe(1);
  });

  it('ignores an answer that arrives after its request timed out', async () => {
    const late = { status: 200, headers: {}, bodyText: '{"thirdPartyStatus":"COMPLETED"}' };
    const t = setup([{ answerLate: late, lateMs: 12_000 }, statusStep('WAITING')], { options: { timeoutMs: 5000 } });
    t.poller.start();
    await t.fake.advance(20_000);
    expect(t.records()[0]!.outcome).toEqual({ kind: 'timeout', afterMs: 5000 });
    expect(t.records().some((r) => r.outcome.kind === 'status' && r.outcome.status === 'COMPLETED')).toBe(false);
    expect(t.stops()).toEqual([]);
    expect(t.poller.state().running).toBe(true);
  });

  it('backs off through a burst of 5xx with growing, jittered, capped delays', async () => {
    const burst = (random: () => number) => {
      const t = setup((n) => (n < 8 ? unavailable : statusStep('WAITING')), { random });
      t.poller.start();
      return t;
    };
    const top = burst(() => 1);
    await top.fake.advance(5 * 60_000);
    expect(top.nexts().slice(0, 9).map((n) => n.delayMs)).toEqual([3000, 9000, 27_000, 30_000, 30_000, 30_000, 30_000, 30_000, 1000]);

    const draws = [0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.6, 0.4];
    const jittered = burst(() => draws.shift() ?? 0.5);
    await jittered.fake.advance(5 * 60_000);
    const delays = jittered.nexts().slice(0, 8).map((n) => n.delayMs);
    let previous = 1000;
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(1000);
      expect(delay).toBeLessThanOrEqual(Math.min(30_000, 3 * previous));
      previous = delay;
    }
    expect(delays).not.toEqual(top.nexts().slice(0, 8).map((n) => n.delayMs));
    expect(Math.max(...delays.slice(4))).toBeGreaterThan(Math.max(...delays.slice(0, 2)));
    expect(jittered.gaps().slice(0, 8)).toEqual(delays);
    expect(jittered.records()[0]!.outcome).toEqual({ kind: 'server-error', body: 'html' });
  });

  it('honours Retry-After in seconds on 429', async () => {
    const t = setup([json(429, {}, { 'Retry-After': '7' }), statusStep('WAITING')]);
    t.poller.start();
    await t.fake.advance(10_000);
    expect(t.records()[0]!.outcome).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7000 });
    expect(t.nexts()[0]).toEqual({ delayMs: 7000, why: 'retry-after' });
    expect(t.gaps()[0]).toBe(7000);
  });

  it('honours Retry-After as an HTTP date, relative to the injected clock', async () => {
    const fakeStart = createFakeClock().now();
    // The answer arrives 100 ms after the start; the date (whole seconds) asks for 12 s after the start.
    const date = new Date(fakeStart + 12_000).toUTCString();
    const t = setup([{ status: 429, body: '', headers: { 'retry-after': date } }, statusStep('WAITING')]);
    t.poller.start();
    await t.fake.advance(15_000);
    expect(t.nexts()[0]).toEqual({ delayMs: 11_900, why: 'retry-after' });
    expect(t.net.calls[1]!.at).toBe(fakeStart + 12_000);
  });

  it('caps a Retry-After longer than the caller allows, and falls back to backoff without one', async () => {
    const capped = setup([json(429, {}, { 'Retry-After': '86400' }), statusStep('WAITING')], { options: { maxRetryAfterMs: 120_000 } });
    capped.poller.start();
    await capped.fake.advance(1000);
    expect(capped.nexts()[0]).toEqual({ delayMs: 120_000, why: 'retry-after' });

    const bare = setup([json(429, {}), statusStep('WAITING')], { random: () => 1 });
    bare.poller.start();
    await bare.fake.advance(1000);
    expect(bare.nexts()[0]).toEqual({ delayMs: 3000, why: 'backoff' });
  });

  it('stops on an expired session (403 9008), but keeps polling through another 403', async () => {
    const t = setup([statusStep('WAITING'), expired, statusStep('WAITING')]);
    t.poller.start();
    await t.fake.advance(60_000);
    expect(t.net.calls).toHaveLength(2);
    expect(t.stops()).toMatchObject([{ reason: 'session-expired', message: expect.stringContaining('9008') }]);
    expect(t.records()[1]!.outcome).toMatchObject({ kind: 'session-expired', error: { errorId: '5f0e' } });

    const other = setup([json(403, { errorId: 'x', errors: [{ code: '9007' }] }), statusStep('WAITING')]);
    other.poller.start();
    await other.fake.advance(10_000);
    expect(other.records()[0]!.outcome).toMatchObject({ kind: 'client-error', error: { errors: [{ code: '9007' }] } });
    expect(other.stops()).toEqual([]);
    expect(other.records()[1]!.outcome.kind).toBe('status');
  });

  it('stops on an unknown payment (404)', async () => {
    const t = setup([json(404, { errorId: 'e', errors: [{ code: '1002', id: 'UNKNOWN_PAYMENT_ID' }] }), statusStep('WAITING')]);
    t.poller.start();
    await t.fake.advance(60_000);
    expect(t.net.calls).toHaveLength(1);
    expect(t.stops()).toMatchObject([{ reason: 'payment-not-found' }]);
    expect(t.fake.pendingTimers()).toBe(0);
  });

  it("stops on the front end's HTML 404 too: another poll would only repeat it", async () => {
    const notFound: Step = { status: 404, body: '<html>\r\n<head><title>404 Not Found</title></head></html>', headers: { 'content-type': 'text/html' } };
    const t = setup([notFound, statusStep('WAITING')]);
    t.poller.start();
    await t.fake.advance(60_000);
    expect(t.net.calls).toHaveLength(1);
    expect(t.records()[0]?.outcome).toEqual({ kind: 'not-found', body: 'html' });
    expect(t.stops()).toMatchObject([{ reason: 'payment-not-found', message: expect.stringContaining('unknown payment, or not a Client API address') }]);
    expect(t.fake.pendingTimers()).toBe(0);
  });

  it('stops after the maximum duration: a two-hour session at one poll a second runs here in fake time', async () => {
    const t = setup([statusStep('WAITING')]);
    const startedAt = t.fake.now();
    t.poller.start();
    await t.fake.advance(2 * 60 * 60_000 + 60_000);
    const [stop] = t.stops();
    expect(stop).toMatchObject({ reason: 'max-duration', at: startedAt + 2 * 60 * 60_000 });
    // 100 ms answer + 1 s interval per poll.
    expect(t.net.calls.length).toBe(Math.ceil((2 * 60 * 60_000) / 1100));
    expect(t.net.calls.at(-1)!.at).toBeLessThan(stop!.at);
    expect(t.net.maxInFlight()).toBe(1);
    expect(t.fake.pendingTimers()).toBe(0);
  });

  it('shows an unknown status, a non-JSON body and an HTML page as what they are, and keeps going', async () => {
    const t = setup([
      statusStep('PENDING_APPROVAL'),
      { status: 200, body: 'OK', headers: { 'content-type': 'text/plain' } },
      { status: 200, body: '<!DOCTYPE html><html><title>Login</title></html>', headers: { 'content-type': 'text/html' } },
      { status: 502, body: '<html>Bad gateway</html>' },
      statusStep('COMPLETED'),
    ]);
    t.poller.start();
    await t.fake.advance(5 * 60_000);
    expect(t.records().map((r) => r.outcome)).toEqual([
      { kind: 'unknown-status', value: 'PENDING_APPROVAL' },
      { kind: 'malformed', body: 'text', description: 'plain text' },
      { kind: 'malformed', body: 'html', description: 'HTML page' },
      { kind: 'server-error', body: 'html' },
      { kind: 'status', status: 'COMPLETED' },
    ]);
    expect(t.records()[2]!.response?.bodyText).toContain('<title>Login</title>');
    expect(t.stops()).toMatchObject([{ reason: 'completed' }]);
    expect(t.poller.state().errors).toBe(3);
  });

  it('turns a network failure and a fetch that throws into records', async () => {
    let call = 0;
    const fake = createFakeClock();
    const events: PollerEvent[] = [];
    const poller = createPoller({
      target,
      meta,
      clock: fake.clock,
      random: () => 0,
      fetch: () => {
        call += 1;
        if (call === 1) throw new Error('boom');
        if (call === 2) return Promise.reject(new TypeError('Failed to fetch'));
        return Promise.resolve({ status: 200, headers: {}, bodyText: '{"thirdPartyStatus":"COMPLETED"}' });
      },
      onEvent: (e) => events.push(e),
    });
    poller.start();
    await fake.advance(10_000);
    expect(events.flatMap((e) => (e.kind === 'record' ? [e.record.outcome] : []))).toEqual([
      { kind: 'network-error', message: 'Error: boom' },
      { kind: 'network-error', message: 'TypeError: Failed to fetch' },
      { kind: 'status', status: 'COMPLETED' },
    ]);
  });

  it('applies a new interval while running, clamped to sane bounds', async () => {
    const t = setup([statusStep('WAITING')]);
    t.poller.start();
    await t.fake.advance(3200);
    expect(t.net.calls).toHaveLength(3);
    // Waiting for the 4th call, due at 3300 (third answer at 2300 + 1 s); a 5 s interval moves it to 7300.
    expect(t.poller.setIntervalMs(8000)).toBe(8000);
    // A second change counts from the same answer too, not from the first change.
    await t.fake.advance(500);
    expect(t.poller.setIntervalMs(5000)).toBe(5000);
    expect(t.poller.state().nextPollAt).toBe(t.records()[2]!.endedAt + 5000);
    await t.fake.advance(3500);
    expect(t.net.calls).toHaveLength(3);
    await t.fake.advance(100);
    expect(t.net.calls.at(-1)!.at - t.records()[2]!.endedAt).toBe(5000);
    expect(t.poller.state().intervalMs).toBe(5000);
    expect(t.poller.setIntervalMs(10)).toBe(500);
    expect(t.poller.setIntervalMs(Number.NaN)).toBe(1000);
    // Fourth answer at 7400, next due at 8400; at 8000 a 500 ms interval is already over, so it sends at once.
    await t.fake.advance(700);
    const before = t.net.calls.length;
    t.poller.setIntervalMs(500);
    await t.fake.advance(0);
    expect(t.net.calls).toHaveLength(before + 1);
  });

  it('takes the default for an option that is missing, zero, negative or not a number', async () => {
    const t = setup([statusStep('WAITING'), { hang: true }], {
      options: { intervalMs: Number.NaN, timeoutMs: -1, maxBackoffMs: 0, maxDurationMs: undefined },
    });
    t.poller.start();
    await t.fake.advance(1100 + 1000 + 10_000);
    expect(t.gaps()[0]).toBe(1000);
    expect(t.records()[1]).toMatchObject({ outcome: { kind: 'timeout', afterMs: 10_000 }, endedAt: t.net.calls[1]!.at + 10_000 });
  });

  it('keeps a backoff wait when the interval changes', async () => {
    const t = setup([unavailable, statusStep('WAITING')], { random: () => 1 });
    t.poller.start();
    await t.fake.advance(500);
    t.poller.setIntervalMs(600);
    expect(t.poller.state().nextPollAt).toBe(t.records()[0]!.endedAt + 3000);
  });

  it('sends nothing after a user stop, aborting the request in flight and ignoring its answer', async () => {
    const t = setup([statusStep('WAITING')], { latencyMs: 400 });
    t.poller.start();
    // First answer at 400, second request at 1400, in flight until 1800.
    await t.fake.advance(1500);
    expect(t.poller.state()).toMatchObject({ inFlight: true, polls: 2 });
    t.poller.stop();
    expect(t.net.calls[1]!.signal.aborted).toBe(true);
    await t.fake.advance(60 * 60_000);
    expect(t.net.calls).toHaveLength(2);
    expect(t.records()).toHaveLength(1);
    expect(t.stops()).toMatchObject([{ reason: 'user', at: t.net.calls[1]!.at + 100 }]);
    expect(t.fake.pendingTimers()).toBe(0);
    t.poller.stop('closed');
    t.poller.start();
    await t.fake.advance(10_000);
    expect(t.stops()).toHaveLength(1);
    expect(t.net.calls).toHaveLength(2);
  });

  it('clears the pending timer on stop between polls, and says why it closed', async () => {
    const t = setup([statusStep('WAITING')]);
    t.poller.start();
    await t.fake.advance(500);
    expect(t.poller.state()).toMatchObject({ inFlight: false, nextPollAt: t.fake.now() + 600 });
    t.poller.stop('closed');
    await t.fake.advance(60_000);
    expect(t.net.calls).toHaveLength(1);
    expect(t.stops()).toMatchObject([{ reason: 'closed', message: expect.stringContaining('DevTools closed') }]);
  });

  it('polls several payments at once, each on its own', async () => {
    const fake = createFakeClock();
    const a = createScriptedFetch(fake, [statusStep('WAITING'), statusStep('COMPLETED')]);
    const b = createScriptedFetch(fake, [expired]);
    const seen: string[] = [];
    for (const [paymentId, net] of [
      ['000000000000000000000000000001', a],
      ['000000000000000000000000000002', b],
    ] as const) {
      createPoller({
        target: { ...target, paymentId },
        meta,
        fetch: net.fetch,
        clock: fake.clock,
        onEvent: (e) => {
          if (e.kind === 'stopped') seen.push(`${paymentId.slice(-1)}:${e.reason}`);
        },
      }).start();
    }
    await fake.advance(10_000);
    expect(seen.sort()).toEqual(['1:completed', '2:session-expired']);
    expect(a.calls[0]!.request.url).toContain('/payments/000000000000000000000000000001/');
    expect(b.calls[0]!.request.url).toContain('/payments/000000000000000000000000000002/');
  });
});

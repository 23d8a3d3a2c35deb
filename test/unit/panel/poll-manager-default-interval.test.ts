import { describe, expect, it } from 'vitest';
import type { PollFetch } from '../../../src/core/poll/poller.ts';
import { classifyPollResponse } from '../../../src/core/poll/poll-request.ts';
import type { PollTarget } from '../../../src/core/timeline/poll-record.ts';
import { pollKey, PollManager } from '../../../src/panel/state/poll-manager.ts';
import { ManualClock } from './fake-services.ts';

const ORIGIN = 'https://ams1.sandbox.api-ingenico.com';
const target = (paymentId: string): PollTarget => ({
  clientApiUrl: `${ORIGIN}/client`,
  customerId: '1234-abc',
  paymentId,
  clientSessionId: '51d29012e6ce4b81afa6cc7551ef4e36',
});
/** Lets the answers already on their way land, so each poll's next request is scheduled. */
const answered = () => new Promise((resolve) => setTimeout(resolve, 0));

const FIRST = target('000000123410000595980000100001');
const SECOND = target('000000123410000595980000100002');

/** A manager whose payments stay WAITING; it counts the requests sent for each payment. */
function setup() {
  const clock = new ManualClock();
  const sent = new Map<string, number>();
  const fetch: PollFetch = async (request) => {
    const paymentId = /payments\/(\d+)\//.exec(request.url)?.[1] ?? '?';
    sent.set(paymentId, (sent.get(paymentId) ?? 0) + 1);
    return { status: 200, headers: {}, bodyText: '{"thirdPartyStatus":"WAITING"}' };
  };
  const manager = new PollManager({ fetch, clock, meta: { toolVersion: '0', platformIdentifier: 'test' }, classify: classifyPollResponse });
  manager.approve(ORIGIN);
  const requestsFor = (t: PollTarget) => sent.get(t.paymentId) ?? 0;
  return { clock, manager, requestsFor };
}

describe('the default poll interval of the settings', () => {
  it('is the interval of a new poll', async () => {
    const { clock, manager, requestsFor } = setup();
    manager.setDefaultIntervalMs(5000);
    manager.start(FIRST);
    await answered();
    expect(manager.get(pollKey(FIRST))!.state.intervalMs).toBe(5000);
    await clock.advance(4999);
    expect(requestsFor(FIRST)).toBe(1);
    await clock.advance(1);
    expect(requestsFor(FIRST)).toBe(2);
  });

  it('is the poller\'s own (once a second) until the settings tell another', async () => {
    const { clock, manager, requestsFor } = setup();
    manager.start(FIRST);
    await answered();
    await clock.advance(3000);
    expect(requestsFor(FIRST)).toBe(4);
  });

  it('leaves a poll already running at its interval, and applies to the polls started after it changed', async () => {
    const { clock, manager, requestsFor } = setup();
    manager.setDefaultIntervalMs(2000);
    manager.start(FIRST);
    manager.setDefaultIntervalMs(10_000);
    manager.start(SECOND);
    await answered();
    await clock.advance(10_000);
    expect(manager.get(pollKey(FIRST))!.state.intervalMs).toBe(2000);
    expect(manager.get(pollKey(SECOND))!.state.intervalMs).toBe(10_000);
    expect(requestsFor(FIRST)).toBe(6);
    expect(requestsFor(SECOND)).toBe(2);
  });

  it('gives way to an interval asked for that poll (Restart keeps the poll\'s own)', () => {
    const { manager } = setup();
    manager.setDefaultIntervalMs(10_000);
    manager.start(FIRST, undefined, 3000);
    expect(manager.get(pollKey(FIRST))!.state.intervalMs).toBe(3000);
  });

  it('leaves a resumed poll at its own interval', () => {
    const { manager } = setup();
    manager.setDefaultIntervalMs(2000);
    manager.start(FIRST);
    manager.stop(pollKey(FIRST));
    manager.setDefaultIntervalMs(30_000);
    manager.resume(pollKey(FIRST));
    expect(manager.get(pollKey(FIRST))!.state.running).toBe(true);
    expect(manager.get(pollKey(FIRST))!.state.intervalMs).toBe(2000);
  });

  it.each([
    [Number.NaN, 1000],
    [0, 500],
    [120_000, 60_000],
  ])('holds the poller\'s bounds: told %d ms, a new poll waits %d ms', (told, used) => {
    const { manager } = setup();
    manager.setDefaultIntervalMs(told);
    manager.start(FIRST);
    expect(manager.get(pollKey(FIRST))!.state.intervalMs).toBe(used);
  });
});

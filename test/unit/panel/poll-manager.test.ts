import { describe, expect, it, vi } from 'vitest';
import type { PollFetch } from '../../../src/core/poll/poller.ts';
import { classifyPollResponse } from '../../../src/core/poll/poll-request.ts';
import type { PollTarget } from '../../../src/core/timeline/poll-record.ts';
import { archivePolls, loadPollArchive, type ArchiveArea } from '../../../src/panel/state/poll-archive.ts';
import { pollKey, PollManager } from '../../../src/panel/state/poll-manager.ts';
import { ManualClock } from './fake-services.ts';

const ORIGIN = 'https://ams1.sandbox.api-ingenico.com';
const target = (clientSessionId = '51d29012e6ce4b81afa6cc7551ef4e36', paymentId = '000000123410000595980000100001'): PollTarget => ({
  clientApiUrl: `${ORIGIN}/client`,
  customerId: '1234-abc',
  paymentId,
  clientSessionId,
});

/** `lazy`: no classification given, so the manager loads it when it first polls, as in the panel. */
function setup(statuses: string[] = ['WAITING'], { lazy = false } = {}) {
  const clock = new ManualClock();
  const requests: string[] = [];
  const fetch: PollFetch = async (request) => {
    requests.push(request.headers['Authorization'] ?? request.headers['authorization'] ?? '');
    const status = statuses[Math.min(requests.length - 1, statuses.length - 1)];
    return { status: 200, headers: {}, bodyText: JSON.stringify({ thirdPartyStatus: status }) };
  };
  const manager = new PollManager({ fetch, clock, meta: { toolVersion: '0', platformIdentifier: 'test' }, ...(lazy ? {} : { classify: classifyPollResponse }) });
  return { clock, manager, requests };
}

/** Lets the archive's in-flight writes finish. */
const writesDone = () => new Promise((resolve) => setTimeout(resolve, 5));

class MapArea implements ArchiveArea {
  map = new Map<string, unknown>();
  writes = 0;
  async get(key: string) {
    return this.map.has(key) ? { [key]: structuredClone(this.map.get(key)) } : {};
  }
  async set(items: Record<string, unknown>) {
    this.writes += 1;
    for (const [k, v] of Object.entries(items)) this.map.set(k, structuredClone(v));
  }
}

describe('the poll manager', () => {
  it('refuses to poll an origin the user has not approved, whoever asks', () => {
    const { manager, requests } = setup();
    const refused = manager.start(target());
    expect(refused).toEqual({ ok: false, reason: `Status requests to ${ORIGIN} are not approved: allow that origin first.` });
    expect(requests).toEqual([]);
    expect(manager.list()).toEqual([]);
    manager.approve(ORIGIN);
    expect(manager.start(target()).ok).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('stops a running poll when its origin is revoked, and says why', async () => {
    const { manager, clock, requests } = setup();
    manager.setApprovedOrigins([ORIGIN]);
    manager.start(target());
    await clock.advance(3000);
    const sent = requests.length;
    manager.setApprovedOrigins([]);
    await clock.advance(5000);
    expect(requests).toHaveLength(sent);
    expect(manager.list()[0]!.stop?.reason).toBe('origin-revoked');
  });

  it('without a classification given, loads it when the first poll is sent: the first answer waits for it, the next ones do not', async () => {
    const { manager, clock, requests } = setup(['WAITING', 'INITIALIZED'], { lazy: true });
    manager.approve(ORIGIN);
    manager.start(target());
    expect(requests).toHaveLength(1);
    await vi.waitFor(() => expect(manager.list()[0]!.records).toHaveLength(1));
    expect(manager.list()[0]!.records[0]!.outcome).toEqual({ kind: 'status', status: 'WAITING' });
    await clock.advance(1000);
    expect(requests).toHaveLength(2);
    expect(manager.list()[0]!.records.at(-1)!.outcome).toEqual({ kind: 'status', status: 'INITIALIZED' });
  });

  it('keys polls by session and payment: the same payment id under two sessions is two polls', () => {
    const { manager, requests } = setup();
    manager.approve(ORIGIN);
    manager.start(target('a'.repeat(32)));
    manager.start(target('b'.repeat(32)));
    expect(manager.list().map((p) => p.key)).toEqual([pollKey(target('a'.repeat(32))), pollKey(target('b'.repeat(32)))]);
    expect(manager.list().every((p) => p.state.running)).toBe(true);
    expect(requests).toEqual([`GCS v1Client:${'a'.repeat(32)}`, `GCS v1Client:${'b'.repeat(32)}`]);
  });

  it("stops every running poll of a session the platform refused to the page, and only those", () => {
    const { manager } = setup();
    manager.approve(ORIGIN);
    manager.start(target('a'.repeat(32), '1'));
    manager.start(target('a'.repeat(32), '2'));
    manager.start(target('b'.repeat(32), '1'));
    manager.stopSession('a'.repeat(32), 'session-refused');
    expect(manager.list().map((p) => p.stop?.reason ?? 'running')).toEqual(['session-refused', 'session-refused', 'running']);
  });

  it('comes back after DevTools closed: archived, restored stopped with its rows, and resumed on the same history', async () => {
    const area = new MapArea();
    const first = setup(['WAITING', 'WAITING', 'INITIALIZED']);
    first.manager.approve(ORIGIN);
    archivePolls(first.manager, area, 'tab:3:polls');
    first.manager.start(target());
    await first.clock.advance(2500);
    await writesDone();
    const before = first.manager.list()[0]!;
    expect(before.records.length).toBeGreaterThan(0);
    // DevTools closes without a goodbye: the archive holds the poll as it was, still running.

    const archived = await loadPollArchive(area, 'tab:3:polls');
    expect(archived).toHaveLength(1);
    const second = setup(['AUTHORIZED', 'COMPLETED']);
    second.manager.restore(archived);
    const restored = second.manager.list()[0]!;
    expect(restored.stop).toMatchObject({ reason: 'closed', message: expect.stringContaining('DevTools closed') });
    // Written as it changed: every row is there, though DevTools closed without a goodbye.
    expect(restored.records).toEqual(before.records);
    expect(second.requests).toEqual([]);

    expect(second.manager.resume(restored.key)).toEqual({ ok: false, reason: `Status requests to ${ORIGIN} are not approved: allow that origin first.` });
    second.manager.setApprovedOrigins([ORIGIN]);
    expect(second.manager.resume(restored.key).ok).toBe(true);
    await second.clock.advance(0);
    await second.clock.advance(3000);
    const resumed = second.manager.list()[0]!;
    expect(resumed.stop?.reason).toBe('completed');
    expect(resumed.records.slice(0, restored.records.length)).toEqual(restored.records);
    const seqs = resumed.records.map((r) => r.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('archives every row at once when DevTools closes with a goodbye (pagehide)', async () => {
    const area = new MapArea();
    const { manager, clock } = setup(['WAITING', 'INITIALIZED']);
    manager.approve(ORIGIN);
    archivePolls(manager, area, 'k');
    manager.start(target());
    await clock.advance(1500);
    manager.closeAll();
    await writesDone();
    const [archived] = await loadPollArchive(area, 'k');
    expect(archived!.records).toEqual(manager.list()[0]!.records);
    expect(archived!.stop?.reason).toBe('closed');
  });

  it('archives a poll from its start, so closing DevTools at once loses nothing', async () => {
    const area = new MapArea();
    const { manager, clock } = setup(['WAITING']);
    manager.approve(ORIGIN);
    archivePolls(manager, area, 'k');
    manager.start(target());
    await clock.advance(0);
    await writesDone();
    const [archived] = await loadPollArchive(area, 'k');
    expect(archived!.target).toEqual(target());
    expect(archived!.records).toHaveLength(1);
  });

  it('writes the archive while a poll runs, and its stop at once', async () => {
    const area = new MapArea();
    const { manager, clock } = setup(['WAITING']);
    manager.approve(ORIGIN);
    archivePolls(manager, area, 'k');
    manager.start(target());
    await clock.advance(10_000);
    expect(area.writes).toBeGreaterThan(0);
    manager.stop(manager.list()[0]!.key);
    await writesDone();
    expect((await loadPollArchive(area, 'k'))[0]!.stop?.reason).toBe('user');
  });

  it('drops what no longer parses from the archive', async () => {
    const area = new MapArea();
    area.map.set('k', [{ target: { paymentId: 'x' } }, 'junk']);
    expect(await loadPollArchive(area, 'k')).toEqual([]);
    area.map.set('k', 'not a list');
    expect(await loadPollArchive(area, 'k')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { appendObservations, MAX_CALLS_PER_TAB } from '../../../src/core/detect/observation-log.ts';
import type { Observation } from '../../../src/core/detect/observation.ts';
import { DEFAULT_SETTINGS, HEALTHY, type ToPanel } from '../../../src/extension/messaging/envelope.ts';
import { productsCall } from '../fixtures/observations.ts';
import { applyCaptureStatus, applyConnection, applyMessage, initialPanelState, type PanelState } from '../../../src/panel/state/panel-state.ts';

const nav = (at: number): Observation => ({ kind: 'navigation', at, url: 'https://shop/' });
const call = (at: number) => productsCall(at);
const channel = 'connect-devtools' as const;
const snapshot = (observations: Observation[], revision = 0, epoch = 'e1', tabId = 5): ToPanel => ({
  channel,
  type: 'snapshot',
  tabId,
  epoch,
  revision,
  observations,
  settings: { ...DEFAULT_SETTINGS, preserveLog: true },
  health: HEALTHY,
});
const appended = (observations: Observation[], revision: number, epoch = 'e1', tabId = 5): ToPanel => ({
  channel,
  type: 'appended',
  tabId,
  epoch,
  revision,
  observations,
});
const apply = (state: PanelState, ...messages: ToPanel[]) => messages.reduce(applyMessage, state);

describe('panel state', () => {
  it('is not synced until the first snapshot, then holds it', () => {
    const start = initialPanelState(5);
    expect(start.synced).toBe(false);
    const synced = apply(start, snapshot([nav(1)]));
    expect(synced.synced).toBe(true);
    expect(synced.observations).toEqual([nav(1)]);
    expect(synced.settings.preserveLog).toBe(true);
  });

  it('appends on top of its revision, and a later snapshot replaces everything', () => {
    let state = apply(initialPanelState(5), snapshot([nav(1)], 3), appended([nav(2)], 4));
    expect(state.observations).toEqual([nav(1), nav(2)]);
    expect(state.revision).toBe(4);
    state = apply(state, snapshot([], 6));
    expect(state.observations).toEqual([]);
  });

  it('never lets a snapshot overwrite a newer update of the same worker', () => {
    // The snapshot was read before the append but arrives after it.
    const state = apply(initialPanelState(5), snapshot([nav(1)], 1), appended([nav(2)], 2), snapshot([nav(1)], 1));
    expect(state.observations).toEqual([nav(1), nav(2)]);
    expect(state.revision).toBe(2);
  });

  it('ignores an update it already holds, and asks for a snapshot after one that skips ahead', () => {
    let state = apply(initialPanelState(5), snapshot([nav(1)], 2), appended([nav(2)], 2));
    expect(state.observations).toEqual([nav(1)]);
    state = apply(state, appended([nav(9)], 5));
    expect(state.outOfStep).toBe(true);
    expect(state.observations).toEqual([nav(1)]);
    state = apply(state, snapshot([nav(1), nav(2), nav(9)], 5));
    expect(state.outOfStep).toBe(false);
    expect(state.observations).toHaveLength(3);
  });

  it("takes a new worker's snapshot whatever its revision, and does not apply an old worker's update", () => {
    let state = apply(initialPanelState(5), snapshot([nav(1), nav(2)], 40, 'old'));
    state = apply(state, snapshot([nav(1)], 0, 'new'));
    expect(state.observations).toEqual([nav(1)]);
    state = apply(state, appended([nav(3)], 41, 'old'));
    expect(state.observations).toEqual([nav(1)]);
    expect(state.outOfStep).toBe(true);
  });

  it("trims by the worker's rule: two hours of a call a second leave the same bounded list", () => {
    let state = apply(initialPanelState(5), snapshot([]));
    let worker: Observation[] = [];
    // Kept between appends, as the worker's tab store keeps it.
    const workerKeys = new Set<string>();
    for (let second = 0; second < 7200; second++) {
      worker = appendObservations(worker, [call(second * 1000)], workerKeys).stored;
      state = apply(state, appended([call(second * 1000)], second + 1));
    }
    const calls = state.observations.filter((o) => o.kind === 'client-api-call');
    expect(calls.length).toBeLessThanOrEqual(MAX_CALLS_PER_TAB);
    expect(state.observations).toEqual(worker);
  });

  it("ignores another tab's messages", () => {
    const state = initialPanelState(5);
    expect(applyMessage(state, appended([nav(1)], 1, 'e1', 6))).toBe(state);
    expect(applyMessage(state, snapshot([nav(1)], 0, 'e1', 6))).toBe(state);
  });

  it('keeps the health the worker reports', () => {
    const state = apply(initialPanelState(5), { channel, type: 'health', tabId: 5, health: { storageError: 'full', droppedPageReports: 2 } });
    expect(state.health).toEqual({ storageError: 'full', droppedPageReports: 2 });
    expect(state.settings).toEqual(DEFAULT_SETTINGS);
  });

  it('tracks both connections', () => {
    const state = applyConnection(initialPanelState(5), 'connected');
    expect(state.connection).toBe('connected');
    expect(applyConnection(state, 'connected')).toBe(state);
    expect(applyCaptureStatus(state, 'closed').capture).toBe('closed');
  });
});

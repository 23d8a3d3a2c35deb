import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../src/core/detect/observation.ts';
import { applyConnection, applyMessage, initialPanelState } from '../../../src/panel/state/panel-state.ts';

const nav = (at: number): Observation => ({ kind: 'navigation', at, url: 'https://shop/' });
const channel = 'connect-devtools' as const;

describe('panel state', () => {
  it('is not synced until the first snapshot, then holds it', () => {
    const start = initialPanelState(5);
    expect(start.synced).toBe(false);
    const synced = applyMessage(start, { channel, type: 'snapshot', tabId: 5, observations: [nav(1)], settings: { preserveLog: true, approvedOrigins: [] } });
    expect(synced.synced).toBe(true);
    expect(synced.observations).toEqual([nav(1)]);
    expect(synced.settings.preserveLog).toBe(true);
  });

  it('appends, and a later snapshot replaces everything', () => {
    let state = applyMessage(initialPanelState(5), { channel, type: 'snapshot', tabId: 5, observations: [nav(1)], settings: { preserveLog: false, approvedOrigins: [] } });
    state = applyMessage(state, { channel, type: 'appended', tabId: 5, observations: [nav(2)] });
    expect(state.observations).toEqual([nav(1), nav(2)]);
    state = applyMessage(state, { channel, type: 'snapshot', tabId: 5, observations: [], settings: { preserveLog: false, approvedOrigins: [] } });
    expect(state.observations).toEqual([]);
  });

  it("ignores another tab's messages", () => {
    const state = initialPanelState(5);
    expect(applyMessage(state, { channel, type: 'appended', tabId: 6, observations: [nav(1)] })).toBe(state);
    expect(applyMessage(state, { channel, type: 'snapshot', tabId: 6, observations: [nav(1)], settings: { preserveLog: true, approvedOrigins: [] } })).toBe(state);
  });

  it('tracks the connection', () => {
    const state = applyConnection(initialPanelState(5), 'connected');
    expect(state.connection).toBe('connected');
    expect(applyConnection(state, 'connected')).toBe(state);
  });
});

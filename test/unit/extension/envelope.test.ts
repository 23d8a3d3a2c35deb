import { describe, expect, it } from 'vitest';
import { checkToPanel } from '../../../src/extension/messaging/check-to-panel.ts';
import { parsePortName, portName } from '../../../src/extension/messaging/envelope.ts';
import { fromDevtoolsSchema, fromPanelSchema, toPanelSchema } from '../../../src/extension/messaging/envelope-schema.ts';

describe('port names', () => {
  it('round-trip the kind and the inspected tab id', () => {
    expect(parsePortName(portName('panel', 42))).toEqual({ kind: 'panel', tabId: 42 });
    expect(parsePortName(portName('devtools', 831023980))).toEqual({ kind: 'devtools', tabId: 831023980 });
  });

  it.each(['panel', 'panel:', 'panel:-1', 'panel:1.5', 'other:1', ' panel:1', 'panel:1 ', 'panel:12345678901'])(
    'refuses %j',
    (name) => {
      expect(parsePortName(name)).toBeNull();
    },
  );
});

describe('message schemas', () => {
  const session = {
    at: 1,
    global: 'connectsdk',
    clientSessionId: '51d29012e6ce4b81afa6cc7551ef4e36',
    customerId: '1234-abc',
    clientApiUrl: 'http://127.0.0.1:4010/client',
    assetUrl: 'http://127.0.0.1:4010/assets/',
  };

  const frame = { frameId: 2, url: 'https://shop.example/pay' };

  it('accepts the page sessions the devtools page read from a frame', () => {
    expect(fromDevtoolsSchema.safeParse({ channel: 'connect-devtools', type: 'page-sessions', frame, sessions: [session] }).success).toBe(true);
  });

  it.each([
    ['another channel', { channel: 'x', type: 'page-sessions', frame, sessions: [session] }],
    ['an unknown type', { channel: 'connect-devtools', type: 'take-over', frame, sessions: [] }],
    ['too many sessions', { channel: 'connect-devtools', type: 'page-sessions', frame, sessions: Array(51).fill(session) }],
    ['no frame', { channel: 'connect-devtools', type: 'page-sessions', sessions: [session] }],
    ['a frame id that is not a whole number', { channel: 'connect-devtools', type: 'page-sessions', frame: { ...frame, frameId: 1.5 }, sessions: [] }],
    ['an over-long frame address', { channel: 'connect-devtools', type: 'page-sessions', frame: { ...frame, url: 'x'.repeat(4097) }, sessions: [] }],
    ['collect, which no part sends', { channel: 'connect-devtools', type: 'collect' }],
    ['not an object', 'page-sessions'],
  ])('rejects %s', (_label, value) => {
    expect(fromDevtoolsSchema.safeParse(value).success).toBe(false);
  });

  it('requires the tab id and the revision on everything sent to a panel', () => {
    const appended = { channel: 'connect-devtools', type: 'appended', epoch: 'e', revision: 1, observations: [] };
    expect(toPanelSchema.safeParse(appended).success).toBe(false);
    expect(toPanelSchema.safeParse({ ...appended, tabId: 3 }).success).toBe(true);
    expect(toPanelSchema.safeParse({ ...appended, tabId: 3, revision: -1 }).success).toBe(false);
    expect(toPanelSchema.safeParse({ ...appended, tabId: 3, epoch: undefined }).success).toBe(false);
  });

  it('changes settings one key at a time, and refuses a whole settings object', () => {
    const change = { channel: 'connect-devtools', type: 'settings-change', change: { key: 'approveOrigin', origin: 'https://a.example' } };
    expect(fromPanelSchema.safeParse(change).success).toBe(true);
    expect(fromPanelSchema.safeParse({ ...change, change: { key: 'approvedOrigins', value: [] } }).success).toBe(false);
    expect(fromPanelSchema.safeParse({ channel: 'connect-devtools', type: 'settings', settings: { preserveLog: true, approvedOrigins: [] } }).success).toBe(false);
  });

  it('takes a default poll interval of whole seconds from 1 to 60, and nothing else', () => {
    const change = (value: unknown) => ({ channel: 'connect-devtools', type: 'settings-change', change: { key: 'pollIntervalSeconds', value } });
    for (const value of [1, 5, 60]) expect(fromPanelSchema.safeParse(change(value)).success).toBe(true);
    for (const value of [0, 61, 2.5, -1, '5', null, undefined, Number.NaN]) expect(fromPanelSchema.safeParse(change(value)).success, String(value)).toBe(false);
  });

  it('takes a reset as one change of its own', () => {
    const reset = { channel: 'connect-devtools', type: 'settings-change', change: { key: 'reset' } };
    expect(fromPanelSchema.safeParse(reset).success && fromPanelSchema.parse(reset)).toEqual(reset);
  });
});

describe('what the panel checks of its port (checkToPanel)', () => {
  const snapshot = {
    channel: 'connect-devtools',
    type: 'snapshot',
    tabId: 3,
    epoch: 'e',
    revision: 2,
    observations: [{ kind: 'navigation', at: 1, url: 'https://shop.example/' }],
    settings: { preserveLog: false, approvedOrigins: ['https://a.example'], pollIntervalSeconds: 3 },
    health: { droppedPageReports: 0 },
  };

  it('keeps a well-formed message as it is, without copying it', () => {
    expect(checkToPanel(snapshot)).toBe(snapshot);
    const health = { channel: 'connect-devtools', type: 'health', tabId: 3, health: { storageError: 'quota', droppedPageReports: 2 } };
    expect(checkToPanel(health)).toBe(health);
  });

  it('gives settings without approvals none, as zod does for settings stored before approvals existed', () => {
    const settings = { channel: 'connect-devtools', type: 'settings', tabId: 3, settings: { preserveLog: true } };
    expect(checkToPanel(settings)).toEqual({ ...settings, settings: { preserveLog: true, approvedOrigins: [], pollIntervalSeconds: 1 } });
  });

  it('gives settings without a default interval the default, as zod does for settings stored before it existed', () => {
    const settings = { channel: 'connect-devtools', type: 'settings', tabId: 3, settings: { preserveLog: true, approvedOrigins: ['https://a.example'] } };
    const expected = { ...settings, settings: { ...settings.settings, pollIntervalSeconds: 1 } };
    expect(checkToPanel(settings)).toEqual(expected);
    expect(toPanelSchema.parse(settings)).toEqual(expected);
  });

  it.each([
    ['another channel', { ...snapshot, channel: 'x' }],
    ['a message of another direction', { ...snapshot, type: 'hello' }],
    ['no tab id', { ...snapshot, tabId: undefined }],
    ['a tab id in text', { ...snapshot, tabId: '3' }],
    ['a revision that is not a count', { ...snapshot, revision: 1.5 }],
    ['an epoch that is not text', { ...snapshot, epoch: 7 }],
    ['observations that are not a list', { ...snapshot, observations: { 0: {} } }],
    ['an observation without its kind', { ...snapshot, observations: [null] }],
    ['settings without preserveLog', { ...snapshot, settings: { approvedOrigins: [] } }],
    ['a default interval below a second', { ...snapshot, settings: { ...snapshot.settings, pollIntervalSeconds: 0.5 } }],
    ['a default interval over a minute', { ...snapshot, settings: { ...snapshot.settings, pollIntervalSeconds: 61 } }],
    ['a default interval in text', { ...snapshot, settings: { ...snapshot.settings, pollIntervalSeconds: '3' } }],
    ['health without its count', { ...snapshot, health: {} }],
    ['not an object', 'snapshot'],
    ['a list', [snapshot]],
  ])('drops %s, without throwing', (_label, value) => {
    expect(checkToPanel(value)).toBeUndefined();
  });
});

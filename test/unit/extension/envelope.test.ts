import { describe, expect, it } from 'vitest';
import { fromPanelSchema, fromRelaySchema, parsePortName, portName, toPanelSchema } from '../../../src/extension/messaging/envelope.ts';

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

  it('accepts what the relay sends', () => {
    expect(fromRelaySchema.safeParse({ channel: 'connect-devtools', type: 'page-sessions', sessions: [session] }).success).toBe(true);
  });

  it.each([
    ['another channel', { channel: 'x', type: 'page-sessions', sessions: [session] }],
    ['an unknown type', { channel: 'connect-devtools', type: 'take-over', sessions: [] }],
    ['too many sessions', { channel: 'connect-devtools', type: 'page-sessions', sessions: Array(51).fill(session) }],
    ['not an object', 'page-sessions'],
  ])('rejects %s', (_label, value) => {
    expect(fromRelaySchema.safeParse(value).success).toBe(false);
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
});

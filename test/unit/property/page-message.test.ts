import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseClientApiUrl } from '../../../src/core/connect/client-api-url.ts';
import { CLIENT_SESSION_ID, CUSTOMER_ID } from '../../../src/core/connect/ids.ts';
import { classifyRequest } from '../../../src/core/detect/classify-request.ts';
import { parseHarEntry } from '../../../src/core/detect/har-entry.ts';
import { frameSchema, observationSchema, type Observation } from '../../../src/core/detect/observation.ts';
import { checkPageSession, checkPageSessions, pageSessionSchema } from '../../../src/core/detect/page-session.ts';
import { originOf } from '../../../src/core/url-origin.ts';
import { checkToPanel } from '../../../src/extension/messaging/check-to-panel.ts';
import { CHANNEL } from '../../../src/extension/messaging/envelope.ts';
import { fromDevtoolsSchema, fromPanelSchema, toPanelSchema } from '../../../src/extension/messaging/envelope-schema.ts';
import { clientApiBase, clientSessionId, customerId, HAR_FIXTURES, pageUrl, paymentId } from './connect-values.ts';
import { anyValue, hostileJson, hostileKey, hostileNumber, longText, mutatedJson, nearMiss, ownObject, shortHostileText } from './hostile-values.ts';
import { checkProperty, PROPERTY_TIMEOUT_MS, must, mustBeResult, mustHaveOrdinaryPrototypes } from './property-run.ts';
import { safeParse } from '../../../src/core/safe-parse.ts';

const at = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2025, 11, 31) });

/** A clientApiUrl as a page hands it over: the SDK's forms, protocol-relative, and long ones around the 4096 limit. */
const pageClientApiUrl = fc.oneof(
  { arbitrary: clientApiBase, weight: 6 },
  { arbitrary: fc.constantFrom('//ams1.sandbox.api-ingenico.com/client', '//127.0.0.1:4010', '///client', '//'), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('a', 'é', '%', ' ', '\ud83d\udcb3'), fc.integer({ min: 4000, max: 4096 }))
      .map(([unit, length]) => `https://h.example/${unit.repeat(Math.floor((length - 25) / unit.length))}/client`),
    weight: 1,
  },
);

/** What the page hook reports about one Session, and what a forging page script might send instead. */
const pageSession = fc
  .record(
    {
      global: fc.oneof(fc.constantFrom('connectsdk', 'GCsdk', 'onlinepaymentssdk'), fc.constantFrom('Connectsdk', 'window.connectsdk', ''), shortHostileText),
      clientSessionId: nearMiss(clientSessionId),
      customerId: nearMiss(customerId),
      clientApiUrl: pageClientApiUrl,
      assetUrl: fc.oneof(pageUrl, fc.constantFrom('//assets.example/', ''), longText(4090, 4100).map((tail) => `//a.example/${tail}`)),
      hostedCheckout: fc.oneof(fc.constant(true), fc.constantFrom<unknown>(false, 'true', 1, null), shortHostileText),
      at: hostileNumber,
    },
    { requiredKeys: ['global', 'clientSessionId', 'customerId', 'clientApiUrl', 'assetUrl'] },
  )
  .chain((session) => fc.array(fc.tuple(hostileKey, hostileJson), { maxLength: 2 }).map((extra) => ownObject([...Object.entries(session), ...extra])));

const pageSessionOrNot = fc.oneof({ arbitrary: pageSession, weight: 6 }, { arbitrary: mutatedJson(pageSession), weight: 2 }, { arbitrary: anyValue, weight: 1 });

const frameUrl = fc.option(fc.oneof(fc.constantFrom('https://shop.example/checkout', 'http://127.0.0.1:4020/', 'about:srcdoc', 'chrome-extension://x/panel.html'), pageUrl), { nil: undefined });

const channel = fc.oneof({ arbitrary: fc.constant(CHANNEL), weight: 8 }, { arbitrary: fc.constantFrom('connect-devtools ', 'Connect-DevTools', ''), weight: 1 }, { arbitrary: shortHostileText, weight: 1 });

// Observations as the extension's parts send them, for the other envelopes.
const REAL_CALLS: Observation[] = HAR_FIXTURES.flatMap((raw) => {
  const entry = parseHarEntry(raw);
  const call = entry.ok ? classifyRequest(entry.value) : null;
  return call ? [call] : [];
});

const frame = fc.record({ frameId: fc.integer({ min: 0, max: 2 ** 31 - 1 }), url: pageUrl.map((u) => u.slice(0, 4096)) });

/** What the devtools page sends of a frame's hook: a frame, and sessions that are the page's word. */
const pageSessionsMessage = fc.oneof(
  {
    arbitrary: fc
      .tuple(
        channel,
        fc.oneof(fc.constant('page-sessions'), shortHostileText),
        fc.oneof({ arbitrary: frame, weight: 8 }, { arbitrary: anyValue, weight: 1 }),
        fc.array(pageSessionOrNot, { maxLength: 3 }),
        fc.oneof({ arbitrary: fc.constant(0), weight: 60 }, { arbitrary: fc.constantFrom(49, 50, 51), weight: 1 }),
      )
      // Now and then the 50-session cap, reached with copies so it costs little to build.
      .map(([channelName, type, from, sessions, pad]) => ({ channel: channelName, type, frame: from, sessions: [...sessions, ...Array<unknown>(pad).fill(sessions[0] ?? {})] })),
    weight: 8,
  },
  { arbitrary: fc.record({ channel, type: fc.constant('page-sessions'), frame, sessions: anyValue }), weight: 1 },
  { arbitrary: anyValue, weight: 1 },
);

const observation: fc.Arbitrary<Observation> = fc.oneof(
  fc.constantFrom(...REAL_CALLS),
  fc.record({
    kind: fc.constant('sdk-session' as const),
    at,
    global: fc.constantFrom('connectsdk' as const, 'GCsdk' as const, 'onlinepaymentssdk' as const),
    clientSessionId,
    customerId,
    clientApiUrl: fc.constantFrom('https://ams1.sandbox.api-ingenico.com/client', 'http://127.0.0.1:4010/client'),
    assetUrl: fc.constantFrom('', 'https://assets.example/'),
    frame,
  }),
  fc.record(
    {
      kind: fc.constant('payment' as const),
      at,
      paymentId,
      source: fc.constantFrom('thirdpartystatus-call' as const, 'create-payment-response' as const, 'typed' as const),
      productId: fc.constantFrom(3012, 863),
      clientSessionId,
    },
    { requiredKeys: ['kind', 'at', 'paymentId', 'source'] },
  ),
  fc.record({ kind: fc.constant('navigation' as const), at, url: pageUrl.map((u) => u.slice(0, 4096)) }),
  fc.record({ kind: fc.constant('session-refused' as const), at, clientSessionId, customerId, source: fc.constant('panel-poll' as const) }),
);

/** A few observations; once in a few hundred messages, the 5000 bound or one past it (each costs 5000 checks). */
const observations = fc.oneof(
  { arbitrary: fc.array(observation, { maxLength: 6 }), weight: 400 },
  { arbitrary: fc.tuple(observation, fc.constantFrom(5000, 5001)).map(([one, n]) => Array<Observation>(n).fill(one)), weight: 1 },
);

// The default interval may be missing, as in settings stored before it existed.
const settings = fc.record(
  {
    preserveLog: fc.boolean(),
    approvedOrigins: fc.array(fc.constantFrom('https://ams1.sandbox.api-ingenico.com', 'http://127.0.0.1:4010'), { maxLength: 3 }),
    pollIntervalSeconds: fc.integer({ min: 1, max: 60 }),
  },
  { requiredKeys: ['preserveLog', 'approvedOrigins'] },
);
const health = fc.record({ droppedPageReports: fc.nat() }, { requiredKeys: ['droppedPageReports'] });
const revision = { epoch: fc.uuid(), revision: fc.nat() };
const tabId = fc.nat({ max: 2 ** 31 - 1 });

/** Every message the extension's parts send one another, well formed. */
const wellFormedMessage = fc.oneof(
  fc.record({ type: fc.constant('observed'), observations }),
  fc.record({ type: fc.constant('navigated'), url: pageUrl.map((u) => u.slice(0, 4096)), at }),
  fc.record({ type: fc.constantFrom('hello', 'clear') }),
  fc.record({ type: fc.constant('page-sessions'), frame, sessions: fc.array(pageSession, { maxLength: 3 }) }),
  fc.record({
    type: fc.constant('settings-change'),
    change: fc.oneof(
      fc.record({ key: fc.constant('preserveLog'), value: fc.boolean() }),
      fc.record({ key: fc.constantFrom('approveOrigin', 'revokeOrigin'), origin: pageUrl.map((u) => u.slice(0, 512)) }),
      fc.record({ key: fc.constant('pollIntervalSeconds'), value: fc.integer({ min: 1, max: 60 }) }),
      fc.record({ key: fc.constant('reset') }),
    ),
  }),
  fc.record({ type: fc.constant('snapshot'), tabId, ...revision, observations, settings, health }),
  fc.record({ type: fc.constant('appended'), tabId, ...revision, observations }),
  fc.record({ type: fc.constant('settings'), tabId, settings }),
  fc.record({ type: fc.constant('health'), tabId, health }),
).map((body) => ({ channel: CHANNEL, ...body }) as Record<string, unknown>);

const extensionMessage = fc.oneof(
  { arbitrary: wellFormedMessage, weight: 4 },
  { arbitrary: mutatedJson(wellFormedMessage), weight: 4 },
  { arbitrary: pageSessionsMessage, weight: 1 },
  { arbitrary: anyValue, weight: 1 },
);

const SCHEMAS = { fromPanelSchema, fromDevtoolsSchema, toPanelSchema };

/** The service worker's messages to the panel, well formed. */
const TO_PANEL_TYPES = ['snapshot', 'appended', 'settings', 'health'];
const toPanelMessage = wellFormedMessage.filter((m) => TO_PANEL_TYPES.includes(m.type as string) && safeParse(toPanelSchema, m).success);

// A value the panel cannot read, for each field its check looks at (`undefined` leaves the field out).
const UNMEASURABLE_LIST = JSON.parse('{"length":{"toString":""}}') as unknown;
const WRONG_FIELDS: Record<string, unknown[]> = {
  channel: [undefined, 'connect-devtools ', 'Connect-DevTools', '', null, 1],
  type: [undefined, 'hello', 'observed', 'Snapshot', '', null, ['snapshot']],
  tabId: [undefined, -1, 1.5, '1', null, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, [1]],
  epoch: [undefined, 1, null, [], {}],
  revision: [undefined, -1, 0.5, '2', null, Number.NaN],
  observations: [undefined, {}, 'x', null, { length: 1 }, UNMEASURABLE_LIST, [null], [1], ['navigation'], [[]], [{ kind: 1 }]],
  settings: [
    undefined,
    null,
    [],
    'x',
    { preserveLog: 'no', approvedOrigins: [] },
    { approvedOrigins: [] },
    { preserveLog: true, approvedOrigins: 'x' },
    { preserveLog: true, approvedOrigins: [1] },
    { preserveLog: true, approvedOrigins: UNMEASURABLE_LIST },
    { preserveLog: true, approvedOrigins: [], pollIntervalSeconds: 0 },
    { preserveLog: true, approvedOrigins: [], pollIntervalSeconds: 61 },
    { preserveLog: true, approvedOrigins: [], pollIntervalSeconds: 1.5 },
    { preserveLog: true, approvedOrigins: [], pollIntervalSeconds: '5' },
    { preserveLog: true, approvedOrigins: [], pollIntervalSeconds: null },
  ],
  health: [undefined, null, [], {}, { droppedPageReports: -1 }, { droppedPageReports: '0' }, { droppedPageReports: 0, storageError: 1 }],
};

const brokenToPanelMessage = toPanelMessage.chain((message) => {
  const fields = Object.keys(WRONG_FIELDS).filter((field) => field in message);
  return fc.constantFrom(...fields).chain((field) =>
    fc.constantFrom(...(WRONG_FIELDS[field] ?? [])).map((wrong) => {
      const broken: Record<string, unknown> = { ...message };
      if (wrong === undefined) delete broken[field];
      else broken[field] = wrong;
      return { field, broken };
    }),
  );
});

describe('page messages and the envelope', () => {
  it('checks any page session report: a session that passes is one the extension can keep, or a reason', () => {
    checkProperty(
      fc.property(pageSessionOrNot, frameUrl, at, (raw, frameAddress, now) => {
        const checked = checkPageSession(raw, frameAddress);
        mustBeResult(checked);
        if (!checked.ok) return;
        const session = checked.value;
        mustHaveOrdinaryPrototypes(session, 'session');
        must(CLIENT_SESSION_ID.test(session.clientSessionId) && CUSTOMER_ID.test(session.customerId), 'the identifier rules hold', session);
        const again = normaliseClientApiUrl(session.clientApiUrl);
        must(again.ok && again.value === session.clientApiUrl, 'the clientApiUrl is normalised, ending in /client', session);
        must(session.assetUrl === '' || originOf(session.assetUrl) !== undefined, 'the assetUrl is http(s) or empty', session);
        must(session.hostedCheckout === undefined || session.hostedCheckout === true, 'hostedCheckout is true or absent', session);
        // What the service worker stores and sends to the panel: it must pass the envelope's observation schema.
        const stored = { ...session, kind: 'sdk-session', at: now, frame: { frameId: 0, url: (frameAddress ?? '').slice(0, 4096) } };
        must(pageSessionSchema.safeParse(session).success, 'a checked session passes the page session schema', raw, session);
        must(observationSchema.safeParse(stored).success, 'the stored session passes the observation schema', raw, stored);
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('reads any page sessions message: the envelope, then each session on its own, dropped ones counted', () => {
    checkProperty(
      fc.property(pageSessionsMessage, frameUrl, (raw, frameAddress) => {
        const parsed = safeParse(fromDevtoolsSchema, raw);
        if (parsed?.success) {
          const data = parsed.data;
          must(data.channel === CHANNEL && data.type === 'page-sessions' && data.sessions.length <= 50, 'our channel, at most 50 sessions', data);
          if (data.type === 'page-sessions') must(frameSchema.safeParse(data.frame).success, 'a frame the observations can carry', data);
        }
        // The sessions the message carries, checked as the service worker checks them once the envelope passed.
        const sessions: unknown = (raw as { sessions?: unknown } | null)?.sessions;
        const list = Array.isArray(sessions) ? sessions : [sessions];
        const all = checkPageSessions(list, frameAddress);
        if (all === undefined) return;
        must(all.sessions.length + all.dropped === list.length && all.dropped >= 0, 'every report is kept or counted', all.sessions.length, all.dropped);
        const one = list.flatMap((report) => {
          const checked = checkPageSession(report, frameAddress);
          return checked.ok ? [checked.value] : [];
        });
        must(JSON.stringify(one) === JSON.stringify(all.sessions), 'the same sessions as checked one by one', one, all.sessions);
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('reads any message against every envelope schema: what passes is plain, bounded and passes again', () => {
    checkProperty(
      fc.property(extensionMessage, (raw) => {
        for (const [name, schema] of Object.entries(SCHEMAS)) {
          const parsed = safeParse(schema as typeof toPanelSchema, raw);
          if (!parsed?.success) continue;
          const data = parsed.data as Record<string, unknown>;
          must(data.channel === CHANNEL, `${name}: only our channel`, raw);
          // A frame's sessions are still the page's word (checked one by one afterwards); everything else is checked here.
          mustHaveOrdinaryPrototypes(data.type === 'page-sessions' ? { ...data, sessions: [] } : data, name);
          must((schema as typeof toPanelSchema).safeParse(data).success, `${name}: what passed passes again`, data);
          const list = data.observations;
          if (list !== undefined) {
            must(Array.isArray(list) && list.length <= 5000, `${name}: at most 5000 observations`, (list as unknown[]).length);
            must(list.every((o) => observationSchema.safeParse(o).success), `${name}: each observation passes its schema`);
          }
        }
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('accepts every well-formed message in the schema of its direction', () => {
    checkProperty(
      fc.property(wellFormedMessage, (message) => {
        const type = message.type as string;
        const size = Array.isArray(message.observations) ? message.observations.length : 0;
        const accepted = Object.entries(SCHEMAS).filter(([, schema]) => (schema as typeof toPanelSchema).safeParse(message).success).map(([name]) => name);
        must(size > 5000 ? accepted.length === 0 : accepted.length > 0, `a ${type} message is accepted by a schema unless it is over the bound`, type, size, accepted);
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('checks any message to the panel by its envelope alone, never throwing: it keeps all that zod keeps, and only what has the fields the panel reads', () => {
    checkProperty(
      fc.property(fc.oneof(extensionMessage, toPanelMessage), (raw) => {
        const checked = checkToPanel(raw);
        if (safeParse(toPanelSchema, raw).success) must(checked !== undefined, 'a message the service worker may send is kept', raw);
        const sent = (raw as { settings?: { approvedOrigins?: unknown; pollIntervalSeconds?: unknown } } | null)?.settings;
        if (checked !== undefined && sent?.approvedOrigins !== undefined && sent.pollIntervalSeconds !== undefined) must(checked === raw, 'and kept as it is', raw);
        if (checked === undefined) return;
        const m = checked as unknown as Record<string, unknown>;
        const count = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
        must(m.channel === CHANNEL && TO_PANEL_TYPES.includes(m.type as string) && count(m.tabId), 'our channel, a type to the panel, a tab id', m);
        if (m.type === 'snapshot' || m.type === 'appended') {
          must(typeof m.epoch === 'string' && count(m.revision), 'an epoch and a revision', m);
          const list = m.observations;
          must(Array.isArray(list) && list.every((o) => typeof o === 'object' && o !== null && typeof (o as { kind?: unknown }).kind === 'string'), 'a list of observations, each with its kind', m);
        }
        if (m.type === 'snapshot' || m.type === 'settings') {
          const settings = m.settings as { preserveLog?: unknown; approvedOrigins?: unknown; pollIntervalSeconds?: unknown } | null;
          must(typeof settings?.preserveLog === 'boolean' && Array.isArray(settings.approvedOrigins) && settings.approvedOrigins.every((o) => typeof o === 'string'), 'settings the panel can read', m);
          must(Number.isInteger(settings?.pollIntervalSeconds) && (settings?.pollIntervalSeconds as number) >= 1 && (settings?.pollIntervalSeconds as number) <= 60, 'a default interval the panel can use', m);
        }
        if (m.type === 'snapshot' || m.type === 'health') {
          const health = m.health as { droppedPageReports?: unknown; storageError?: unknown } | null;
          must(count(health?.droppedPageReports) && (health?.storageError === undefined || typeof health.storageError === 'string'), 'health the panel can read', m);
        }
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('drops a message to the panel when a field of its envelope is missing or of another type, as zod does', () => {
    checkProperty(
      fc.property(brokenToPanelMessage, ({ field, broken }) => {
        must(checkToPanel(broken) === undefined, `a message with a broken ${field} is dropped`, broken);
        must(!safeParse(toPanelSchema, broken).success, `zod refuses a broken ${field} too`, broken);
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  // Inputs the properties found; each once threw or was kept when it must not be.
  const UNMEASURABLE_TEXT = JSON.parse('{"length":{"toString":""}}') as unknown;

  it('refuses a page session whose clientSessionId is {"length":{"toString":""}}, without throwing', () => {
    const report = { global: 'connectsdk', clientSessionId: UNMEASURABLE_TEXT, customerId: '1234', clientApiUrl: 'https://a.example/client', assetUrl: '' };
    expect(checkPageSession(report).ok).toBe(false);
  });

  it('refuses, as every receipt checks them, messages whose list or text is {"length":{"toString":""}}, without throwing', () => {
    expect(safeParse(fromDevtoolsSchema, { channel: CHANNEL, type: 'page-sessions', frame: { frameId: 0, url: 'https://shop.example/' }, sessions: UNMEASURABLE_TEXT }).success).toBe(false);
    expect(safeParse(toPanelSchema, { channel: CHANNEL, type: 'appended', tabId: 1, epoch: 'e', revision: 1, observations: UNMEASURABLE_TEXT }).success).toBe(false);
    expect(safeParse(fromDevtoolsSchema, { channel: CHANNEL, type: 'navigated', url: UNMEASURABLE_TEXT, at: 1 }).success).toBe(false);
    expect(checkToPanel({ channel: CHANNEL, type: 'appended', tabId: 1, epoch: 'e', revision: 1, observations: UNMEASURABLE_TEXT })).toBeUndefined();
  });

  it('refuses a page session whose clientApiUrl passes 4096 characters once percent-encoded, so every snapshot still reaches the panel', () => {
    const report = { global: 'connectsdk', clientSessionId: '51d29012e6ce4b81afa6cc7551ef4e36', customerId: '1234', clientApiUrl: `https://a.example/${' '.repeat(1400)}/client`, assetUrl: '' };
    const checked = checkPageSession(report, 'https://shop.example/');
    const observation = checked.ok ? { ...checked.value, kind: 'sdk-session', at: 1, frame: { frameId: 0, url: 'https://shop.example/' } } : undefined;
    const snapshot = { channel: CHANNEL, type: 'snapshot', tabId: 1, epoch: 'e', revision: 1, observations: [observation], settings: { preserveLog: false, approvedOrigins: [] }, health: { droppedPageReports: 0 } };
    expect(!checked.ok || toPanelSchema.safeParse(snapshot).success).toBe(true);
  });

  it('drops a protocol-relative assetUrl that passes 4096 characters once the page\'s scheme is added', () => {
    const report = { global: 'connectsdk', clientSessionId: '51d29012e6ce4b81afa6cc7551ef4e36', customerId: '1234', clientApiUrl: 'https://a.example/client', assetUrl: `//a.example/${'x'.repeat(4084)}` };
    const checked = checkPageSession(report, 'https://shop.example/');
    expect(checked.ok && checked.value.assetUrl.length <= 4096).toBe(true);
  });
});

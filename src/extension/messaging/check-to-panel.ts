import { INITIAL_DEFAULT_INTERVAL_SECONDS, isDefaultIntervalSeconds } from '../../core/poll/default-interval.ts';
import { CHANNEL, type ToPanel } from './envelope.ts';

/**
 * What the panel checks of a message from its port to the service worker: the envelope's shape
 * only, without zod. The port is the extension's own (the service worker accepts it only from the
 * extension's pages and routes by its name), and everything the service worker sends on it was
 * checked with zod when it arrived there (envelope-schema.ts), from the page, the network or
 * storage. So the panel trusts what it is told, and only makes sure that what it reads is there
 * and of the type it reads: a malformed message is dropped, never thrown on.
 *
 * Checked: the channel, the type, the tab id, `epoch` and `revision`, that every list is a list
 * (each observation an object with a `kind`), and the types of the settings and health fields.
 * Not checked again: the observations' own fields, the bounds on lengths and counts. It never
 * drops a message zod would keep (the property tests compare the two).
 */
export function checkToPanel(raw: unknown): ToPanel | undefined {
  if (!isObject(raw) || raw.channel !== CHANNEL || !isCount(raw.tabId)) return undefined;
  switch (raw.type) {
    case 'snapshot':
      return hasRevision(raw) && hasObservations(raw) && isSettings(raw.settings) && isHealth(raw.health) ? withDefaults(raw) : undefined;
    case 'appended':
      return hasRevision(raw) && hasObservations(raw) ? (raw as ToPanel) : undefined;
    case 'settings':
      return isSettings(raw.settings) ? withDefaults(raw) : undefined;
    case 'health':
      return isHealth(raw.health) ? (raw as ToPanel) : undefined;
    default:
      return undefined;
  }
}

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A non-negative whole number, as tab ids, revisions and counts are. */
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

const hasRevision = (raw: Fields) => typeof raw.epoch === 'string' && isCount(raw.revision);

const hasObservations = (raw: Fields) =>
  Array.isArray(raw.observations) && raw.observations.every((o: unknown) => isObject(o) && typeof o.kind === 'string');

/**
 * `approvedOrigins` and `pollIntervalSeconds` may be absent, as in settings stored before they
 * existed (settingsSchema's defaults). The interval is checked as zod checks it: a poll's timer reads it.
 */
const isSettings = (value: unknown): value is Fields =>
  isObject(value) &&
  typeof value.preserveLog === 'boolean' &&
  (value.approvedOrigins === undefined || (Array.isArray(value.approvedOrigins) && value.approvedOrigins.every((origin: unknown) => typeof origin === 'string'))) &&
  (value.pollIntervalSeconds === undefined || isDefaultIntervalSeconds(value.pollIntervalSeconds));

/** The message as it came, or with zod's defaults where its settings leave a key out. */
function withDefaults(raw: Fields): ToPanel {
  const settings = raw.settings as Fields;
  if (settings.approvedOrigins !== undefined && settings.pollIntervalSeconds !== undefined) return raw as ToPanel;
  return {
    ...raw,
    settings: {
      ...settings,
      approvedOrigins: settings.approvedOrigins ?? [],
      pollIntervalSeconds: settings.pollIntervalSeconds ?? INITIAL_DEFAULT_INTERVAL_SECONDS,
    },
  } as unknown as ToPanel;
}

const isHealth = (value: unknown) =>
  isObject(value) && isCount(value.droppedPageReports) && (value.storageError === undefined || typeof value.storageError === 'string');

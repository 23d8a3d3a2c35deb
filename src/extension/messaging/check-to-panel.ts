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
      return hasRevision(raw) && hasObservations(raw) && isSettings(raw.settings) && isHealth(raw.health) ? withOrigins(raw) : undefined;
    case 'appended':
      return hasRevision(raw) && hasObservations(raw) ? (raw as ToPanel) : undefined;
    case 'settings':
      return isSettings(raw.settings) ? withOrigins(raw) : undefined;
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

/** `approvedOrigins` may be absent: settings stored before approvals existed have none (settingsSchema's default). */
const isSettings = (value: unknown): value is Fields =>
  isObject(value) &&
  typeof value.preserveLog === 'boolean' &&
  (value.approvedOrigins === undefined || (Array.isArray(value.approvedOrigins) && value.approvedOrigins.every((origin: unknown) => typeof origin === 'string')));

/** The message as it came, or with `approvedOrigins: []` where its settings have none, as zod's default gives. */
function withOrigins(raw: Fields): ToPanel {
  const settings = raw.settings as Fields;
  return (settings.approvedOrigins === undefined ? { ...raw, settings: { ...settings, approvedOrigins: [] } } : raw) as ToPanel;
}

const isHealth = (value: unknown) =>
  isObject(value) && isCount(value.droppedPageReports) && (value.storageError === undefined || typeof value.storageError === 'string');

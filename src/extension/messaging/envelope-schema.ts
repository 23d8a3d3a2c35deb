import { z } from '../../core/zod.ts';
import { frameSchema, observationSchema } from '../../core/detect/observation.ts';
import {
  INITIAL_DEFAULT_INTERVAL_SECONDS,
  MAX_DEFAULT_INTERVAL_SECONDS,
  MIN_DEFAULT_INTERVAL_SECONDS,
} from '../../core/poll/default-interval.ts';
import { CHANNEL } from './envelope.ts';
import { MAX_HOOK_SESSIONS } from '../page/hook-reader.ts';

/**
 * The zod schemas of the envelope (envelope.ts), for the receivers that cannot trust the sender:
 * the service worker checks every message from the devtools page and the panel with them. Anything
 * that does not parse is dropped: a message may come from a page script pretending to be us. The
 * panel trusts its port to the service worker and checks only the envelope's shape
 * (check-to-panel.ts); `toPanelSchema` is what the service worker sends it.
 */

const envelope = <T extends string, S extends z.core.$ZodShape>(type: T, shape: S) =>
  z.object({ channel: z.literal(CHANNEL), type: z.literal(type), ...shape });

const tabId = z.number().check(z.int(), z.nonnegative());
const observations = z.array(observationSchema).check(z.maxLength(5000));
const defaultIntervalSeconds = z.int().check(z.gte(MIN_DEFAULT_INTERVAL_SECONDS), z.lte(MAX_DEFAULT_INTERVAL_SECONDS));

export const settingsSchema = z.object({
  /** Keep what was seen across navigations, like the Network panel's "Preserve log". */
  preserveLog: z.boolean(),
  /**
   * Client API origins the user allowed the panel to poll. A page chooses the clientApiUrl, so no
   * request carrying a session id goes to an origin the user has not approved.
   */
  approvedOrigins: z._default(z.array(z.string().check(z.maxLength(512))).check(z.maxLength(200)), []),
  /**
   * The interval, in whole seconds, that each poll started from the panel begins with; polls already
   * running keep theirs. Settings stored before it existed take the default.
   */
  pollIntervalSeconds: z._default(defaultIntervalSeconds, INITIAL_DEFAULT_INTERVAL_SECONDS),
});
export type Settings = z.infer<typeof settingsSchema>;

/**
 * One change to the settings, applied by the service worker to what is stored at that moment, so two
 * DevTools windows changing different settings at once cannot erase each other's change.
 */
export const settingsChangeSchema = z.discriminatedUnion('key', [
  z.object({ key: z.literal('preserveLog'), value: z.boolean() }),
  z.object({ key: z.literal('approveOrigin'), origin: z.string().check(z.maxLength(512)) }),
  z.object({ key: z.literal('revokeOrigin'), origin: z.string().check(z.maxLength(512)) }),
  z.object({ key: z.literal('pollIntervalSeconds'), value: defaultIntervalSeconds }),
  /** Every setting back to its default in one change, so another window's change lands before or after it, never within. */
  z.object({ key: z.literal('reset') }),
]);
export type SettingsChange = z.infer<typeof settingsChangeSchema>;

/**
 * Where a tab's log stands: `epoch` names one service-worker lifetime, `revision` counts the changes
 * to the tab's log within it. A panel applies an update only on top of the revision it holds.
 */
const revision = { epoch: z.string().check(z.maxLength(64)), revision: z.number().check(z.int(), z.nonnegative()) };

/** What the panel is told about the store's health, shown once rather than lost silently. */
export const tabHealthSchema = z.object({
  /** Set while storage.session refuses writes (quota): detection carries on in memory. */
  storageError: z.optional(z.string().check(z.maxLength(512))),
  /** Page-hook reports that broke the identifier rules and were dropped. */
  droppedPageReports: z.number().check(z.int(), z.nonnegative()),
});
export type TabHealth = z.infer<typeof tabHealthSchema>;

/** devtools page → service worker */
export const fromDevtoolsSchema = z.discriminatedUnion('type', [
  envelope('observed', { observations }),
  envelope('navigated', { url: z.string().check(z.maxLength(4096)), at: z.number() }),
  /**
   * What a frame's page hook remembers, read by the devtools page. Each session is still the page's
   * word, checked on its own (checkPageSessions), so a malformed one is dropped and counted without
   * losing the others.
   */
  envelope('page-sessions', { frame: frameSchema, sessions: z.array(z.unknown()).check(z.maxLength(MAX_HOOK_SESSIONS)) }),
]);
export type FromDevtools = z.infer<typeof fromDevtoolsSchema>;

/** panel → service worker */
export const fromPanelSchema = z.discriminatedUnion('type', [
  envelope('hello', {}),
  envelope('observed', { observations }),
  envelope('clear', {}),
  envelope('settings-change', { change: settingsChangeSchema }),
]);
export type FromPanel = z.infer<typeof fromPanelSchema>;

/** service worker → panel; always names the tab so the panel can refuse another tab's data */
export const toPanelSchema = z.discriminatedUnion('type', [
  envelope('snapshot', { tabId, ...revision, observations, settings: settingsSchema, health: tabHealthSchema }),
  envelope('appended', { tabId, ...revision, observations }),
  envelope('settings', { tabId, settings: settingsSchema }),
  envelope('health', { tabId, health: tabHealthSchema }),
]);
export type ToPanel = z.infer<typeof toPanelSchema>;

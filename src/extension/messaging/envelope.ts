import { z } from 'zod';
import { observationSchema, sdkSessionSchema } from '../../core/detect/observation.ts';

/**
 * Every message between the extension's parts is one envelope, checked with zod on receipt.
 * Anything that does not parse is dropped: a message may come from a page script pretending to be us.
 */
export const CHANNEL = 'connect-devtools';

const envelope = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ channel: z.literal(CHANNEL), type: z.literal(type), ...shape });

const tabId = z.number().int().nonnegative();
const observations = z.array(observationSchema).max(5000);

export const settingsSchema = z.object({
  /** Keep what was seen across navigations, like the Network panel's "Preserve log". */
  preserveLog: z.boolean(),
  /**
   * Client API origins the user allowed the panel to poll. A page chooses the clientApiUrl, so no
   * request carrying a session id goes to an origin the user has not approved.
   */
  approvedOrigins: z.array(z.string().max(512)).max(200).default([]),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = { preserveLog: false, approvedOrigins: [] };

/** devtools page → service worker */
export const fromDevtoolsSchema = z.discriminatedUnion('type', [
  envelope('observed', { observations }),
  envelope('navigated', { url: z.string().max(4096), at: z.number() }),
  envelope('collect', {}),
]);
export type FromDevtools = z.infer<typeof fromDevtoolsSchema>;

/** panel → service worker */
export const fromPanelSchema = z.discriminatedUnion('type', [
  envelope('hello', {}),
  envelope('observed', { observations }),
  envelope('clear', {}),
  envelope('settings', { settings: settingsSchema }),
]);
export type FromPanel = z.infer<typeof fromPanelSchema>;

/** service worker → panel; always names the tab so the panel can refuse another tab's data */
export const toPanelSchema = z.discriminatedUnion('type', [
  envelope('snapshot', { tabId, observations, settings: settingsSchema }),
  envelope('appended', { tabId, observations }),
  envelope('settings', { tabId, settings: settingsSchema }),
]);
export type ToPanel = z.infer<typeof toPanelSchema>;

// service worker → content relay: only `collect`, checked by the relay without zod to keep what every page loads tiny.

/** What the page hook reports: an sdk-session without the frame, which only the browser can tell. */
export const pageSessionSchema = sdkSessionSchema.omit({ frame: true, kind: true }).strict();

/** content relay → service worker */
export const fromRelaySchema = z.discriminatedUnion('type', [
  envelope('page-sessions', { sessions: z.array(pageSessionSchema).max(50) }),
]);

export function message<M extends { type: string }>(body: M): M & { channel: typeof CHANNEL } {
  return { channel: CHANNEL, ...body };
}

/** Port names carry the inspected tab id: the service worker routes by it, never by message content. */
export const PORT_KINDS = ['devtools', 'panel'] as const;
export type PortKind = (typeof PORT_KINDS)[number];

export function portName(kind: PortKind, inspectedTabId: number): string {
  return `${kind}:${inspectedTabId}`;
}

export function parsePortName(name: string): { kind: PortKind; tabId: number } | null {
  const match = /^(devtools|panel):(\d{1,10})$/.exec(name);
  if (!match) return null;
  return { kind: match[1] as PortKind, tabId: Number(match[2]) };
}

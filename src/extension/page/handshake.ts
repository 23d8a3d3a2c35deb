/**
 * The page hook (MAIN world) and the relay (ISOLATED world) pair through a private MessageChannel.
 * Both run at document_start, before any page script, and the pairing is synchronous
 * (`dispatchEvent` runs listeners at once), so the port is handed over before a page script could
 * listen. Afterwards neither side listens for pairing events, so a page that forges them gets
 * nothing, and messages that do not arrive on the private port are never relayed.
 */
export const HOOK_READY_EVENT = 'connect-devtools:hook-ready';
export const RELAY_OFFER_EVENT = 'connect-devtools:relay-offer';

/**
 * relay → hook over the private port: `collect` when DevTools for the tab opens (hand over what is
 * remembered, then stream), `release` when the last DevTools port of the tab closes (stop streaming).
 */
export type RelayToHook = { type: 'collect' | 'release' };
/** hook → relay over the private port */
export type HookToRelay = { type: 'sessions'; sessions: unknown[] };

/**
 * How the devtools page reads what the page hook remembers: the hook defines a read-only function
 * under this name on each frame's window, and the devtools page calls it with
 * `devtools.inspectedWindow.eval` (a frame at a time), so nothing leaves a page unless DevTools is
 * open for it and asks. A page script can call the function too, or define one first in a frame the
 * hook does not run in: what it answers is the page's word, checked by the service worker like any.
 */
export const HOOK_READER = '__connectDevtoolsSessions';

/** The most sessions a frame's hook remembers, and so the most one read of a frame may hand over. */
export const MAX_HOOK_SESSIONS = 50;

/** What one frame answers: its own address, and the sessions its hook remembers (null: no hook there). */
export const READ_FRAME_EXPRESSION =
  // `window` and `location` cannot be replaced by a page; anything reached through them is checked afterwards.
  `{url: '' + location.href, sessions: typeof window.${HOOK_READER} === 'function' ? window.${HOOK_READER}() : null}`;

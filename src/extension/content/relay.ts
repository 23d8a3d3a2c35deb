import { HOOK_READY_EVENT, RELAY_OFFER_EVENT, type HookToRelay, type RelayToHook } from '../page/handshake.ts';

/**
 * The bridge between the page hook and the service worker (ISOLATED world, every frame,
 * document_start). Only messages arriving on the private port are forwarded; the service worker
 * validates them with zod, because the page's world is never trusted.
 * Uses `chrome.runtime` directly: this file is injected into every page and must stay tiny.
 */
(() => {
  const channel = new MessageChannel();
  const offer = () => !dispatchEvent(new MessageEvent(RELAY_OFFER_EVENT, { ports: [channel.port2], cancelable: true }));

  // Whichever side runs second completes the pairing, synchronously.
  if (!offer()) {
    const onReady = () => {
      if (offer()) removeEventListener(HOOK_READY_EVENT, onReady);
    };
    addEventListener(HOOK_READY_EVENT, onReady);
    // Before page scripts run, only the hook can send this event; after that, stop listening.
    addEventListener('DOMContentLoaded', () => removeEventListener(HOOK_READY_EVENT, onReady), { once: true });
  }

  channel.port1.onmessage = (event: MessageEvent<HookToRelay>) => {
    const data = event.data;
    if (data?.type !== 'sessions' || !Array.isArray(data.sessions)) return;
    chrome.runtime
      .sendMessage({ channel: 'connect-devtools', type: 'page-sessions', sessions: data.sessions.slice(0, 50) })
      .catch(() => {
        // The extension was reloaded under this page: nothing to deliver to.
      });
  };

  // Only the service worker can send these (`tabs.sendMessage`); pages cannot reach this listener.
  chrome.runtime.onMessage.addListener((message: unknown) => {
    const type = (message as { type?: unknown })?.type;
    if (type === 'collect' || type === 'release') channel.port1.postMessage({ type } satisfies RelayToHook);
  });
})();

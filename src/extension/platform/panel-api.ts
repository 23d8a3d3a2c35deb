import type { Manifest, Runtime, Storage } from 'webextension-polyfill';
import type { PermissionsApi } from './host-access.ts';

/**
 * The few extension APIs the panel page calls, taken from the browser without webextension-polyfill,
 * which the service worker and the devtools page use: at the panel's start the polyfill cost about
 * 2.7 KB gzip for five calls that need none of it.
 *
 * - Firefox gives extension pages `browser`, whose calls return promises (what the polyfill wraps).
 * - Chrome gives `chrome`. In Manifest V3 its `storage.session.get/set` and `permissions.request/
 *   getAll/remove` return a promise when called without a callback (this build targets Chrome 120),
 *   and `runtime.connect`, `runtime.getManifest` and `devtools.inspectedWindow.tabId` are synchronous
 *   and the same in both browsers. The port `connect` returns is the browser's own in both cases:
 *   the polyfill never wraps ports.
 *
 * Only these calls go through here. Anything else the panel may need is added to this type only if
 * it is the same on both browsers; otherwise the panel uses the polyfill like the rest.
 */
export interface PanelApi {
  devtools: { inspectedWindow: { readonly tabId: number } };
  runtime: {
    connect(connectInfo: { name: string }): Runtime.Port;
    getManifest(): Manifest.WebExtensionManifest;
  };
  storage: { session: Pick<Storage.StorageArea, 'get' | 'set'> };
  /** Absent where the page may not ask, as in Firefox's DevTools pages. */
  permissions?: PermissionsApi;
}

/** `browser` (Firefox) or else `chrome` (Chrome), typed as only what the panel calls. */
export function panelApi(): PanelApi {
  const scope = globalThis as { browser?: PanelApi; chrome?: PanelApi };
  const api = scope.browser ?? scope.chrome;
  if (!api?.runtime) throw new Error('The Connect panel runs only as a page of the extension.');
  return api;
}

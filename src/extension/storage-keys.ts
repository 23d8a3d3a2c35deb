/**
 * Every item the extension keeps in `storage.session`, by tab. Named in one place because the
 * service worker writes the log, the panel writes its poll archive, and the worker drops both when
 * the tab closes.
 */
export const tabMetaKey = (tabId: number) => `tab:${tabId}`;
export const tabChunkKey = (tabId: number, index: number) => `tab:${tabId}:${index}`;
export const pollArchiveKey = (tabId: number) => `tab:${tabId}:polls`;

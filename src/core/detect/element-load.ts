/**
 * Requests the browser makes by itself to load an element's resource (an image, a script, a
 * stylesheet, a font, audio or video) or to send a beacon, as Chrome names them in a HAR entry's
 * `_resourceType`. A page's script can neither add a header to such a request (so it is never a
 * Client API call, which carries `Authorization`) nor read its answer as data (so it is never the
 * merchant's create-payment answer). On a busy page they are most entries, and this one look decides
 * them before anything else of the entry is read. An entry without `_resourceType` (Firefox, other
 * tools) is judged by the rest as before.
 */
export function isElementLoad(entry: unknown): boolean {
  if (entry === null || typeof entry !== 'object') return false;
  const type: unknown = (entry as { _resourceType?: unknown })._resourceType;
  switch (type) {
    case 'image':
    case 'script':
    case 'stylesheet':
    case 'font':
    case 'media':
    case 'ping':
      return true;
    default:
      return false;
  }
}

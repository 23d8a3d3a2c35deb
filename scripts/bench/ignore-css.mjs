// The bench draws the panel's components in Node, where a component's own stylesheet (which vite
// bundles in the extension) has no meaning: every `.css` import loads as an empty module.
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
export async function load(url, context, next) {
  if (url.endsWith('.css')) return { format: 'module', source: '', shortCircuit: true };
  return next(url, context);
}`));

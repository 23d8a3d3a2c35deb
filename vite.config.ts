import { defineConfig } from 'vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { isBrowser, manifestFor } from './scripts/build-manifest.ts';

// One browser per build: `npm run build` (scripts/build.ts) runs this once per browser, with
// CONNECT_DEVTOOLS_BROWSER set; a plain `vite build` builds Chrome.
const requested = process.env['CONNECT_DEVTOOLS_BROWSER'] ?? 'chrome';
if (!isBrowser(requested)) throw new Error(`CONNECT_DEVTOOLS_BROWSER must be chrome or firefox, not "${requested}".`);
const browser = requested;

// The panel page is not named by the manifest (the devtools page creates it at run time),
// so it must be an explicit build input or Vite silently leaves it out.
export default defineConfig({
  plugins: [
    crx({
      manifest: manifestFor(manifest, browser, pkg.version) as unknown as ManifestV3Export,
      browser,
      // The MAIN-world hook must be a self-contained IIFE that runs synchronously at
      // document_start, before any page script; the default async loader is late.
      contentScripts: { standaloneFiles: ['src/extension/page/hook.ts'] },
    }),
  ],
  build: {
    outDir: `dist/${browser}`,
    emptyOutDir: true,
    target: browser === 'firefox' ? 'firefox128' : 'chrome120',
    minify: true,
    rollupOptions: {
      input: { panel: 'src/panel/index.html' },
    },
  },
});

import { defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };

// The panel page is not named by the manifest (the devtools page creates it at run time),
// so it must be an explicit build input or Vite silently leaves it out.
export default defineConfig({
  plugins: [
    crx({
      manifest,
      // MAIN-world and relay scripts must be self-contained IIFEs that run synchronously at
      // document_start; the default async loader is late and loses early messages.
      contentScripts: { standaloneFiles: ['src/extension/page/hook.ts', 'src/extension/content/relay.ts'] },
    }),
  ],
  build: {
    outDir: 'dist/chrome',
    emptyOutDir: true,
    target: 'chrome120',
    minify: true,
    rollupOptions: {
      input: { panel: 'src/panel/index.html' },
    },
  },
});

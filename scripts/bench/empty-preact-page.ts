/**
 * The baseline of the panel's first useful paint (issue 11): an empty Preact page, built with the
 * extension's Vite and Preact and the same target and minification, that sets its own User Timing mark
 * the way the panel does (from a layout effect, at the animation frame that paints it), served from 127.0.0.1.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';

export const EMPTY_PREACT_MARK = 'empty-preact:first-paint';

const HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Empty Preact page</title>
  </head>
  <body>
    <div id="app"></div>
    <script type="module" src="./main.js"></script>
  </body>
</html>
`;

// As the panel's App: render, then mark at the frame that paints it (src/panel/components/App.tsx).
const MAIN = `import { h, render } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

function Empty() {
  useLayoutEffect(() => {
    requestAnimationFrame(() => performance.mark(${JSON.stringify(EMPTY_PREACT_MARK)}));
  }, []);
  return h('p', null, 'Ready.');
}

render(h(Empty, null), document.getElementById('app'));
`;

/** Writes the page's source under `workDir` and builds it into `workDir/dist`; returns that folder. */
export async function buildEmptyPreactPage(workDir: string): Promise<string> {
  const source = join(workDir, 'src');
  const out = join(workDir, 'dist');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(source, { recursive: true });
  writeFileSync(join(source, 'index.html'), HTML);
  writeFileSync(join(source, 'main.js'), MAIN);
  await build({
    root: source,
    configFile: false,
    logLevel: 'warn',
    build: { outDir: out, emptyOutDir: true, target: 'chrome120', minify: true },
  });
  return out;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Serves a folder's files on 127.0.0.1 (a free port); `/` is its index.html. */
export async function serveFolder(folder: string): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(folder);
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://bench.invalid').pathname;
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': body.length });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

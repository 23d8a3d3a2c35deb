import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { collectLoadedLater, collectModuleGraph, scriptsOfPage } from './module-graph.ts';

/** The panel page is not in the manifest: the devtools page creates it at run time (see vite.config.ts). */
export const PANEL_PAGE = 'src/panel/index.html';

/** What the panel loads by `import()` once it has started: counted apart, never in `panel`. */
export const PANEL_LATER = 'panel, loaded later';

/** `missing`: the page or an import names a file the build does not have (a build in progress, or a broken one). */
export type FileSize = { file: string; bytes: number; gzipBytes: number; missing?: true };
export type SizeGroup = { name: string; what: string; files: FileSize[]; bytes: number; gzipBytes: number };
export type BundleSizes = { dist: string; builtAt: string; groups: SizeGroup[] };

type BuiltManifest = {
  background?: { service_worker?: string };
  devtools_page?: string;
  content_scripts?: { js?: string[] }[];
};

/** Gzip at level 9, as a budget is usually stated; each file on its own, as each is fetched on its own. */
export function gzipSize(content: Buffer | string): number {
  return gzipSync(content, { level: 9 }).length;
}

function group(name: string, what: string, files: string[], readBytes: (file: string) => Buffer | undefined): SizeGroup {
  const sizes = files.map((file) => {
    const content = readBytes(file);
    return content ? { file, bytes: content.length, gzipBytes: gzipSize(content) } : { file, bytes: 0, gzipBytes: 0, missing: true as const };
  });
  return {
    name,
    what,
    files: sizes,
    bytes: sizes.reduce((sum, size) => sum + size.bytes, 0),
    gzipBytes: sizes.reduce((sum, size) => sum + size.gzipBytes, 0),
  };
}

/**
 * Sizes of what each part of the built extension loads, found from the built manifest and pages
 * rather than named here, so a renamed chunk or a new content script is still counted.
 */
export function measureBundleSizes(dist: string): BundleSizes {
  const readBytes = (file: string) => {
    const path = join(dist, file);
    return existsSync(path) ? readFileSync(path) : undefined;
  };
  const readText = (file: string) => readBytes(file)?.toString('utf8');
  const manifest = JSON.parse(readText('manifest.json') ?? '{}') as BuiltManifest;

  const injected = [...new Set((manifest.content_scripts ?? []).flatMap((script) => script.js ?? []))];
  const worker = manifest.background?.service_worker;
  const devtools = manifest.devtools_page;
  const panel = scriptsOfPage(PANEL_PAGE, readText);
  return {
    dist,
    builtAt: statSync(join(dist, 'manifest.json')).mtime.toISOString(),
    groups: [
      group('injected', 'content scripts, run in every page and frame', injected, readBytes),
      group('panel', `JavaScript ${PANEL_PAGE} loads at once`, panel, readBytes),
      group(PANEL_LATER, 'JavaScript the panel loads by import() when first needed (a poll, the archive, a file)', collectLoadedLater(panel, readText), readBytes),
      group('service worker', 'the background service worker and its imports', worker ? collectModuleGraph([worker], readText) : [], readBytes),
      group('devtools page', 'JavaScript the devtools page loads at once', devtools ? scriptsOfPage(devtools, readText) : [], readBytes),
    ],
  };
}

import { posix } from 'node:path';

/**
 * Which JavaScript files a page of the built extension loads at once: the module scripts and
 * modulepreload links of its HTML, then every file those import statically. Dynamic `import()`
 * loads later, if at all: those files are listed apart (`collectLoadedLater`), never with the
 * start. Paths are relative to the build's root.
 */

/** `src` of every `<script>` and `href` of every modulepreload link, in document order. */
export function scriptsOfHtml(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    const [, tag = '', attributes = ''] = match;
    const attribute = (name: string) => new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attributes);
    const value = (name: string) => {
      const m = attribute(name);
      return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
    };
    const url = tag.toLowerCase() === 'script' ? value('src') : value('rel')?.toLowerCase() === 'modulepreload' ? value('href') : undefined;
    if (url !== undefined) found.push(url);
  }
  return found;
}

/**
 * Specifiers of the static imports and re-exports of a module: `import{a}from"./x.js"`,
 * `import"./x.js"`, `export*from"./x.js"`. Only local ones (starting with `.` or `/`) count; the
 * build has no bare specifiers. A preceding `.` (`obj.import`) or a following `(` is not an import.
 */
export function staticImportsOf(code: string): string[] {
  const found: string[] = [];
  const pattern = /(?<![\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?(["'])((?:\.{1,2})?\/[^"']*)\1/g;
  for (const match of code.matchAll(pattern)) if (match[2] !== undefined) found.push(match[2]);
  return found;
}

/**
 * Specifiers of the dynamic imports of a module: `import("./x.js")`, with any quotes. Only local
 * ones count, as for static imports; `obj.import(…)` is not an import.
 */
export function dynamicImportsOf(code: string): string[] {
  const found: string[] = [];
  const pattern = /(?<![\w$.])import\s*\(\s*(["'`])((?:\.{1,2})?\/[^"'`]*)\1\s*\)/g;
  for (const match of code.matchAll(pattern)) if (match[2] !== undefined) found.push(match[2]);
  return found;
}

/** Where `specifier` points from `fromFile`: `/x` from the build's root, `./x` from the file's folder. */
export function resolveSpecifier(fromFile: string, specifier: string): string {
  const path = specifier.split(/[?#]/)[0] ?? specifier;
  return path.startsWith('/') ? posix.normalize(path.slice(1)) : posix.join(posix.dirname(fromFile), path);
}

/**
 * Every JavaScript file reachable from `entries` by static imports, each once, entries first, in
 * the order found. `read` returns a file's text (relative to the build root), or undefined when
 * it is missing; a missing file is listed anyway so it cannot go unnoticed.
 */
export function collectModuleGraph(entries: readonly string[], read: (file: string) => string | undefined): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const code = read(file);
    if (code === undefined) continue;
    for (const specifier of staticImportsOf(code)) queue.push(resolveSpecifier(file, specifier));
  }
  return [...seen];
}

/** The JavaScript an HTML page of the build loads at once. `htmlFile` is relative to the build root. */
export function scriptsOfPage(htmlFile: string, read: (file: string) => string | undefined): string[] {
  const html = read(htmlFile) ?? '';
  const entries = scriptsOfHtml(html).map((url) => resolveSpecifier(htmlFile, url));
  return collectModuleGraph(entries, read);
}

/**
 * What the files loaded at start may load later: the targets of their dynamic imports and every
 * file those import, statically or dynamically, each once, leaving out what is loaded at start.
 */
export function collectLoadedLater(atStart: readonly string[], read: (file: string) => string | undefined): string[] {
  const start = new Set(atStart);
  const later = new Set<string>();
  const lazyImportsOf = (file: string) => dynamicImportsOf(read(file) ?? '').map((specifier) => resolveSpecifier(file, specifier));
  const queue = atStart.flatMap(lazyImportsOf);
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (start.has(file) || later.has(file)) continue;
    later.add(file);
    const code = read(file);
    if (code === undefined) continue;
    for (const specifier of [...staticImportsOf(code), ...dynamicImportsOf(code)]) queue.push(resolveSpecifier(file, specifier));
  }
  return [...later];
}

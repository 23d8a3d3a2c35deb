import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseAst } from 'vite';
import { describe, expect, it } from 'vitest';
import * as storageKeys from '../../../src/extension/storage-keys.ts';

/**
 * Least privilege, checked against what ships: the built manifest and assets, not the source manifest,
 * because the build rewrites the manifest and could add entries (e.g. web-accessible chunks).
 * CONNECT_DEVTOOLS_DIST points at another build (one made with `vite build --outDir …`).
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const DIST = resolve(ROOT, process.env.CONNECT_DEVTOOLS_DIST ?? 'dist/chrome');
const DOC = join(ROOT, 'docs/permissions.md');

type Manifest = Record<string, unknown> & {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: ContentScript[];
  content_security_policy?: Record<string, string>;
  background?: { service_worker?: string; type?: string };
  devtools_page?: string;
  web_accessible_resources?: { resources: string[]; matches?: string[] }[];
};
type ContentScript = Record<string, unknown> & { js?: string[]; matches: string[] };

function builtManifest(): Manifest {
  const path = join(DIST, 'manifest.json');
  // `npm test` builds first; `npm run test:unit` and `test:future` do not.
  if (!existsSync(path)) throw new Error(`${relative(ROOT, path)} is missing: run \`npm run build\` first.`);
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

const sourceManifest = () => JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as Manifest;

/** Rows of the Markdown table whose header starts with `firstHeader`, as cell arrays. */
function table(markdown: string, firstHeader: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${firstHeader} |`));
  if (start < 0) throw new Error(`docs/permissions.md has no table starting with "| ${firstHeader} |"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((cell) => cell.trim()));
  }
  return rows;
}

/** The text of a cell that is exactly one code span; anything else is not machine-readable. */
function code(cell: string): string {
  const match = /^`([^`]+)`$/.exec(cell);
  if (!match?.[1]) throw new Error(`expected one \`code\` span, got: ${cell}`);
  return match[1];
}

/** `key: value` code spans of a scope cell, e.g. `world: MAIN` `all_frames: true`. */
function scope(cell: string): Record<string, string> {
  return Object.fromEntries([...cell.matchAll(/`([\w.]+): ([^`]*)`/g)].map(([, key = '', value = '']) => [key, value]));
}

const withoutExtension = (path: string) => path.replace(/\.[^./]+$/, '');

/** What a content-script entry does, with Chrome's defaults spelled out so that docs must state them. */
function contentScriptScope(entry: ContentScript): Record<string, string> {
  const out: Record<string, string> = {
    matches: [...entry.matches].sort().join(', '),
    world: String(entry.world ?? 'ISOLATED'),
    run_at: String(entry.run_at ?? 'document_idle'),
    all_frames: String(entry.all_frames ?? false),
    match_origin_as_fallback: String(entry.match_origin_as_fallback ?? false),
  };
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'js' || key in out) continue;
    // Anything else (exclude_matches, css, match_about_blank, globs…) must be documented too.
    out[key] = Array.isArray(value) ? [...(value as string[])].sort().join(', ') : String(value);
  }
  return out;
}

/** Keys that describe the extension and grant nothing. */
const DESCRIPTIVE_KEYS = new Set(['manifest_version', 'name', 'short_name', 'version', 'description', 'minimum_chrome_version', 'icons']);

interface Grant {
  entry: string;
  key: string;
  scope: Record<string, string>;
}

/** Everything the built manifest grants or restricts, in the shape of the docs' rows. */
function grantsOf(manifest: Manifest, source: Manifest): Grant[] {
  const grants: Grant[] = [];
  for (const [key, value] of Object.entries(manifest)) {
    if (DESCRIPTIVE_KEYS.has(key)) continue;
    switch (key) {
      case 'permissions':
      case 'optional_permissions':
      case 'host_permissions':
      case 'optional_host_permissions':
        for (const entry of value as string[]) grants.push({ entry, key, scope: {} });
        break;
      case 'content_scripts':
        for (const script of value as ContentScript[])
          for (const js of script.js ?? []) grants.push({ entry: withoutExtension(js), key, scope: contentScriptScope(script) });
        break;
      case 'content_security_policy':
        for (const [page, policy] of Object.entries(value as Record<string, string>))
          grants.push({ entry: policy, key: `${key}.${page}`, scope: {} });
        break;
      case 'devtools_page':
        grants.push({ entry: value as string, key, scope: {} });
        break;
      case 'background': {
        // The build replaces the worker by a loader; the docs name the source the manifest names.
        const worker = source.background?.service_worker ?? '(none in manifest.json)';
        grants.push({ entry: worker, key, scope: manifest.background?.type ? { type: manifest.background.type } : {} });
        break;
      }
      case 'web_accessible_resources':
        for (const { resources, matches } of value as NonNullable<Manifest['web_accessible_resources']>)
          for (const entry of resources) grants.push({ entry, key, scope: { matches: [...(matches ?? [])].sort().join(', ') } });
        break;
      default:
        // An unknown key (externally_connectable, commands, side_panel…) is documented as a whole.
        grants.push({ entry: JSON.stringify(value), key, scope: {} });
    }
  }
  return grants;
}

function documentedGrants(markdown: string): Grant[] {
  return table(markdown, 'entry').map(([entry = '', key = '', scopeCell = '']) => {
    const keyName = code(key);
    const name = code(entry);
    return { entry: keyName === 'content_scripts' ? withoutExtension(name) : name, key: keyName, scope: scope(scopeCell) };
  });
}

const label = (grant: Grant) => `${grant.key}: ${grant.entry}`;

/** Source lines that are code, not comments; enough for the literal storage calls this project writes. */
function codeLines(dir: string): { file: string; line: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .flatMap((entry) => {
      const file = join(entry.parentPath, entry.name);
      return readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\/\/|\/\*|\*)/.test(line))
        .map((line) => ({ file: relative(ROOT, file), line }));
    });
}

/** Every file the browser runs from the build, JS and HTML. */
function builtFiles(extension: string): string[] {
  return readdirSync(DIST, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** A module or script address is local when it names a file of the package. */
function localFile(from: string, specifier: string): string | undefined {
  if (!/^(\.{1,2})?\//.test(specifier) || specifier.startsWith('//')) return undefined;
  const target = specifier.startsWith('/') ? join(DIST, specifier) : resolve(dirname(from), specifier);
  return existsSync(target) && !relative(DIST, target).startsWith('..') ? target : undefined;
}

interface Node {
  type: string;
  value?: unknown;
  name?: string;
  property?: Node;
  callee?: Node;
  arguments?: Node[];
  expressions?: Node[];
  quasis?: Node[];
}

/** A string literal's text, or a template literal's when it has no `${}` (the build writes `import(\`./x.js\`)`). */
function constantText(node: Node): string | undefined {
  if (node.type === 'Literal') return typeof node.value === 'string' ? node.value : undefined;
  if (node.type !== 'TemplateLiteral' || node.expressions?.length !== 0 || node.quasis?.length !== 1) return undefined;
  const cooked = node.quasis[0]?.value;
  return typeof cooked === 'object' && cooked !== null && typeof (cooked as { cooked?: unknown }).cooked === 'string' ? (cooked as { cooked: string }).cooked : undefined;
}

/** `new URL("<a file of the package>", import.meta.url)`: the only script address a worker may be started with. */
function packagedScript(from: string, node: Node | undefined): boolean {
  if (node?.type !== 'NewExpression' || !node.callee || calleeName(node.callee) !== 'URL') return false;
  const address = node.arguments?.[0];
  const text = address ? constantText(address) : undefined;
  return text !== undefined && localFile(from, text) !== undefined;
}

function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) for (const child of node) walk(child, visit);
  else if (node && typeof node === 'object') {
    if (typeof (node as Node).type === 'string') visit(node as Node);
    for (const child of Object.values(node)) if (child && typeof child === 'object') walk(child, visit);
  }
}

/** `importScripts(…)`, `self.importScripts(…)`, `document.createElement(…)` → the called name. */
const calleeName = (callee: Node | undefined): string | undefined =>
  callee?.type === 'Identifier' ? callee.name : callee?.type === 'MemberExpression' ? calleeName(callee.property) : undefined;

describe('least privilege, checked against the build', () => {
  it('reads a build of the current manifest.json', () => {
    const built = builtManifest();
    const source = sourceManifest();
    // A stale dist would make every other check here vouch for an older manifest.
    for (const key of ['permissions', 'optional_permissions', 'host_permissions', 'optional_host_permissions', 'content_security_policy', 'devtools_page'])
      expect(built[key], `dist/chrome/manifest.json differs from manifest.json in ${key}: run \`npm run build\``).toEqual(source[key]);
    expect((built.content_scripts ?? []).map(contentScriptScope), 'dist/chrome/manifest.json differs from manifest.json in content_scripts: run `npm run build`').toEqual(
      (source.content_scripts ?? []).map(contentScriptScope),
    );
  });

  it('states a content security policy for extension pages with no remote code, no eval and no inline script', () => {
    const csp = builtManifest().content_security_policy;
    expect(csp?.extension_pages, 'manifest.json must state content_security_policy.extension_pages').toBeTypeOf('string');
    for (const [page, policy] of Object.entries(csp ?? {})) {
      const directives = new Map(
        policy
          .split(';')
          .map((part) => part.trim().split(/\s+/))
          .filter(([name]) => name)
          .map(([name = '', ...sources]) => [name, sources]),
      );
      expect(directives.get('script-src'), `${page}: script-src must be stated`).toBeDefined();
      expect(policy, page).not.toMatch(/'unsafe-eval'/);
      expect(directives.get('script-src'), `${page}: script-src`).not.toContain("'unsafe-inline'");
      // Where code comes from: only the package. Remote hosts, schemes and wildcards are refused.
      for (const name of ['default-src', 'script-src', 'script-src-elem', 'worker-src', 'object-src'])
        for (const source of directives.get(name) ?? []) expect(["'self'", "'none'"], `${page}: ${name} ${source}`).toContain(source);
    }
  });

  it('loads no code from outside the package', () => {
    const manifest = builtManifest();
    const problems: string[] = [];
    for (const file of builtFiles('.js')) {
      const where = relative(DIST, file);
      // Parsed, not grepped: a minified bundle holds "import (" and "from" in its strings too.
      walk(parseAst(readFileSync(file, 'utf8')), (node) => {
        const source = (node as { source?: Node | null }).source;
        if (['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'ImportExpression'].includes(node.type) && source) {
          const specifier = constantText(source);
          if (specifier === undefined || !localFile(file, specifier)) problems.push(`${where}: ${node.type} of ${specifier ?? 'a computed address'}`);
        }
        if (node.type === 'CallExpression' || node.type === 'NewExpression') {
          const name = calleeName(node.callee);
          const first = node.arguments?.[0];
          if (name === 'importScripts') problems.push(`${where} calls importScripts`);
          // A worker of a file in the package (the panel's HAR import) is code of the package; any other script is not.
          if ((name === 'Worker' || name === 'SharedWorker') && node.type === 'NewExpression' && !packagedScript(file, first)) problems.push(`${where} starts a ${name}`);
          if (name === 'createElement' && first?.type === 'Literal' && String(first.value).toLowerCase() === 'script')
            problems.push(`${where} creates a script element`);
        }
      });
    }
    for (const file of builtFiles('.html')) {
      const text = readFileSync(file, 'utf8');
      const where = relative(DIST, file);
      for (const [tag = '', attributes = '', body = ''] of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1];
        if (!src || body.trim()) problems.push(`${where} has an inline script: ${tag.slice(0, 80)}`);
        else if (!localFile(file, src)) problems.push(`${where} loads ${src}`);
      }
      for (const [, href = ''] of text.matchAll(/<link\b[^>]*\bhref\s*=\s*["']?([^"'\s>]+)/gi))
        if (!localFile(file, href)) problems.push(`${where} links ${href}`);
    }
    const named = [
      manifest.background?.service_worker,
      manifest.devtools_page,
      ...(manifest.content_scripts ?? []).flatMap((script) => script.js ?? []),
    ];
    for (const path of named) if (!path || !existsSync(join(DIST, path))) problems.push(`the manifest names ${path}, which the build lacks`);
    expect(problems).toEqual([]);
  });

  it('asks for no host access at install: polling hosts are optional only', () => {
    const manifest = builtManifest();
    expect(manifest.host_permissions ?? [], 'host_permissions must be absent or empty').toEqual([]);
    // A host pattern among the required permissions would be host access at install too.
    const hostLike = /^(<all_urls>|\*|https?|wss?|file|ftp):/;
    expect((manifest.permissions ?? []).filter((permission) => hostLike.test(permission)), 'host patterns in permissions').toEqual([]);
    // The panel asks for one exact origin under these at approval (src/extension/platform/host-access.ts).
    expect(manifest.optional_host_permissions ?? []).not.toEqual([]);
    for (const pattern of manifest.optional_host_permissions ?? []) expect(pattern).toMatch(/^https?:\/\//);
  });

  it('documents every permission, content script and policy of the built manifest in docs/permissions.md, and nothing else', () => {
    const actual = grantsOf(builtManifest(), sourceManifest());
    const documented = documentedGrants(readFileSync(DOC, 'utf8'));
    const undocumented = actual.filter((grant) => !documented.some((row) => row.key === grant.key && row.entry === grant.entry));
    const stale = documented.filter((row) => !actual.some((grant) => grant.key === row.key && grant.entry === row.entry));
    expect(undocumented.map(label), 'in the built manifest but not in docs/permissions.md').toEqual([]);
    expect(stale.map(label), 'in docs/permissions.md but not in the built manifest').toEqual([]);
    for (const grant of actual) {
      const row = documented.find((candidate) => candidate.key === grant.key && candidate.entry === grant.entry);
      expect(row?.scope, `scope of ${label(grant)} in docs/permissions.md`).toEqual(grant.scope);
    }
  });

  it('documents every stored item in docs/permissions.md, with where it lives', () => {
    const rows = table(readFileSync(DOC, 'utf8'), 'item').map(([item = '', area = '']) => ({ item: code(item), area: code(area) }));
    const patternOf = (item: string) => new RegExp(`^${item.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '\\d+')}$`);
    const rowFor = (key: string) => rows.filter((row) => patternOf(row.item).test(key));

    // Every key builder: storage-keys.ts names the items of storage.session.
    const built = Object.entries(storageKeys).map(([name, build]) => ({ name, key: (build as (...n: number[]) => string)(7, 3) }));
    expect(built.length).toBeGreaterThan(0);
    for (const { name, key } of built) {
      expect(rowFor(key), `${name}() builds ${key}: document it in docs/permissions.md`).toHaveLength(1);
      expect(rowFor(key)[0]?.area, `${name}()`).toBe('storage.session');
    }

    // Every literal key passed to a storage area's get/set/remove, and every area used.
    const lines = codeLines(join(ROOT, 'src')).filter(({ file }) => !file.startsWith('src/simulator/'));
    const literals = new Set<string>();
    const areas = new Set<string>();
    for (const { line } of lines) {
      for (const [, area = ''] of line.matchAll(/\bstorage\.(local|session|sync|managed)\b/g)) areas.add(`storage.${area}`);
      for (const [, key = ''] of line.matchAll(/storage(?:\.\w+)?\.(?:get|remove)\(\s*["'`]([^"'`$]+)["'`]/g)) literals.add(key);
      for (const [, quoted, bare] of line.matchAll(/storage(?:\.\w+)?\.set\(\s*\{\s*(?:["'`]([^"'`$]+)["'`]|(\w+))\s*:/g)) literals.add(quoted ?? bare ?? '');
      // Web storage and IndexedDB outlive the panel and are readable by nothing the docs list.
      expect(line, 'src uses web storage or IndexedDB, which docs/permissions.md rules out').not.toMatch(/\b(localStorage|sessionStorage|indexedDB)\b/);
    }
    expect(literals.size).toBeGreaterThan(0);
    for (const key of literals) expect(rowFor(key), `storage key '${key}' in src: document it in docs/permissions.md`).toHaveLength(1);
    expect([...new Set(rows.map((row) => row.area))].sort(), 'storage areas used in src').toEqual([...areas].sort());

    // And no documented item that the source no longer stores.
    const stored = [...built.map(({ key }) => key), ...literals];
    for (const row of rows) expect(stored.some((key) => patternOf(row.item).test(key)), `${row.item} is documented but not stored`).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import {
  collectLoadedLater,
  collectModuleGraph,
  dynamicImportsOf,
  resolveSpecifier,
  scriptsOfHtml,
  scriptsOfPage,
  staticImportsOf,
} from '../../../scripts/bench/module-graph.ts';

/** Shaped like Vite's output for the panel: an entry chunk, two shared chunks, one of them preloaded. */
const BUILD: Record<string, string> = {
  'src/panel/index.html': `<!doctype html>
<html lang="en">
  <head>
    <script type="module" crossorigin src="/assets/panel-DQvosJVY.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/envelope-Cs2MYUcr.js">
    <link rel="stylesheet" crossorigin href="/assets/panel-9nfZinyG.css">
  </head>
  <body><div id="app"></div></body>
</html>`,
  'assets/panel-DQvosJVY.js':
    'import{a as e,c as t}from"./error-response-DKSZTmVL.js";import{S as s,x as p}from"./envelope-Cs2MYUcr.js";var m=s(p(),1);const l=()=>import("./lazy-AAAA.js");',
  'assets/error-response-DKSZTmVL.js': 'import{_ as e}from"./envelope-Cs2MYUcr.js";export{e as a}',
  'assets/envelope-Cs2MYUcr.js': 'var e=Object.create;export{e as S}',
  'assets/lazy-AAAA.js': 'import{S as s}from"./envelope-Cs2MYUcr.js";import{z}from"./zod-BBBB.js";const m=()=>import(`./later-CCCC.js`);export const x=1',
  'assets/zod-BBBB.js': 'export const z=1',
  'assets/later-CCCC.js': 'import"./lazy-AAAA.js";export const y=2',
};
const read = (file: string) => BUILD[file];

describe('scriptsOfHtml', () => {
  it('lists script sources and modulepreload links, not stylesheets', () => {
    expect(scriptsOfHtml(BUILD['src/panel/index.html'] ?? '')).toEqual(['/assets/panel-DQvosJVY.js', '/assets/envelope-Cs2MYUcr.js']);
  });

  it('reads attributes in any order and quoting', () => {
    expect(scriptsOfHtml(`<script src='a.js' type=module></script><link href=b.js rel=modulepreload><script>inline()</script>`)).toEqual([
      'a.js',
      'b.js',
    ]);
  });
});

describe('staticImportsOf', () => {
  it.each([
    { code: 'import{a as e,c as t}from"./x.js";', expected: ['./x.js'] },
    { code: "import './assets/index.ts-DJMN3K3y.js';", expected: ['./assets/index.ts-DJMN3K3y.js'] },
    { code: 'import*as z from"../y.js";export*from"./w.js";export{q}from"/assets/v.js"', expected: ['../y.js', './w.js', '/assets/v.js'] },
    { code: 'import e from"./default.js"', expected: ['./default.js'] },
    { code: 'const l=()=>import("./lazy.js")', expected: [] },
    { code: 'a.import"./not.js";reimport"./no.js"', expected: [] },
    { code: 'import{x}from"preact"', expected: [] },
  ])('$code', ({ code, expected }) => {
    expect(staticImportsOf(code)).toEqual(expected);
  });
});

describe('dynamicImportsOf', () => {
  it.each([
    { code: 'const l=()=>import("./lazy.js")', expected: ['./lazy.js'] },
    { code: "x(()=>import('../a.js'),[]);import ( `/assets/b.js` )", expected: ['../a.js', '/assets/b.js'] },
    { code: 'import{a}from"./static.js";a.import("./not.js");import(name)', expected: [] },
    { code: 'import("preact")', expected: [] },
  ])('$code', ({ code, expected }) => {
    expect(dynamicImportsOf(code)).toEqual(expected);
  });
});

describe('resolveSpecifier', () => {
  it('resolves from the build root or from the importing file', () => {
    expect(resolveSpecifier('src/panel/index.html', '/assets/a.js')).toBe('assets/a.js');
    expect(resolveSpecifier('assets/a.js', './b.js')).toBe('assets/b.js');
    expect(resolveSpecifier('service-worker-loader.js', './assets/c.js?v=1')).toBe('assets/c.js');
    expect(resolveSpecifier('src/extension/devtools/index.html', '../../../assets/d.js')).toBe('assets/d.js');
  });
});

describe('collectModuleGraph and scriptsOfPage', () => {
  it('follows static imports once each, entries first, leaving dynamic imports out', () => {
    expect(scriptsOfPage('src/panel/index.html', read)).toEqual([
      'assets/panel-DQvosJVY.js',
      'assets/envelope-Cs2MYUcr.js',
      'assets/error-response-DKSZTmVL.js',
    ]);
  });

  it('lists a file that is missing, so a broken build cannot look small', () => {
    expect(collectModuleGraph(['a.js'], (file) => (file === 'a.js' ? 'import"./gone.js"' : undefined))).toEqual(['a.js', 'gone.js']);
  });

  it('lists what the start loads later apart: dynamic imports and all they import, nothing loaded at start', () => {
    const atStart = scriptsOfPage('src/panel/index.html', read);
    expect(collectLoadedLater(atStart, read)).toEqual(['assets/lazy-AAAA.js', 'assets/zod-BBBB.js', 'assets/later-CCCC.js']);
    expect(collectLoadedLater(['assets/envelope-Cs2MYUcr.js'], read)).toEqual([]);
  });

  it('lists a lazily loaded file that is missing', () => {
    expect(collectLoadedLater(['a.js'], (file) => (file === 'a.js' ? 'import("./gone.js")' : undefined))).toEqual(['gone.js']);
  });

  it('stops on import cycles', () => {
    const cycle: Record<string, string> = { 'a.js': 'import"./b.js"', 'b.js': 'import"./a.js"' };
    expect(collectModuleGraph(['a.js'], (file) => cycle[file])).toEqual(['a.js', 'b.js']);
  });
});

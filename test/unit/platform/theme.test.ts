import { afterEach, describe, expect, it } from 'vitest';
import { applyTheme, followTheme, type ThemePanels } from '../../../src/extension/platform/theme.ts';

/** A root that remembers its data-theme, and a stub of each browser's `devtools.panels`. */
function fakeRoot() {
  const attributes = new Map<string, string>();
  return { setAttribute: (name: string, value: string) => void attributes.set(name, value), theme: () => attributes.get('data-theme') };
}

function firefoxPanels(themeName: string) {
  const listeners: ((name: string) => void)[] = [];
  const panels: ThemePanels = { themeName, onThemeChanged: { addListener: (listener) => void listeners.push(listener) } };
  return { panels, change: (name: string) => listeners.forEach((listener) => listener(name)) };
}

function chromePanels(themeName: string) {
  let handler: ((name: string) => void) | undefined;
  const panels: ThemePanels = { themeName, setThemeChangeHandler: (next) => void (handler = next) };
  return { panels, change: (name: string) => handler?.(name) };
}

const scope = globalThis as { browser?: unknown; chrome?: unknown };
afterEach(() => {
  delete scope.browser;
  delete scope.chrome;
});

describe('applyTheme in Firefox (browser.devtools.panels.themeName and onThemeChanged)', () => {
  it('starts from themeName and follows onThemeChanged both ways', () => {
    const firefox = firefoxPanels('dark');
    scope.browser = { devtools: { panels: firefox.panels } };
    const root = fakeRoot();
    applyTheme(root as unknown as HTMLElement);
    expect(root.theme()).toBe('dark');
    firefox.change('light');
    expect(root.theme()).toBe('light');
    firefox.change('dark');
    expect(root.theme()).toBe('dark');
  });

  it('reads an unknown Firefox theme (the old "firebug") as light', () => {
    const firefox = firefoxPanels('firebug');
    const root = fakeRoot();
    followTheme(root, [firefox.panels]);
    expect(root.theme()).toBe('light');
  });
});

describe('applyTheme in Chrome (chrome.devtools.panels.themeName and setThemeChangeHandler)', () => {
  it('reads "default" as light and follows the handler', () => {
    const chrome = chromePanels('default');
    scope.chrome = { devtools: { panels: chrome.panels } };
    const root = fakeRoot();
    applyTheme(root as unknown as HTMLElement);
    expect(root.theme()).toBe('light');
    chrome.change('dark');
    expect(root.theme()).toBe('dark');
    chrome.change('default');
    expect(root.theme()).toBe('light');
  });

  it('with Chrome ≥ 152 native `browser` (no theme event) still follows chrome.devtools', () => {
    const chrome = chromePanels('dark');
    scope.browser = { devtools: { panels: { themeName: 'dark' } } };
    scope.chrome = { devtools: { panels: chrome.panels } };
    const root = fakeRoot();
    applyTheme(root as unknown as HTMLElement);
    expect(root.theme()).toBe('dark');
    chrome.change('default');
    expect(root.theme()).toBe('light');
  });
});

it('falls back to light outside DevTools', () => {
  const root = fakeRoot();
  applyTheme(root as unknown as HTMLElement);
  expect(root.theme()).toBe('light');
});

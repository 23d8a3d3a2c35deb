/** What either browser's `devtools.panels` offers about the DevTools theme. */
export interface ThemePanels {
  /** Chrome: "default" or "dark"; Firefox: "light" or "dark". */
  readonly themeName?: string;
  /** Firefox. */
  readonly onThemeChanged?: { addListener(listener: (themeName: string) => void): void };
  /** Chrome (the polyfill does not cover it, so it is read from `chrome.devtools`). */
  setThemeChangeHandler?(handler: (themeName: string) => void): void;
}

/**
 * Sets `data-theme` on `root` to "light" or "dark" and keeps it following the DevTools theme.
 * `sources` are the `devtools.panels` objects the page has, in order of preference: Firefox's
 * theme event lives on `browser`, Chrome's handler on `chrome` (and Chrome ≥ 152 also has a
 * `browser`, without the event).
 */
export function followTheme(root: Pick<HTMLElement, 'setAttribute'>, sources: readonly (ThemePanels | undefined)[]): void {
  const panels = sources.filter((source): source is ThemePanels => source !== undefined);
  const set = (name: string | undefined) => root.setAttribute('data-theme', name === 'dark' ? 'dark' : 'light');
  set(panels.find((source) => typeof source.themeName === 'string')?.themeName);
  const withEvent = panels.find((source) => typeof source.onThemeChanged?.addListener === 'function');
  if (withEvent) {
    withEvent.onThemeChanged?.addListener((name) => set(name));
    return;
  }
  panels.find((source) => typeof source.setThemeChangeHandler === 'function')?.setThemeChangeHandler?.((name) => set(name));
}

type WithPanels = { devtools?: { panels?: ThemePanels } } | undefined;

/** Follows the DevTools theme of whichever browser this panel runs in. */
export function applyTheme(root: HTMLElement): void {
  const scope = globalThis as unknown as { browser?: WithPanels; chrome?: WithPanels };
  followTheme(root, [scope.browser?.devtools?.panels, scope.chrome?.devtools?.panels]);
}

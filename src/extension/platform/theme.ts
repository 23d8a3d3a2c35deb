/**
 * Follows the DevTools theme: Chrome says "default" or "dark", Firefox "light" or "dark".
 * Uses `chrome.devtools` because the polyfill does not cover the theme-change handler.
 */
export function applyTheme(root: HTMLElement): void {
  const set = (name: string | undefined) => root.setAttribute('data-theme', name === 'dark' ? 'dark' : 'light');
  const panels = globalThis.chrome?.devtools?.panels;
  set(panels?.themeName);
  panels?.setThemeChangeHandler?.((name) => set(name));
}

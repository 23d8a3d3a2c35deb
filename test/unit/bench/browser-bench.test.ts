import { describe, expect, it } from 'vitest';
import { cannotRun, formatBrowserBench } from '../../../scripts/bench/browser-bench.ts';
import { INSTALL_HINT } from '../../../scripts/browser/find-chromium.ts';

describe('the browser figures of npm run bench', () => {
  const noChromium = () => {
    throw new Error(INSTALL_HINT);
  };

  it('are skipped with one sentence when Chromium is missing, or the build', () => {
    expect(cannotRun(noChromium, () => true)).toBe(INSTALL_HINT);
    expect(cannotRun(() => '/usr/bin/chromium', () => false)).toMatch(/^There is no build in dist\/chrome[^.]*\.$/);
    expect(cannotRun(() => '/usr/bin/chromium', () => true)).toBeUndefined();
  });

  it('say in the report why they were not measured', () => {
    expect(formatBrowserBench({ skipped: INSTALL_HINT, errors: [] })).toBe(`Browser figures (page load, panel paint): skipped. ${INSTALL_HINT}`);
    expect(formatBrowserBench(undefined)).toMatch(/left out \(--no-browser\)/);
    expect(formatBrowserBench({ errors: ['panel paint: Timed out'] })).toBe('NOT MEASURED, panel paint: Timed out');
  });
});

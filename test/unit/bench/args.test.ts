import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, parseBenchArgs } from '../../../scripts/bench/args.ts';

describe('parseBenchArgs', () => {
  it('defaults to 30 timed runs and five two-hour histories a scenario', () => {
    expect(parseBenchArgs([])).toEqual(DEFAULT_OPTIONS);
  });

  it('--quick runs less, and an explicit count still wins', () => {
    expect(parseBenchArgs(['--quick'])).toMatchObject({ runs: 5, historyRuns: 1, historyWarmups: 0 });
    expect(parseBenchArgs(['--runs', '12', '--quick'])).toMatchObject({ runs: 12, historyRuns: 1 });
  });

  it('reads the build, budget and output options', () => {
    expect(parseBenchArgs(['--no-build', '--strict', '--out', 'x.json', '--history-runs', '3'])).toMatchObject({
      build: 'never',
      strict: true,
      out: 'x.json',
      historyRuns: 3,
    });
    expect(parseBenchArgs(['--build']).build).toBe('always');
  });

  it('--payments sets how many payments the polling-economy section polls; --quick polls fewer', () => {
    expect(parseBenchArgs(['--payments', '8']).payments).toBe(8);
    expect(parseBenchArgs(['--quick']).payments).toBeLessThan(DEFAULT_OPTIONS.payments);
    expect(() => parseBenchArgs(['--payments', '0'])).toThrow();
  });

  it('--page-loads and --panel-opens set the Chromium figures; --quick takes fewer; --no-browser leaves them out', () => {
    expect(parseBenchArgs([])).toMatchObject({ browser: true, pageLoads: 30, panelOpens: 8 });
    expect(parseBenchArgs(['--page-loads', '12', '--panel-opens', '4'])).toMatchObject({ pageLoads: 12, panelOpens: 4 });
    expect(parseBenchArgs(['--quick'])).toMatchObject({ browser: true, pageLoads: 8, panelOpens: 2 });
    expect(parseBenchArgs(['--quick', '--no-browser']).browser).toBe(false);
    expect(() => parseBenchArgs(['--page-loads', '0'])).toThrow();
  });

  it.each([['--runs'], ['--runs', '0'], ['--runs', '2.5'], ['--out'], ['--fast']])('refuses %j', (...argv) => {
    expect(() => parseBenchArgs(argv)).toThrow();
  });
});

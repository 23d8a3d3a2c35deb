import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { types } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { installShiftedDate, shiftDaysFromEnv } from '../../setup/shifted-date.ts';

const DAY_MS = 86_400_000;
// The Date this file starts with: the real one, or already shifted when the whole run is (npm run test:future).
const RealDate = globalThis.Date;
let uninstall: (() => void) | undefined;

afterEach(() => {
  uninstall?.();
  uninstall = undefined;
});

describe('installShiftedDate', () => {
  it('moves Date.now() and new Date() the given number of days ahead', () => {
    const before = RealDate.now();
    uninstall = installShiftedDate(400);
    const now = Date.now();
    const created = new Date().getTime();
    const after = RealDate.now();
    for (const t of [now, created]) {
      expect(t).toBeGreaterThanOrEqual(before + 400 * DAY_MS);
      expect(t).toBeLessThanOrEqual(after + 400 * DAY_MS);
    }
  });

  it('answers Date() without new with the shifted date as a string, as the real Date does', () => {
    uninstall = installShiftedDate(400);
    const text = (Date as unknown as () => string)();
    expect(typeof text).toBe('string');
    expect(Math.abs(RealDate.parse(text) - Date.now())).toBeLessThan(2_000);
  });

  it('leaves dates built from a value, Date.UTC and Date.parse alone', () => {
    uninstall = installShiftedDate(400);
    expect(new Date(0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(new Date('2024-02-29T12:00:00Z').getTime()).toBe(RealDate.UTC(2024, 1, 29, 12));
    expect(new Date(2024, 1, 29).getDate()).toBe(29);
    expect(Date.UTC(2024, 1, 29, 12)).toBe(RealDate.UTC(2024, 1, 29, 12));
    expect(Date.parse('2024-02-29T12:00:00Z')).toBe(RealDate.UTC(2024, 1, 29, 12));
  });

  it('keeps dates real Dates on both sides of the swap', () => {
    const older = new RealDate(0);
    uninstall = installShiftedDate(400);
    const newer = new Date(0);
    expect(older).toBeInstanceOf(Date);
    expect(newer).toBeInstanceOf(RealDate);
    expect(types.isDate(newer)).toBe(true);
    expect(Object.getPrototypeOf(newer)).toBe(RealDate.prototype);
    expect(Date.name).toBe('Date');
    class Stamp extends Date {}
    expect(new Stamp().getTime()).toBeGreaterThan(RealDate.now() + 399 * DAY_MS);
  });

  it('moves performance.timeOrigin with the wall clock and leaves performance.now() counting real time', () => {
    const originBefore = performance.timeOrigin;
    const elapsedBefore = performance.now();
    uninstall = installShiftedDate(400);
    const elapsedAfter = performance.now();
    expect(performance.timeOrigin).toBe(originBefore + 400 * DAY_MS);
    expect(elapsedAfter - elapsedBefore).toBeGreaterThanOrEqual(0);
    expect(elapsedAfter - elapsedBefore).toBeLessThan(60_000);
    expect(Math.abs(performance.timeOrigin + performance.now() - Date.now())).toBeLessThan(60_000);
  });

  it('puts the real Date back when uninstalled', () => {
    const originBefore = performance.timeOrigin;
    const restore = installShiftedDate(400);
    expect(globalThis.Date).not.toBe(RealDate);
    restore();
    expect(globalThis.Date).toBe(RealDate);
    expect(performance.timeOrigin).toBe(originBefore);
  });

  it('refuses a shift that is not a number', () => {
    expect(() => installShiftedDate(Number.NaN)).toThrow(RangeError);
  });
});

describe('CONNECT_DEVTOOLS_SHIFT_DAYS', () => {
  it('is read as whole days, and unset or empty means no shift', () => {
    expect(shiftDaysFromEnv({ CONNECT_DEVTOOLS_SHIFT_DAYS: '400' })).toBe(400);
    expect(shiftDaysFromEnv({ CONNECT_DEVTOOLS_SHIFT_DAYS: ' -3 ' })).toBe(-3);
    expect(shiftDaysFromEnv({ CONNECT_DEVTOOLS_SHIFT_DAYS: '' })).toBe(0);
    expect(shiftDaysFromEnv({})).toBe(0);
    expect(() => shiftDaysFromEnv({ CONNECT_DEVTOOLS_SHIFT_DAYS: '1.5' })).toThrow(/whole number/);
    expect(() => shiftDaysFromEnv({ CONNECT_DEVTOOLS_SHIFT_DAYS: 'soon' })).toThrow(/whole number/);
  });

  // Passes in both runs and proves the setup file is wired in: with the variable set, this file's own Date is ahead
  // of the real clock by exactly the asked shift; without it, not at all. The real clock is the kernel's, read as
  // the modification time of a file written just now.
  it('shifts this very test file by the days asked', () => {
    const asked = shiftDaysFromEnv(process.env) * DAY_MS;
    const dir = mkdtempSync(join(tmpdir(), 'shifted-date-'));
    try {
      const file = join(dir, 'now');
      writeFileSync(file, '');
      const kernelNow = statSync(file).mtimeMs;
      expect(Math.abs(Date.now() - kernelNow - asked)).toBeLessThan(60_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

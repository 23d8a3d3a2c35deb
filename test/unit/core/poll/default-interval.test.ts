import { describe, expect, it } from 'vitest';
import {
  INITIAL_DEFAULT_INTERVAL_SECONDS,
  isDefaultIntervalSeconds,
  readDefaultIntervalSeconds,
} from '../../../../src/core/poll/default-interval.ts';
import { DEFAULT_POLLER_OPTIONS } from '../../../../src/core/poll/poll-loop.ts';

describe('the default poll interval, as a person types it', () => {
  it.each([
    ['5', 5, false],
    [' 12 ', 12, false],
    ['60', 60, false],
    ['1', 1, false],
    ['0', 1, true],
    ['0.4', 1, true],
    ['61', 60, true],
    ['100000', 60, true],
    ['2.5', 3, true],
    ['2,4', 2, true],
    ['', 7, true],
    ['   ', 7, true],
    ['abc', 7, true],
    ['-3', 7, true],
    ['1e3', 7, true],
    ['Infinity', 7, true],
  ])('reads %j as %i seconds (current 7), noting it: %s', (text, seconds, noted) => {
    const read = readDefaultIntervalSeconds(text, 7);
    expect(read.seconds).toBe(seconds);
    expect(read.note !== undefined).toBe(noted);
    expect(isDefaultIntervalSeconds(read.seconds)).toBe(true);
  });

  it('says, when it keeps the current value, which one it keeps', () => {
    expect(readDefaultIntervalSeconds('', 7).note).toBe('Enter whole seconds from 1 to 60; the default stays 7 s.');
  });

  it.each([
    [1, true],
    [60, true],
    [30, true],
    [0, false],
    [61, false],
    [1.5, false],
    [Number.NaN, false],
    ['5', false],
    [null, false],
    [undefined, false],
  ])('holds %j as a setting: %s', (value, holds) => {
    expect(isDefaultIntervalSeconds(value)).toBe(holds);
  });

  it("starts at the poller's own default, so a user who never opens the settings sees no change", () => {
    expect(INITIAL_DEFAULT_INTERVAL_SECONDS * 1000).toBe(DEFAULT_POLLER_OPTIONS.intervalMs);
  });
});

import { describe, expect, it } from 'vitest';
import { parseIntervalSeconds } from '../../../../src/core/poll/interval.ts';

describe('the poll interval as typed', () => {
  it.each([
    ['1', 1000],
    ['2.5', 2500],
    ['0,5', 500],
    ['.5', 500],
    [' 60 ', 60_000],
  ])('reads %j as %i ms', (text, ms) => {
    expect(parseIntervalSeconds(text, 3000)).toEqual({ ms });
  });

  it.each(['', '   ', 'abc', '-1', '1e3', 'NaN', 'Infinity', '1.2.3'])('keeps the interval in use for %j, and says so', (text) => {
    const parsed = parseIntervalSeconds(text, 3000);
    expect(parsed.ms).toBe(3000);
    expect(parsed.note).toBe('Enter a number of seconds from 0.5 s to 60 s; polling stays every 3 s.');
  });

  it('never goes below 0.5 s or above 60 s, and says why', () => {
    expect(parseIntervalSeconds('0', 3000)).toEqual({ ms: 500, note: '0.5 s is the shortest interval.' });
    expect(parseIntervalSeconds('0.1', 3000)).toEqual({ ms: 500, note: '0.5 s is the shortest interval.' });
    expect(parseIntervalSeconds('600', 3000)).toEqual({ ms: 60_000, note: '60 s is the longest interval.' });
  });
});

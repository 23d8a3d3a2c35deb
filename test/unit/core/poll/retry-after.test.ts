import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../../src/core/poll/retry-after.ts';

const NOW = Date.UTC(1994, 10, 6, 8, 49, 0);

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Sun, 06 Nov 1994 08:49:37 GMT', 37_000],
    ['Sunday, 06-Nov-94 08:49:37 GMT', 37_000],
    ['Sun Nov  6 08:49:37 1994', 37_000],
    ['Sun, 06 Nov 1994 08:48:00 GMT', 0],
  ])('%j waits %i ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it.each([undefined, '', '-5', '1.5', '5s', 'soon', 'Sun, 99 Foo 1994 GMT', `Sun, ${'x'.repeat(100)}`])('%j is not understood', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

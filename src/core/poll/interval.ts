import { DEFAULT_POLLER_OPTIONS, MAX_INTERVAL_MS, MIN_INTERVAL_MS } from './poll-loop.ts';

export type IntervalInput = { ms: number; note?: string };

const seconds = (ms: number) => `${ms / 1000} s`;

/**
 * The poll interval as a person types it, in seconds. Never below 0.5 s or above 60 s; an empty or
 * unreadable value keeps the interval in use (an empty field must not mean "as fast as possible").
 */
export function parseIntervalSeconds(text: string, currentMs: number = DEFAULT_POLLER_OPTIONS.intervalMs): IntervalInput {
  const trimmed = text.trim().replace(',', '.');
  const value = /^\d+(\.\d+)?$|^\.\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Number.NaN;
  if (!Number.isFinite(value)) {
    return { ms: currentMs, note: `Enter a number of seconds from ${seconds(MIN_INTERVAL_MS)} to ${seconds(MAX_INTERVAL_MS)}; polling stays every ${seconds(currentMs)}.` };
  }
  if (value < MIN_INTERVAL_MS) return { ms: MIN_INTERVAL_MS, note: `${seconds(MIN_INTERVAL_MS)} is the shortest interval.` };
  if (value > MAX_INTERVAL_MS) return { ms: MAX_INTERVAL_MS, note: `${seconds(MAX_INTERVAL_MS)} is the longest interval.` };
  return { ms: Math.round(value) };
}

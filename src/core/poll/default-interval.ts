/**
 * The default poll interval, a setting: the interval every poll started from the panel begins with,
 * in whole seconds from 1 to 60. Once a second is what the official examples do and what the poller
 * uses when told nothing (DEFAULT_POLLER_OPTIONS); a minute is the slowest view that is still live.
 * One payment's own field may go down to 0.5 s (interval.ts): a choice for one poll, not for all.
 *
 * No imports, so the settings' schema can use it without bringing the poller into the service worker.
 */
export const MIN_DEFAULT_INTERVAL_SECONDS = 1;
export const MAX_DEFAULT_INTERVAL_SECONDS = 60;
export const INITIAL_DEFAULT_INTERVAL_SECONDS = 1;

/** A value the setting may hold. */
export const isDefaultIntervalSeconds = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= MIN_DEFAULT_INTERVAL_SECONDS && (value as number) <= MAX_DEFAULT_INTERVAL_SECONDS;

export type DefaultIntervalInput = { seconds: number; note?: string };

/**
 * The default interval as a person types it. An empty or unreadable value keeps the current one (an
 * empty field must not mean "as fast as possible"); one out of bounds takes the bound, a fraction the
 * nearest whole second; each of those says so.
 */
export function readDefaultIntervalSeconds(text: string, current: number): DefaultIntervalInput {
  const trimmed = text.trim().replace(',', '.');
  const value = /^\d+(\.\d+)?$|^\.\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isFinite(value)) {
    return {
      seconds: current,
      note: `Enter whole seconds from ${MIN_DEFAULT_INTERVAL_SECONDS} to ${MAX_DEFAULT_INTERVAL_SECONDS}; the default stays ${current} s.`,
    };
  }
  if (value < MIN_DEFAULT_INTERVAL_SECONDS) return { seconds: MIN_DEFAULT_INTERVAL_SECONDS, note: `${MIN_DEFAULT_INTERVAL_SECONDS} s is the shortest default.` };
  if (value > MAX_DEFAULT_INTERVAL_SECONDS) return { seconds: MAX_DEFAULT_INTERVAL_SECONDS, note: `${MAX_DEFAULT_INTERVAL_SECONDS} s is the longest default.` };
  const seconds = Math.round(value);
  return seconds === value ? { seconds } : { seconds, note: `Whole seconds only: the default is now ${seconds} s.` };
}

const DAY_MS = 86_400_000;

/**
 * Moves the wall clock `days` ahead for everything that asks for "now": `Date.now()`, `new Date()`, `Date()`, and
 * `performance.timeOrigin`, the wall-clock instant `performance.now()` counts from (so `timeOrigin + now()` agrees
 * with `Date.now()`, as it would on a machine whose clock really is that far ahead). Dates built from a value,
 * `Date.UTC`, `Date.parse`, timers and `performance.now()` itself stay real, so durations are untouched and only
 * code that reads today's date sees the future. Returns a function that puts everything back.
 */
export function installShiftedDate(days: number): () => void {
  if (!Number.isFinite(days)) throw new RangeError(`cannot shift the clock by ${days} days`);
  const RealDate = globalThis.Date;
  const offsetMs = days * DAY_MS;
  const shiftedNow = (): number => RealDate.now() + offsetMs;

  // A function rather than a class: `Date()` without `new` must still answer a string, which a class cannot.
  function ShiftedDate(this: unknown, ...args: unknown[]): Date | string {
    if (!new.target) return new RealDate(shiftedNow()).toString();
    const realArgs = args.length === 0 ? [shiftedNow()] : args;
    return Reflect.construct(RealDate, realArgs, new.target) as Date;
  }
  // Statics (UTC, parse) come from the real Date; instances share its prototype, so `instanceof Date` holds for
  // dates made before and after the swap, and user subclasses of Date still work.
  Object.setPrototypeOf(ShiftedDate, RealDate);
  ShiftedDate.prototype = RealDate.prototype;
  Object.defineProperty(ShiftedDate, 'now', { value: shiftedNow, writable: true, configurable: true });
  Object.defineProperty(ShiftedDate, 'name', { value: 'Date' });
  Object.defineProperty(ShiftedDate, 'length', { value: RealDate.length });

  // timeOrigin is a getter on Performance.prototype; an own property on the instance hides it until removed.
  const originBefore = Object.getOwnPropertyDescriptor(performance, 'timeOrigin');
  const shiftedOrigin = performance.timeOrigin + offsetMs;
  Object.defineProperty(performance, 'timeOrigin', { get: () => shiftedOrigin, enumerable: true, configurable: true });

  globalThis.Date = ShiftedDate as unknown as DateConstructor;
  return () => {
    globalThis.Date = RealDate;
    if (originBefore) Object.defineProperty(performance, 'timeOrigin', originBefore);
    else delete (performance as { timeOrigin?: number }).timeOrigin;
  };
}

/** The shift asked for in `CONNECT_DEVTOOLS_SHIFT_DAYS`, or 0 when it is unset or empty. */
export function shiftDaysFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.CONNECT_DEVTOOLS_SHIFT_DAYS?.trim();
  if (!raw) return 0;
  if (!/^-?\d+$/.test(raw)) throw new Error(`CONNECT_DEVTOOLS_SHIFT_DAYS must be a whole number of days, not "${raw}"`);
  return Number(raw);
}

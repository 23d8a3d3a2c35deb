import { useEffect, useState } from 'preact/hooks';
import type { Clock } from '../../core/clock.ts';

/** The injected clock's time, refreshed every `intervalMs` while `active`: remaining lifetimes count down. */
export function useNow(clock: Clock, intervalMs: number, active = true): number {
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    setNow(clock.now());
    if (!active) return undefined;
    let timer: unknown;
    const tick = () => {
      setNow(clock.now());
      timer = clock.setTimeout(tick, intervalMs);
    };
    timer = clock.setTimeout(tick, intervalMs);
    return () => clock.clearTimeout(timer);
  }, [clock, intervalMs, active]);
  return now;
}

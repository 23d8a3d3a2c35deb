/**
 * Every timeout the simulator sets goes through here, so close() can cancel them all and a
 * stopped simulator never wakes up to change state or write to a closed socket.
 */
export type Timers = ReturnType<typeof createTimers>;

export function createTimers() {
  const pending = new Set<NodeJS.Timeout>();
  let stopped = false;

  const after = (ms: number, run: () => void): void => {
    if (stopped) return;
    const timer = setTimeout(() => {
      pending.delete(timer);
      run();
    }, ms);
    pending.add(timer);
  };

  return {
    after,
    /** Resolves after `ms`, or never once the timers are stopped: the caller's socket is gone by then. */
    sleep(ms: number): Promise<void> {
      return new Promise((resolve) => after(ms, resolve));
    },
    stop(): void {
      stopped = true;
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    },
  };
}

import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How the benchmark gets a full garbage collection before it reads the heap. Without one, heap
 * figures include garbage not yet collected and are only approximate.
 */
export type GcAccess = { collect: () => void; how: 'flag' | 'runtime' | 'none' };

export function getGc(): GcAccess {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return { collect: () => exposed(), how: 'flag' };
  // `npm run bench` starts node without --expose-gc; V8 still accepts the flag at run time and a
  // fresh context then sees `gc`. Should a future Node refuse this, the figures are marked approximate.
  try {
    setFlagsFromString('--expose-gc');
    const late: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
    if (typeof late === 'function') return { collect: () => void (late as () => void)(), how: 'runtime' };
  } catch {
    // Fall through: no way to collect.
  }
  return { collect: () => undefined, how: 'none' };
}

/**
 * Heap in use by objects after a full collection (twice: the first may only queue finalizers).
 * Compiled code is left out: V8 optimises and drops code as it likes, which moves the total by
 * a hundred kilobytes or more that no data of ours is behind.
 */
export function settledHeapBytes(gc: GcAccess): number {
  gc.collect();
  gc.collect();
  return getHeapSpaceStatistics()
    .filter((space) => !space.space_name.startsWith('code'))
    .reduce((sum, space) => sum + space.space_used_size, 0);
}

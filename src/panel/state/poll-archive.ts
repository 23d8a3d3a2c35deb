import { z } from 'zod';
import type { Clock } from '../../core/clock.ts';
import { pollRecordSchema, pollStopSchema, pollTargetSchema } from '../../core/timeline/poll-record.ts';
import type { ArchivedPoll, PollManager } from './poll-manager.ts';

/** The part of `storage.session` the archive needs. */
export interface ArchiveArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const archivedPollSchema = z.object({
  target: pollTargetSchema,
  productId: z.number().int().optional(),
  records: z.array(pollRecordSchema).max(5000),
  intervalMs: z.number().positive(),
  startedAt: z.number().optional(),
  stop: pollStopSchema.optional(),
});

/** Written this long after a change at most, so a poll a second costs a write a second at most. */
export const ARCHIVE_DELAY_MS = 1000;

/** The polls an earlier DevTools window left for this tab; what no longer parses is dropped. */
export async function loadPollArchive(area: ArchiveArea, key: string): Promise<ArchivedPoll[]> {
  try {
    const raw = (await area.get(key))[key];
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((item) => {
      const parsed = archivedPollSchema.safeParse(item);
      return parsed.success ? [parsed.data as ArchivedPoll] : [];
    });
  } catch {
    return [];
  }
}

/**
 * Keeps the tab's polls in `storage.session` so that closing DevTools loses no timeline: written
 * shortly after each change, at once when a poll stops. The storage lives as long as the browser
 * session and the service worker drops it when the tab closes. Returns a function that stops it.
 */
export function archivePolls<Handle>(manager: PollManager, area: ArchiveArea, key: string, clock: Clock<Handle>): () => void {
  let timer: Handle | undefined;
  let running = new Set<string>();
  const write = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    area.set({ [key]: manager.archive() }).catch(() => {
      // Quota or a closing page: the timeline stays on screen; only a reopen would miss it.
    });
  };
  return manager.subscribe(() => {
    const nowRunning = new Set(manager.list().filter((p) => p.state.running).map((p) => p.key));
    const stopped = [...running].some((k) => !nowRunning.has(k));
    running = nowRunning;
    if (stopped) write();
    else timer ??= clock.setTimeout(write, ARCHIVE_DELAY_MS);
  });
}

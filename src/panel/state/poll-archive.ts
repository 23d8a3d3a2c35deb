import { z } from '../../core/zod.ts';
import { pollRecordSchema, pollStopSchema, pollTargetSchema } from '../../core/timeline/poll-record-schema.ts';
import type { ArchivedPoll, PollManager } from './poll-manager.ts';

/** The part of `storage.session` the archive needs. */
export interface ArchiveArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const archivedPollSchema = z.object({
  target: pollTargetSchema,
  productId: z.optional(z.number().check(z.int())),
  records: z.array(pollRecordSchema).check(z.maxLength(5000)),
  intervalMs: z.number().check(z.positive()),
  startedAt: z.optional(z.number()),
  stop: z.optional(pollStopSchema),
});

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
 * Keeps the tab's polls in `storage.session` so that closing DevTools loses no timeline. Each change
 * is written at once, and changes made while a write is in flight go out together in the next: a
 * write started when DevTools closes (in `pagehide`) never lands, so nothing may wait for that
 * moment. A poll archived while running is restored as stopped when DevTools closed. The storage
 * lives as long as the browser session and the service worker drops it when the tab closes.
 * Returns a function that stops archiving.
 */
export function archivePolls(manager: PollManager, area: ArchiveArea, key: string): () => void {
  let writing = false;
  let again = false;
  const write = async () => {
    if (writing) {
      again = true;
      return;
    }
    writing = true;
    try {
      do {
        again = false;
        await area.set({ [key]: manager.archive() }).catch(() => {
          // Quota or a closing page: the timeline stays on screen; only a reopen would miss it.
        });
      } while (again);
    } finally {
      writing = false;
    }
  };
  return manager.subscribe(() => void write());
}

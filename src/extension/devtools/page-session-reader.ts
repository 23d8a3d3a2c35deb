import type { Result } from '../../core/result.ts';
import { MAX_HOOK_SESSIONS, READ_FRAME_EXPRESSION } from '../page/hook-reader.ts';

/** A frame as the panel names it: 0 is the top frame, others are numbered as first read. */
export interface ReadFrame {
  frameId: number;
  url: string;
}

/** What one frame's hook remembers that was not delivered before, for the service worker to check. */
export interface FrameSessions {
  frame: ReadFrame;
  sessions: unknown[];
}

export interface PageSessionReaderOptions {
  /** `devtools.inspectedWindow.eval`: the top frame, or the frame at `frameUrl`. */
  evaluate(expression: string, frameUrl?: string): Promise<Result<unknown>>;
  /** The documents of the page's frames, the top one included; empty where the browser cannot list them. */
  listFrameDocuments(): Promise<string[]>;
  deliver(report: FrameSessions): void;
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Between two reads while DevTools is open: a Session made with no Client API call yet still shows. */
  everyMs?: number;
}

export interface PageSessionReader {
  /** Reads after `delayMs`, or sooner if a read was already due sooner. */
  readSoon(delayMs: number): void;
  /**
   * Delivers everything again on the next read: after a navigation, or a service worker that restarted.
   * What a read already under way finds is dropped: it may be the previous document's.
   */
  forgetDelivered(): void;
  stop(): void;
}

/**
 * Reads the page hooks' sessions while DevTools is open: on opening, every `everyMs`, and soon after
 * whatever makes a new session likely (a navigation, a session's first Client API call). One read at a
 * time: a page that never answers holds back only the next reads, never piles them up. Each session is
 * delivered once per frame; the service worker checks and stamps it.
 */
export function createPageSessionReader(options: PageSessionReaderOptions): PageSessionReader {
  const everyMs = options.everyMs ?? 2000;
  const frameIds = new Map<string, number>();
  const delivered = new Map<number, Set<string>>();
  let timer: unknown;
  let dueAt = Infinity;
  let reading = false;
  /** Moves on at each forgetting: a read begun before a navigation delivers nothing after it. */
  let generation = 0;
  let again = false;
  let stopped = false;

  const idOf = (url: string) => {
    let id = frameIds.get(url);
    if (id === undefined) frameIds.set(url, (id = frameIds.size + 1));
    return id;
  };

  // The hook remembers at most MAX_HOOK_SESSIONS a frame; more is not a hook's answer.
  const keep = (frame: ReadFrame, sessions: unknown[], begun: number) => {
    if (begun !== generation) return;
    const seen = delivered.get(frame.frameId) ?? new Set<string>();
    delivered.set(frame.frameId, seen);
    // The answer came through DevTools' by-value copy: plain JSON, so its text identifies it.
    const fresh = sessions.slice(0, MAX_HOOK_SESSIONS).filter((session) => {
      const key = JSON.stringify(session) ?? '';
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (fresh.length > 0) options.deliver({ frame, sessions: fresh });
  };

  const readFrame = async (frameUrl?: string) => {
    const answer = await options.evaluate(READ_FRAME_EXPRESSION, frameUrl);
    if (!answer.ok || !answer.value || typeof answer.value !== 'object') return undefined;
    const { url, sessions } = answer.value as { url?: unknown; sessions?: unknown };
    if (typeof url !== 'string') return undefined;
    return { url: url.slice(0, 4096), sessions: Array.isArray(sessions) ? sessions : [] };
  };

  const read = async () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    const begun = generation;
    try {
      const top = await readFrame();
      if (top) keep({ frameId: 0, url: top.url }, top.sessions, begun);
      for (const url of await options.listFrameDocuments()) {
        if (stopped || url === top?.url) continue;
        // DevTools evaluates in the first frame at that address; the answer names where it ran.
        const answer = await readFrame(url);
        if (answer && answer.url !== top?.url) keep({ frameId: idOf(answer.url), url: answer.url }, answer.sessions, begun);
      }
    } finally {
      reading = false;
    }
    if (again && !stopped) {
      again = false;
      void read();
    }
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    const at = options.now() + delayMs;
    if (timer !== undefined) {
      if (at >= dueAt) return;
      options.clearTimeout(timer);
    }
    dueAt = at;
    timer = options.setTimeout(() => {
      timer = undefined;
      dueAt = Infinity;
      void read();
      schedule(everyMs);
    }, delayMs);
  };

  schedule(0);
  return {
    readSoon: schedule,
    forgetDelivered: () => {
      generation += 1;
      delivered.clear();
    },
    stop: () => {
      stopped = true;
      if (timer !== undefined) options.clearTimeout(timer);
      timer = undefined;
    },
  };
}

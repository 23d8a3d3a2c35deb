import { fail, type Result } from '../../core/result.ts';
import { HarImportStream, type HarImport } from '../../core/timeline/import-har.ts';

/** Bytes read of the file's size. */
export type ImportProgress = { loaded: number; total: number };

/** A HAR file is read in streams up to this size; past it the import says so before reading. */
export const MAX_STREAMED_HAR_BYTES = 1024 * 2 ** 20;

/** The most the main thread reads between two pauses when there is no worker: a slice of 32 KB is a few milliseconds. */
const MAIN_THREAD_SLICE_BYTES = 32 * 1024;

export type StreamOptions = {
  onProgress?(progress: ImportProgress): void;
  /** How often progress is told, at most. */
  progressEveryMs?: number;
  /** On the main thread: how long to read before giving the page a turn (a task boundary); undefined in a worker. */
  pauseEveryMs?: number;
  signal?: AbortSignal;
  now?(): number;
};

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Reads a HAR file through the streamed import (`HarImportStream`): `file.stream()` in chunks,
 * decoded as UTF-8 in stream mode (as `file.text()` decodes it: a byte-order mark dropped, bad
 * bytes replaced), so no more than a chunk of text and the entry being read are in memory at once.
 * Progress is told as bytes read of the file's size. Resolves 'cancelled' when `signal` aborts.
 */
export async function streamHarFile(file: Blob, options: StreamOptions = {}): Promise<Result<HarImport> | 'cancelled'> {
  const { onProgress, progressEveryMs = 100, pauseEveryMs, signal } = options;
  const now = options.now ?? (() => performance.now());
  const total = file.size;
  if (total > MAX_STREAMED_HAR_BYTES) {
    return fail(`The HAR file is too large to import (${Math.round(total / 2 ** 20)} MB; the limit is ${MAX_STREAMED_HAR_BYTES / 2 ** 20} MB).`);
  }
  const importer = new HarImportStream();
  const decoder = new TextDecoder('utf-8');
  const reader = file.stream().getReader();
  let loaded = 0;
  let toldAt = -Infinity;
  let sliceStartedAt = now();
  const tell = () => {
    toldAt = now();
    onProgress?.({ loaded, total });
  };
  try {
    tell();
    for (;;) {
      if (signal?.aborted) {
        await reader.cancel().catch(() => undefined);
        return 'cancelled';
      }
      const { done, value } = await reader.read();
      if (done) break;
      // Without a worker, a chunk is read in slices with a pause between them; in a worker, whole.
      const step = pauseEveryMs === undefined ? value.byteLength : MAIN_THREAD_SLICE_BYTES;
      for (let at = 0; at < value.byteLength; at += step) {
        const bytes = value.subarray(at, at + step);
        const pushed = importer.push(decoder.decode(bytes, { stream: true }));
        loaded += bytes.byteLength;
        if (!pushed.ok) {
          await reader.cancel().catch(() => undefined);
          return pushed;
        }
        if (now() - toldAt >= progressEveryMs) tell();
        if (pauseEveryMs !== undefined && now() - sliceStartedAt >= pauseEveryMs) {
          await pause();
          sliceStartedAt = now();
          if (signal?.aborted) {
            await reader.cancel().catch(() => undefined);
            return 'cancelled';
          }
        }
      }
    }
    const pushed = importer.push(decoder.decode());
    if (!pushed.ok) return pushed;
    loaded = total;
    tell();
    return importer.end();
  } catch (error) {
    return fail(`The file could not be read (${error instanceof Error ? error.message : String(error)}).`);
  }
}

/** The same import of a text already in memory: a small file, read at once. */
export function importHarText(text: string): Result<HarImport> {
  const importer = new HarImportStream();
  const pushed = importer.push(text);
  return pushed.ok ? importer.end() : pushed;
}

/** What the worker posts back. */
export type WorkerMessage = ({ kind: 'progress' } & ImportProgress) | { kind: 'done'; result: Result<HarImport> | 'cancelled' };

/** Files smaller than this are read at once on the main thread: starting a worker costs more than reading them. */
export const WORKER_FROM_BYTES = 1024 * 1024;

/** Where a file is read: 'worker', 'main thread' (no worker could start: read in slices) or 'at once' (a small file). */
export type ReadWhere = 'worker' | 'main thread' | 'at once';

export type HarImportRun = {
  done: Promise<Result<HarImport> | 'cancelled'>;
  cancel(): void;
  readonly where: ReadWhere;
};

export type RunOptions = {
  onProgress?(progress: ImportProgress, where: ReadWhere): void;
  /** Starts the worker; throws when none can start. Tests pass their own. */
  createWorker?(): Worker;
};

function defaultWorker(): Worker {
  return new Worker(new URL('./har-import.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * Imports a HAR file without freezing the panel: a file of a megabyte or more is read in a
 * dedicated worker, which tells its progress; if no worker can start (or its script fails to load),
 * the file is read on the main thread in slices, with a pause between them so the panel keeps
 * answering. A smaller file is read at once. Every way gives the same result: the streamed import.
 */
export function runHarImport(file: File, options: RunOptions = {}): HarImportRun {
  const { onProgress } = options;
  if (file.size < WORKER_FROM_BYTES) {
    let cancelled = false;
    return {
      where: 'at once',
      done: file.text().then((text) => (cancelled ? 'cancelled' : importHarText(text))),
      cancel: () => void (cancelled = true),
    };
  }

  const controller = new AbortController();
  // A Cancel after the last slice's look, while the end of the file is read, still cancels: nothing of the file is shown.
  const onMainThread = () =>
    streamHarFile(file, { onProgress: (progress) => onProgress?.(progress, 'main thread'), pauseEveryMs: 8, signal: controller.signal }).then((result) =>
      controller.signal.aborted ? ('cancelled' as const) : result,
    );
  let worker: Worker;
  try {
    worker = (options.createWorker ?? defaultWorker)();
  } catch {
    return { where: 'main thread', done: onMainThread(), cancel: () => controller.abort() };
  }

  let settle: (result: Result<HarImport> | 'cancelled') => void = () => {};
  const done = new Promise<Result<HarImport> | 'cancelled'>((resolve) => (settle = resolve));
  let answered = false;
  const run: { where: HarImportRun['where'] } = { where: 'worker' };
  worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
    answered = true;
    const message = event.data;
    if (message.kind === 'progress') onProgress?.({ loaded: message.loaded, total: message.total }, 'worker');
    else {
      worker.terminate();
      settle(message.result);
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    worker.terminate();
    if (controller.signal.aborted) return;
    if (!answered) {
      // The worker's script never ran (refused or missing): the main thread reads the file instead.
      run.where = 'main thread';
      void onMainThread().then(settle);
    } else {
      settle(fail(`The file could not be read (${event.message || 'the import stopped'}).`));
    }
  };
  worker.postMessage({ file });
  return {
    get where() {
      return run.where;
    },
    done,
    cancel: () => {
      controller.abort();
      worker.terminate();
      settle('cancelled');
    },
  };
}

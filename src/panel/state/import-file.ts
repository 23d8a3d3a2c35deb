import type { Observation } from '../../core/detect/observation.ts';
import { importTimelines } from '../../core/timeline/export-file.ts';
import { importHar, type HarImport } from '../../core/timeline/import-har.ts';
import type { Result } from '../../core/result.ts';
import type { Imported } from '../components/ImportedView.tsx';
import { runHarImport, type ImportProgress, type ReadWhere, type RunOptions } from './har-file-import.ts';

/**
 * When the recording ended: the end of its last call for a HAR. A file is judged at its own time,
 * so a HAR saved yesterday shows its sessions as they were then, not all expired now.
 */
function endOfRecording(observations: readonly Observation[]): number | undefined {
  let end: number | undefined;
  for (const o of observations) {
    const at = o.at + (o.kind === 'client-api-call' ? o.durationMs : 0);
    if (Number.isFinite(at)) end = Math.max(end ?? at, at);
  }
  return end;
}

/** A HAR by its first key or by its name. */
function looksLikeHar(name: string, text: string): boolean {
  return /^\s*\{\s*"log"\s*:/.test(text) || /\.har$/i.test(name);
}

function harImported(name: string, har: HarImport): Imported {
  const recordedAt = endOfRecording(har.observations);
  return {
    name,
    kind: 'har',
    payments: har.payments,
    observations: har.observations,
    redacted: false,
    ...(recordedAt !== undefined ? { recordedAt } : {}),
  };
}

/** A file the user chose: our timeline format, or a HAR saved from the Network panel. */
export function readImportedFile(name: string, text: string): Result<Imported> {
  if (looksLikeHar(name, text)) {
    const har = importHar(text);
    return har.ok ? { ok: true, value: harImported(name, har.value) } : har;
  }
  return readTimelineFile(name, text);
}

function readTimelineFile(name: string, text: string): Result<Imported> {
  const file = importTimelines(text);
  if (!file.ok) return file;
  const exportedAt = Date.parse(file.value.exportedAt);
  return {
    ok: true,
    value: {
      name,
      kind: 'timeline',
      payments: file.value.payments,
      observations: [],
      redacted: file.value.redacted,
      ...(Number.isFinite(exportedAt) ? { recordedAt: exportedAt } : {}),
    },
  };
}

/** How much of a file's start tells a HAR: its first key, after any white space. */
const HEAD_BYTES = 4096;

export type FileImport = {
  done: Promise<Result<Imported> | 'cancelled'>;
  cancel(): void;
};

/**
 * Opens a file the user chose without holding the panel: a HAR (by its first key or its name) is
 * streamed (`runHarImport`: in a worker, with progress, whatever its size up to 1 GB); our timeline
 * format, at most 20 MB, is read at once.
 */
export function openFile(file: File, onProgress: (progress: ImportProgress, where: ReadWhere) => void, options: Omit<RunOptions, 'onProgress'> = {}): FileImport {
  let cancelled = false;
  let cancelRun = () => {};
  const done = file
    .slice(0, HEAD_BYTES)
    .text()
    .then(async (head): Promise<Result<Imported> | 'cancelled'> => {
      if (cancelled) return 'cancelled';
      if (!looksLikeHar(file.name, head)) return readTimelineFile(file.name, await file.text());
      const run = runHarImport(file, { ...options, onProgress });
      cancelRun = run.cancel;
      const result = await run.done;
      return result === 'cancelled' || !result.ok ? result : { ok: true, value: harImported(file.name, result.value) };
    });
  return {
    done,
    cancel: () => {
      cancelled = true;
      cancelRun();
    },
  };
}

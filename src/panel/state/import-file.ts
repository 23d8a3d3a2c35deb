import type { Observation } from '../../core/detect/observation.ts';
import { importTimelines } from '../../core/timeline/export-file.ts';
import { importHar } from '../../core/timeline/import-har.ts';
import type { Result } from '../../core/result.ts';
import type { Imported } from '../components/ImportedView.tsx';

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

/** A file the user chose: our timeline format, or a HAR saved from the Network panel. */
export function readImportedFile(name: string, text: string): Result<Imported> {
  const looksLikeHar = /^\s*\{\s*"log"\s*:/.test(text) || /\.har$/i.test(name);
  if (looksLikeHar) {
    const har = importHar(text);
    if (!har.ok) return har;
    const recordedAt = endOfRecording(har.value.observations);
    return {
      ok: true,
      value: {
        name,
        kind: 'har',
        payments: har.value.payments,
        observations: har.value.observations,
        redacted: false,
        ...(recordedAt !== undefined ? { recordedAt } : {}),
      },
    };
  }
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

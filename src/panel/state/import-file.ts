import { importTimelines } from '../../core/timeline/export-file.ts';
import { importHar } from '../../core/timeline/import-har.ts';
import type { Result } from '../../core/result.ts';
import type { Imported } from '../components/ImportedView.tsx';

/** A file the user chose: our timeline format, or a HAR saved from the Network panel. */
export function readImportedFile(name: string, text: string): Result<Imported> {
  const looksLikeHar = /^\s*\{\s*"log"\s*:/.test(text) || /\.har$/i.test(name);
  if (looksLikeHar) {
    const har = importHar(text);
    if (!har.ok) return har;
    return { ok: true, value: { name, kind: 'har', payments: har.value.payments, observations: har.value.observations, redacted: false } };
  }
  const file = importTimelines(text);
  if (!file.ok) return file;
  return { ok: true, value: { name, kind: 'timeline', payments: file.value.payments, observations: [], redacted: file.value.redacted } };
}

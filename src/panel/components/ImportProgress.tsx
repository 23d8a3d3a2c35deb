import type { ImportProgress as Progress, ReadWhere } from '../state/har-file-import.ts';

/** A file being imported: how far, as a bar and a percentage, and a way to stop. */
export function ImportProgress({ name, progress, where, onCancel }: { name: string; progress: Progress; where: ReadWhere; onCancel(): void }) {
  const percent = progress.total > 0 ? Math.min(100, Math.floor((progress.loaded / progress.total) * 100)) : 0;
  return (
    <p class="import-progress" role="status" data-testid="import-progress" data-where={where}>
      Importing <span class="mono">{name}</span>{' '}
      <progress max={100} value={percent} aria-label={`Importing ${name}`} data-testid="import-progress-bar" />{' '}
      <span data-testid="import-percent">{percent}%</span>{' '}
      <button type="button" onClick={onCancel} data-testid="import-cancel">
        Cancel
      </button>
    </p>
  );
}

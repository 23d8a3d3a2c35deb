import type { TabHealth } from '../../extension/messaging/envelope.ts';

/** What went wrong below the panel, said once and kept in view: nothing is lost silently. */
export function HealthNotice({ health }: { health: TabHealth }) {
  if (health.storageError === undefined && health.droppedPageReports === 0) return null;
  return (
    <div class="health" data-testid="health">
      {health.storageError !== undefined && (
        <p role="alert" class="error" data-testid="storage-error">
          {health.storageError}
        </p>
      )}
      {health.droppedPageReports > 0 && (
        <p class="muted" data-testid="dropped-page-reports">
          {health.droppedPageReports} session report{health.droppedPageReports === 1 ? '' : 's'} from the page ignored: the
          session id, customer id or Client API address broke the rules every real one follows.
        </p>
      )}
    </div>
  );
}

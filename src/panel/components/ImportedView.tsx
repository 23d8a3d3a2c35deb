import { useMemo } from 'preact/hooks';
import { deriveView } from '../../core/detect/derive-sessions.ts';
import type { Observation } from '../../core/detect/observation.ts';
import { buildTimeline } from '../../core/timeline/build-timeline.ts';
import type { ExportedPayment } from '../../core/timeline/export-file.ts';
import { productName } from '../../core/connect/products.ts';
import { formatDateTime } from '../format.ts';
import { useSessionSelection } from '../state/session-selection.ts';
import { SessionCard } from './SessionCard.tsx';
import { SessionDetails } from './SessionDetails.tsx';
import { TimelineView } from './TimelineView.tsx';

export type Imported = {
  name: string;
  kind: 'timeline' | 'har';
  payments: readonly ExportedPayment[];
  /** HAR imports rebuild the sessions too. */
  observations: readonly Observation[];
  /** True when the file's session ids were already masked when it was written. */
  redacted: boolean;
  /** When the recording ended (a HAR's last call, a timeline's export time): the file's own "now". */
  recordedAt?: number;
};

/** A file someone else recorded, read-only: its sessions (for a HAR) and its timelines. */
export function ImportedView({ imported, onClose }: { imported: Imported; onClose(): void }) {
  // Judged at its own time: lifetimes are what they were when the file was recorded, not now.
  const view = useMemo(
    () => deriveView(imported.observations, imported.recordedAt ?? 0),
    [imported.observations, imported.recordedAt],
  );
  const { selected, tab, select, showTab, clear } = useSessionSelection(view.sessions);
  return (
    <section class="imported" aria-labelledby="imported-title" data-testid="imported">
      <h2 id="imported-title">
        Imported {imported.kind === 'har' ? 'HAR' : 'timeline'} file: <span class="mono">{imported.name}</span> (read-only)
      </h2>
      {imported.recordedAt !== undefined && (
        <p class="muted" data-testid="imported-recorded-at">
          Recorded at {formatDateTime(imported.recordedAt)}: sessions and lifetimes are shown as they were then.
        </p>
      )}
      <p class="muted">
        {imported.kind === 'har'
          ? 'Rebuilt from the page’s own calls in the HAR file.'
          : imported.redacted
            ? 'Session ids were redacted when this file was exported.'
            : 'This file carries session ids in clear: they are masked here, and it should be shared with care.'}{' '}
        <button type="button" onClick={onClose}>
          Close the imported file
        </button>
      </p>
      {view.sessions.map((session) => (
        <SessionCard
          key={session.clientSessionId}
          session={session}
          selected={session === selected}
          onSelect={(tab) => select(session.clientSessionId, tab)}
        />
      ))}
      {selected && <SessionDetails session={selected} tab={tab} onTab={showTab} onClose={clear} />}
      {imported.payments.length === 0 && <p class="muted">The file holds no third-party status polls.</p>}
      {imported.payments.map((payment) => (
        <article class="poll" key={payment.paymentId} data-testid="imported-payment" data-payment-id={payment.paymentId}>
          <header>
            <h3 class="mono">{payment.paymentId}</h3>
            <span class="badge">{payment.productId !== undefined ? productName(payment.productId) : 'product not known'}</span>
            <span class="badge">customer {payment.session.customerId}</span>
          </header>
          <TimelineView
            timeline={buildTimeline({ records: payment.records, navigations: payment.navigations, stop: payment.stop })}
            records={payment.records}
            // Masked here too: an unredacted file is still a credential on screen.
            revealSessionId={false}
          />
        </article>
      ))}
    </section>
  );
}

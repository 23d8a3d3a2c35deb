import type { Navigation } from '../../core/detect/observation.ts';
import type { ExportedPayment } from '../../core/timeline/export-file.ts';
import type { PaymentPoll } from './poll-manager.ts';

/** The page's navigations since the payment's polling began: the markers its timeline shows and exports. */
export function navigationsDuring(poll: PaymentPoll, navigations: readonly Navigation[]): Navigation[] {
  // The first record, not the poller's start: a resumed poll keeps the markers of its whole history.
  const since = poll.records[0]?.startedAt ?? poll.state.startedAt;
  return since === undefined ? [] : navigations.filter((n) => n.at >= since);
}

/** Polls as the export format carries them; redaction is the exporter's job. */
export function toExportedPayments(polls: readonly PaymentPoll[], navigations: readonly Navigation[]): ExportedPayment[] {
  return polls.map((p) => ({
    paymentId: p.target.paymentId,
    ...(p.productId !== undefined ? { productId: p.productId } : {}),
    session: { customerId: p.target.customerId, clientApiUrl: p.target.clientApiUrl, clientSessionId: p.target.clientSessionId },
    records: [...p.records],
    navigations: navigationsDuring(p, navigations),
    ...(p.stop ? { stop: p.stop } : {}),
  }));
}

import { REQUEST_LOG_LIMIT } from './defaults.ts';
import type { FaultKind } from './faults.ts';

export type LoggedRequest = {
  id: number;
  api: 'client' | 'server';
  method: string;
  /** Path and query as received. */
  path: string;
  clientSessionId: string | null;
  paymentId: string | null;
  /** Epoch milliseconds with sub-millisecond precision, so overlapping requests are visible. */
  startedAt: number;
  /** When the answer was written or the socket went away; null while it is still open. */
  endedAt: number | null;
  /** null when no answer was sent (dropped, hanging, or still open). */
  status: number | null;
  /** The faults that shaped this answer, latency included; empty for a plain request. */
  faults: FaultKind[];
};

export type RequestFilter = { paymentId?: string; clientSessionId?: string; api?: 'client' | 'server' };

export type RequestLog = ReturnType<typeof createRequestLog>;

export function createRequestLog(now: () => number) {
  let entries: LoggedRequest[] = [];
  let nextId = 1;
  return {
    start(fields: Pick<LoggedRequest, 'api' | 'method' | 'path' | 'clientSessionId' | 'paymentId'>): LoggedRequest {
      const entry: LoggedRequest = { ...fields, id: nextId++, startedAt: now(), endedAt: null, status: null, faults: [] };
      entries.push(entry);
      if (entries.length > REQUEST_LOG_LIMIT) entries = entries.slice(-REQUEST_LOG_LIMIT);
      return entry;
    },
    end(entry: LoggedRequest, status: number | null): void {
      if (entry.endedAt !== null) return;
      entry.endedAt = now();
      entry.status = status;
    },
    list(filter: RequestFilter = {}): LoggedRequest[] {
      return entries
        .filter(
          (entry) =>
            (filter.api === undefined || entry.api === filter.api) &&
            (filter.paymentId === undefined || entry.paymentId === filter.paymentId) &&
            (filter.clientSessionId === undefined || entry.clientSessionId === filter.clientSessionId),
        )
        .map((entry) => ({ ...entry, faults: [...entry.faults] }));
    },
    clear(): void {
      entries = [];
    },
  };
}

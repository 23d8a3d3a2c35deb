import { useState } from 'preact/hooks';
import type { Timeline, TimelineRow } from '../../core/timeline/build-timeline.ts';
import type { PollRecord } from '../../core/timeline/poll-record.ts';
import { formatClock, formatDuration } from '../format.ts';
import { RawRecord } from './RawRecord.tsx';

interface Props {
  timeline: Timeline;
  records: readonly PollRecord[];
  revealSessionId: boolean;
  /** A copy was made with the session id in clear. */
  onRevealUsed?(): void;
}

function rowKey(row: TimelineRow, index: number): string {
  return `${row.kind}|${index}`;
}

function RowCells({ row }: { row: TimelineRow }) {
  switch (row.kind) {
    case 'state':
      return (
        <>
          <td>
            <strong class={`status status-${row.known ? row.status.toLowerCase() : 'unknown'}`}>{row.status}</strong>
            {row.unexpected && (
              <span class="flag" data-testid="row-flag" title={row.note}>
                {' '}
                ⚠ {row.note ?? row.unexpected}
              </span>
            )}
          </td>
          <td>{formatClock(row.startedAt)}</td>
          <td data-testid="row-duration">
            {row.status === 'COMPLETED' ? 'final' : row.endedAt === undefined ? `${formatDuration(row.durationMs)} so far` : formatDuration(row.durationMs)}
          </td>
          <td>{row.pollCount} poll{row.pollCount === 1 ? '' : 's'}</td>
        </>
      );
    case 'error':
      return (
        <>
          <td class="error">
            {row.title}
            {row.count > 1 ? ` × ${row.count}` : ''}
          </td>
          <td>{formatClock(row.firstAt)}</td>
          <td>{row.count > 1 ? `until ${formatClock(row.lastAt)}` : ''}</td>
          <td>
            {row.count} answer{row.count === 1 ? '' : 's'}
          </td>
        </>
      );
    case 'gap':
      return (
        <td colSpan={4} class="muted">
          {row.polls} identical polls not kept (history is bounded)
        </td>
      );
    case 'navigation':
      return (
        <td colSpan={4} class="muted">
          Page navigated at {formatClock(row.at)} to <span class="mono">{row.url}</span>
        </td>
      );
    case 'stop':
      return (
        <td colSpan={4} data-testid="stop-row">
          Stopped at {formatClock(row.at)}: {row.message}
        </td>
      );
  }
}

/** One row per transition, errors and stops between them; each row opens to its raw requests. */
export function TimelineView({ timeline, records, revealSessionId, onRevealUsed }: Props) {
  const [open, setOpen] = useState<string | null>(null);
  const bySeq = new Map(records.map((r) => [r.seq, r]));
  const { summary } = timeline;
  return (
    <div class="timeline">
      <table data-testid="timeline">
        <thead>
          <tr>
            <th scope="col">State</th>
            <th scope="col">Began</th>
            <th scope="col">Lasted</th>
            <th scope="col">Seen by</th>
            <th scope="col">
              <span class="visually-hidden">Details</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {timeline.rows.map((row, index) => {
            const key = rowKey(row, index);
            const seqs = row.kind === 'state' || row.kind === 'error' ? row.recordSeqs : [];
            const isOpen = open === key;
            return [
              <tr
                key={key}
                data-testid="timeline-row"
                data-kind={row.kind}
                data-status={row.kind === 'state' ? row.status : undefined}
                data-outcome={row.kind === 'error' ? row.outcome : undefined}
                data-unexpected={row.kind === 'state' ? row.unexpected : undefined}
              >
                <RowCells row={row} />
                <td>
                  {seqs.length > 0 && (
                    <button type="button" aria-expanded={isOpen} onClick={() => setOpen(isOpen ? null : key)}>
                      {isOpen ? 'Hide' : 'Raw'}
                    </button>
                  )}
                </td>
              </tr>,
              isOpen ? (
                <tr key={`${key}|raw`} class="raw-row">
                  <td colSpan={5}>
                    {seqs.map((seq) => {
                      const record = bySeq.get(seq);
                      return record ? <RawRecord key={seq} record={record} revealSessionId={revealSessionId} onRevealUsed={onRevealUsed} /> : null;
                    })}
                  </td>
                </tr>
              ) : null,
            ];
          })}
        </tbody>
      </table>
      <p class="muted" data-testid="timeline-summary">
        {summary.polls} poll{summary.polls === 1 ? '' : 's'}, {summary.errors} error{summary.errors === 1 ? '' : 's'}
        {summary.finalStatus ? `; last status ${summary.finalStatus}` : ''}
        {summary.timeToCompletedMs !== undefined ? `; COMPLETED ${formatDuration(summary.timeToCompletedMs)} after the first poll` : ''}
      </p>
    </div>
  );
}

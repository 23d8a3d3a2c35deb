import { useId } from 'preact/hooks';
import { maskSecret } from '../../core/connect/ids.ts';
import type { ClientApiCall } from '../../core/detect/observation.ts';
import { formatClock, formatDuration } from '../format.ts';

/** Every Client API call seen, newest first; values from the page are rendered as text only. */
export function CallList({ calls }: { calls: readonly ClientApiCall[] }) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>Client API calls</h2>
      <table class="calls" data-testid="calls">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Method</th>
            <th scope="col">Status</th>
            <th scope="col">Duration</th>
            <th scope="col">Path</th>
            <th scope="col">Customer</th>
            <th scope="col">Session</th>
          </tr>
        </thead>
        <tbody>
          {[...calls].reverse().map((call) => (
            <tr key={`${call.at}|${call.url}`} data-testid="call-row">
              <td>{formatClock(call.at)}</td>
              <td>{call.method}</td>
              <td>{call.status === 0 ? 'failed' : call.status}</td>
              <td>{formatDuration(call.durationMs)}</td>
              <td class="mono">{call.path}</td>
              <td class="mono" data-testid="call-customer">{call.customerId}</td>
              <td class="mono">{maskSecret(call.clientSessionId)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

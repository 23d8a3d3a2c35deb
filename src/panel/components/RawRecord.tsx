import { useState } from 'preact/hooks';
import { toCurl, toFetch } from '../../core/timeline/copy-request.ts';
import { redactText, findSessionIds } from '../../core/timeline/redact-session-id.ts';
import type { PollRecord } from '../../core/timeline/poll-record.ts';
import { copyText } from '../../extension/platform/clipboard.ts';
import { formatClock, formatDuration } from '../format.ts';

interface Props {
  record: PollRecord;
  revealSessionId: boolean;
  /** Called after a copy that put the session id in clear, so the reveal lasts one copy. */
  onRevealUsed?(): void;
}

/** One request and its answer, as sent and received; the session id masked unless revealed. */
export function RawRecord({ record, revealSessionId, onRevealUsed }: Props) {
  const [copied, setCopied] = useState('');
  const ids = Object.values(record.request.headers).flatMap(findSessionIds);
  const shown = (text: string) => (revealSessionId ? text : redactText(text, ids));
  const copy = async (label: string, text: string) => {
    if (revealSessionId) onRevealUsed?.();
    const ok = await copyText(text);
    setCopied(ok ? `${label} copied${revealSessionId ? ' with the session id in clear' : ''}` : 'Copy failed');
  };
  return (
    <div class="raw-record" data-testid="raw-record">
      <div>
        <strong>#{record.seq + 1}</strong> {formatClock(record.startedAt)} · {formatDuration(record.endedAt - record.startedAt)}
        {record.foldedPolls ? ` · stands for ${record.foldedPolls + 1} identical polls` : ''}
      </div>
      <pre class="mono" data-testid="raw-request">
        {`${record.request.method} ${shown(record.request.url)}\n`}
        {Object.entries(record.request.headers)
          .map(([name, value]) => `${name}: ${shown(value)}`)
          .join('\n')}
      </pre>
      {record.response ? (
        <pre class="mono" data-testid="raw-response">
          {`HTTP ${record.response.status}\n`}
          {Object.entries(record.response.headers)
            .map(([name, value]) => `${name}: ${value}`)
            .join('\n')}
          {`\n\n${shown(record.response.bodyText)}${record.response.bodyTruncated ? '\n… (cut)' : ''}`}
        </pre>
      ) : (
        <p class="muted">No answer: {record.outcome.kind === 'timeout' ? 'timed out' : 'network error'}.</p>
      )}
      <button type="button" onClick={() => copy('cURL', toCurl(record, { revealSessionId }))} data-testid="copy-curl">
        Copy as cURL
      </button>{' '}
      <button type="button" onClick={() => copy('fetch', toFetch(record, { revealSessionId }))} data-testid="copy-fetch">
        Copy as fetch
      </button>{' '}
      <span role="status" class="muted">
        {copied}
      </span>
    </div>
  );
}

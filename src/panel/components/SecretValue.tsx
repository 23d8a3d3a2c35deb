import { useState } from 'preact/hooks';
import { maskSecret } from '../../core/connect/ids.ts';
import { copyText } from '../../extension/platform/clipboard.ts';

/** A bearer credential: masked unless the user reveals it; copying copies the real value on purpose. */
export function SecretValue({ value, label }: { value: string; label: string }) {
  const [revealed, setRevealed] = useState(false);
  const [copied, setCopied] = useState<'' | 'copied' | 'failed'>('');
  return (
    <span class="secret">
      <code data-testid="session-id">{revealed ? value : maskSecret(value)}</code>
      <button type="button" aria-pressed={revealed} onClick={() => setRevealed(!revealed)} aria-label={`${revealed ? 'Hide' : 'Reveal'} ${label}`}>
        {revealed ? 'Hide' : 'Reveal'}
      </button>
      <button
        type="button"
        aria-label={`Copy ${label}`}
        onClick={async () => setCopied((await copyText(value)) ? 'copied' : 'failed')}
      >
        Copy
      </button>
      <span role="status" class="muted">
        {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy failed' : ''}
      </span>
    </span>
  );
}

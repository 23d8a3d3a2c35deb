import { useEffect, useState } from 'preact/hooks';
import type { HostAccess } from '../../extension/platform/host-access.ts';

interface Props {
  origins: readonly string[];
  hostAccess: HostAccess;
  /** Withdraws the approval; the panel's polls of that origin stop. */
  onRevoke(origin: string): void;
}

type Access = 'granted' | 'cors-only' | 'checking';

/**
 * The Client API origins the user allowed, with whether Chrome gave the extension access to each.
 * Revoke withdraws the approval and gives the access back. A list only: the settings dialog gives
 * it its heading.
 */
export function ApprovedOriginList({ origins, hostAccess, onRevoke }: Props) {
  const [access, setAccess] = useState<Record<string, Access>>({});
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    void Promise.all(origins.map(async (origin) => [origin, (await hostAccess.has(origin)) ? 'granted' : 'cors-only'] as const)).then(
      (entries) => {
        if (live) setAccess(Object.fromEntries(entries));
      },
    );
    return () => {
      live = false;
    };
  }, [origins, hostAccess, version]);

  const refresh = () => setVersion((v) => v + 1);
  return (
    <ul class="approved-origin-list">
      {origins.map((origin) => {
        const state = access[origin] ?? 'checking';
        return (
          <li key={origin} data-testid="approved-origin" data-origin={origin} data-access={state}>
            <span class="mono">{origin}</span>{' '}
            <span class="muted">
              {state === 'granted'
                ? 'Chrome access granted'
                : state === 'cors-only'
                  ? 'no Chrome access: polls work only if it answers CORS for extensions'
                  : ''}
            </span>{' '}
            {state === 'cors-only' && (
              // The browser asks only within this click, so the request is its first step.
              <button
                type="button"
                aria-label={`Grant access to ${origin}`}
                onClick={() => void hostAccess.request(origin).then(refresh)}
                data-testid="grant-origin"
              >
                Grant access
              </button>
            )}{' '}
            <button
              type="button"
              aria-label={`Revoke ${origin}`}
              onClick={() => {
                onRevoke(origin);
                void hostAccess.remove(origin).then(refresh);
              }}
              data-testid="revoke-origin"
            >
              Revoke
            </button>
          </li>
        );
      })}
    </ul>
  );
}

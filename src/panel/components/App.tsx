import type { ClientApiCall } from '../../core/detect/observation.ts';
import { message } from '../../extension/messaging/envelope.ts';
import type { PanelTransport } from '../../extension/messaging/panel-transport.ts';
import { usePanelState } from '../state/use-panel-state.ts';
import { CallList } from './CallList.tsx';
import { Toolbar } from './Toolbar.tsx';
import { Welcome } from './Welcome.tsx';

export function App({ transport }: { transport: PanelTransport }) {
  const state = usePanelState(transport);
  const calls = state.observations.filter((o): o is ClientApiCall => o.kind === 'client-api-call');
  return (
    <div class="panel" data-testid="panel" data-synced={String(state.synced)}>
      <Toolbar
        connection={state.connection}
        settings={state.settings}
        onSettings={(settings) => transport.send(message({ type: 'settings', settings }))}
        onClear={() => transport.send(message({ type: 'clear' }))}
      />
      <main>{calls.length === 0 ? <Welcome synced={state.synced} /> : <CallList calls={calls} />}</main>
    </div>
  );
}

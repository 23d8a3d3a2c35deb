import { useEffect, useState } from 'preact/hooks';
import type { PanelTransport } from '../../extension/messaging/panel-transport.ts';
import { applyConnection, applyMessage, initialPanelState, type PanelState } from './panel-state.ts';

export function usePanelState(transport: PanelTransport): PanelState {
  const [state, setState] = useState(() => initialPanelState(transport.tabId));
  useEffect(() => {
    const offMessage = transport.subscribe((message) => setState((s) => applyMessage(s, message)));
    const offStatus = transport.onStatus((status) => setState((s) => applyConnection(s, status)));
    return () => {
      offMessage();
      offStatus();
    };
  }, [transport]);
  return state;
}

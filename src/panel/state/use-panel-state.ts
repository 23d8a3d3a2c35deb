import { useEffect, useState } from 'preact/hooks';
import { message } from '../../extension/messaging/envelope.ts';
import type { PanelTransport } from '../../extension/messaging/panel-transport.ts';
import { applyCaptureStatus, applyConnection, applyMessage, initialPanelState, type PanelState } from './panel-state.ts';

export function usePanelState(transport: PanelTransport): PanelState {
  const [state, setState] = useState(() => initialPanelState(transport.tabId));
  useEffect(() => {
    const offMessage = transport.subscribe((msg) => setState((s) => applyMessage(s, msg)));
    const offStatus = transport.onStatus((status) => setState((s) => applyConnection(s, status)));
    const offCapture = transport.onCaptureStatus((status) => setState((s) => applyCaptureStatus(s, status)));
    return () => {
      offMessage();
      offStatus();
      offCapture();
    };
  }, [transport]);
  // An update that did not fit on top of what the panel holds: start again from a snapshot.
  useEffect(() => {
    if (state.outOfStep) transport.send(message({ type: 'hello' }));
  }, [state.outOfStep, transport]);
  return state;
}

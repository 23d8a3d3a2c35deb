import type { Observation } from '../../core/detect/observation.ts';
import { DEFAULT_SETTINGS, type Settings, type ToPanel } from '../../extension/messaging/envelope.ts';
import type { PortStatus } from '../../extension/messaging/reconnecting-port.ts';

export interface PanelState {
  readonly tabId: number;
  readonly connection: PortStatus;
  /** False until the first snapshot arrives: the panel says "connecting", not "nothing found". */
  readonly synced: boolean;
  readonly observations: readonly Observation[];
  readonly settings: Settings;
}

export function initialPanelState(tabId: number): PanelState {
  return { tabId, connection: 'reconnecting', synced: false, observations: [], settings: DEFAULT_SETTINGS };
}

/** Messages for another tab are ignored: the service worker routes by tab, and the panel checks again. */
export function applyMessage(state: PanelState, message: ToPanel): PanelState {
  if (message.tabId !== state.tabId) return state;
  switch (message.type) {
    case 'snapshot':
      return { ...state, synced: true, observations: message.observations, settings: message.settings };
    case 'appended':
      return { ...state, observations: [...state.observations, ...message.observations] };
    case 'settings':
      return { ...state, settings: message.settings };
  }
}

export function applyConnection(state: PanelState, connection: PortStatus): PanelState {
  return state.connection === connection ? state : { ...state, connection };
}

import { appendObservations, observationKey } from '../../core/detect/observation-log.ts';
import type { Observation } from '../../core/detect/observation.ts';
import { DEFAULT_SETTINGS, HEALTHY, type Settings, type TabHealth, type ToPanel } from '../../extension/messaging/envelope.ts';
import type { PortStatus } from '../../extension/messaging/reconnecting-port.ts';

export interface PanelState {
  readonly tabId: number;
  readonly connection: PortStatus;
  /** The devtools page's port, which carries the network capture. */
  readonly capture: PortStatus;
  /** False until the first snapshot arrives: the panel says "connecting", not "nothing found". */
  readonly synced: boolean;
  /** The service worker's lifetime and the tab log's revision this state stands at. */
  readonly epoch: string;
  readonly revision: number;
  /** Set when an update could not be applied in order: the panel asks for a snapshot. */
  readonly outOfStep: boolean;
  readonly observations: readonly Observation[];
  readonly settings: Settings;
  readonly health: TabHealth;
}

export function initialPanelState(tabId: number): PanelState {
  return {
    tabId,
    connection: 'reconnecting',
    capture: 'connected',
    synced: false,
    epoch: '',
    revision: 0,
    outOfStep: false,
    observations: [],
    settings: DEFAULT_SETTINGS,
    health: HEALTHY,
  };
}

/**
 * Applies what the service worker sent. Messages for another tab are ignored: the service worker
 * routes by tab, and the panel checks again.
 *
 * The revision rule: a snapshot never overwrites a newer state of the same worker (same epoch,
 * lower revision); an update applies only right on top of the revision held. One that skips
 * ahead, or comes from another worker, leaves the state as it is and marks it out of step, and the
 * panel asks for a snapshot. Appends are trimmed by the worker's own rule, so both hold the same list.
 */
/** The keys of a held list, moved along with each append so that an append costs what it adds. */
const keysOf = new WeakMap<readonly Observation[], Set<string>>();

function appendTo(list: readonly Observation[], incoming: readonly Observation[]): Observation[] {
  const seen = keysOf.get(list);
  keysOf.delete(list);
  const { stored } = appendObservations(list, incoming, seen);
  if (seen) keysOf.set(stored, seen);
  else keysOf.set(stored, new Set(stored.map(observationKey)));
  return stored;
}

export function applyMessage(state: PanelState, message: ToPanel): PanelState {
  if (message.tabId !== state.tabId) return state;
  switch (message.type) {
    case 'snapshot':
      if (message.epoch === state.epoch && message.revision < state.revision) return state;
      return {
        ...state,
        synced: true,
        outOfStep: false,
        epoch: message.epoch,
        revision: message.revision,
        observations: message.observations,
        settings: message.settings,
        health: message.health,
      };
    case 'appended':
      if (message.epoch === state.epoch && message.revision <= state.revision) return state;
      if (message.epoch !== state.epoch || message.revision !== state.revision + 1) {
        return state.outOfStep ? state : { ...state, outOfStep: true };
      }
      return { ...state, revision: message.revision, observations: appendTo(state.observations, message.observations) };
    case 'settings':
      return { ...state, settings: message.settings };
    case 'health':
      return { ...state, health: message.health };
  }
}

export function applyConnection(state: PanelState, connection: PortStatus): PanelState {
  return state.connection === connection ? state : { ...state, connection };
}

export function applyCaptureStatus(state: PanelState, capture: PortStatus): PanelState {
  return state.capture === capture ? state : { ...state, capture };
}

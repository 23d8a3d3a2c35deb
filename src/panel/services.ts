import type { Clock } from '../core/clock.ts';
import type { HostAccess } from '../extension/platform/host-access.ts';
import type { SimulatorInfo, CustomerStep } from '../extension/platform/simulator-control.ts';
import type { PollManager } from './state/poll-manager.ts';

/**
 * Everything the panel does besides messaging: polling, the simulator's control API, saving a file.
 * Injected, so the same panel runs against fakes in tests.
 */
export interface PanelServices {
  /** The one clock the panel reads; the composition root passes the machine's. */
  clock: Clock;
  polls: PollManager;
  /** The optional host permission of each approved Client API origin. */
  hostAccess: HostAccess;
  simulator: {
    probe(origin: string): Promise<SimulatorInfo | null>;
    step(origin: string, paymentId: string, step: CustomerStep): Promise<string | null>;
    fault(origin: string, paymentId: string, kind: string, times?: number): Promise<string | null>;
    clearFaults(origin: string, paymentId: string): Promise<string | null>;
  };
  saveFile(name: string, text: string): void;
  toolVersion: string;
}

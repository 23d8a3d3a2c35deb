import type { BrowserContext, Page } from 'playwright-core';
import { waitFor } from '../../../scripts/browser/wait-for.ts';

type Version = { scriptURL: string; runningStatus: string };

export interface WorkerCycler {
  /**
   * Stops every service worker (CDP `ServiceWorker.stopAllWorkers`, as when one idles out), waits
   * until DevTools Protocol reports ours stopped, then until ours runs again. Nothing here starts it:
   * whatever holds a port to it (the panel, the devtools page) has to reconnect and wake it.
   */
  stopAndAwaitRestart(options?: { timeout?: number }): Promise<void>;
  /** How many times ours was seen stopped, and running again after that. */
  readonly stops: number;
  readonly restarts: number;
  close(): Promise<void>;
}

/**
 * One DevTools Protocol session kept open over many service-worker restarts, so each cycle costs
 * only the stop and the restart themselves (see `stopServiceWorkers` for the one-off version).
 */
export async function createWorkerCycler(context: BrowserContext, page: Page): Promise<WorkerCycler> {
  const cdp = await context.newCDPSession(page);
  let status: 'running' | 'stopped' | 'other' = 'other';
  let stops = 0;
  let restarts = 0;
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    const ours = (event as { versions: Version[] }).versions.filter((v) => v.scriptURL.startsWith('chrome-extension://'));
    if (ours.length === 0) return;
    if (ours.some((v) => v.runningStatus === 'running')) {
      if (status === 'stopped') restarts += 1;
      status = 'running';
    } else if (ours.every((v) => v.runningStatus === 'stopped')) {
      if (status !== 'stopped') stops += 1;
      status = 'stopped';
    } else {
      // starting or stopping: the worker is between states.
      if (status === 'running') status = 'other';
    }
  });
  await cdp.send('ServiceWorker.enable');
  return {
    async stopAndAwaitRestart({ timeout = 20_000 } = {}) {
      const stopsBefore = stops;
      const restartsBefore = restarts;
      await cdp.send('ServiceWorker.stopAllWorkers');
      await waitFor(() => stops > stopsBefore, { what: 'our service worker to stop', timeout, interval: 5 });
      await waitFor(() => restarts > restartsBefore, { what: 'our service worker to run again', timeout, interval: 5 });
    },
    get stops() {
      return stops;
    },
    get restarts() {
      return restarts;
    },
    close: () => cdp.detach().catch(() => undefined),
  };
}

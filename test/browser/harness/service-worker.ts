import type { BrowserContext, Page } from 'playwright-core';

type Version = { scriptURL: string; runningStatus: string };

/**
 * Stops every service worker the way the browser does when one idles out, and resolves once
 * DevTools Protocol reports ours stopped. `running` then resolves when ours runs again: the
 * proof that a new worker started, since Playwright keeps the old worker's handle.
 */
export async function stopServiceWorkers(context: BrowserContext, page: Page): Promise<{ running: Promise<void> }> {
  const cdp = await context.newCDPSession(page);
  let onStopped!: () => void;
  let onRunning!: () => void;
  const stopped = new Promise<void>((resolve) => (onStopped = resolve));
  const running = new Promise<void>((resolve) => (onRunning = resolve));
  let wasStopped = false;
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    const ours = (event as { versions: Version[] }).versions.filter((v) => v.scriptURL.startsWith('chrome-extension://'));
    if (ours.some((v) => v.runningStatus === 'stopped')) {
      wasStopped = true;
      onStopped();
    } else if (wasStopped && ours.some((v) => v.runningStatus === 'running')) {
      onRunning();
    }
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  return { running: running.finally(() => cdp.detach().catch(() => undefined)) };
}

import { startDemoMerchant, startSimulator, type DemoMerchant, type Simulator } from '../../src/simulator/index.ts';

function isPortBusy(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';
}

/** Turns "address in use" into a sentence that says which option frees the way. */
async function listening<T>(start: () => Promise<T>, what: string, port: number, option: string): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (!isPortBusy(error)) throw error;
    throw new Error(
      `Port ${port} for the ${what} is busy (is \`npm run sim\` or another \`npm start\` running?). ` +
        `Stop it, or pick another port with ${option} N, or ${option} 0 for a free one.`,
    );
  }
}

/**
 * The simulator, then the demo merchant pointed at it. `onStarted` hears of each server as soon as
 * it listens, so a Ctrl-C or a failure of the second still closes the first.
 */
export async function startServers(
  ports: { port: number; merchantPort: number },
  onStarted: (server: { close(): Promise<void> }) => void,
): Promise<{ simulator: Simulator; merchant: DemoMerchant }> {
  const simulator = await listening(() => startSimulator({ port: ports.port }), 'simulator', ports.port, '--port');
  onStarted(simulator);
  const merchant = await listening(
    // env {}: the demo always runs against the simulator, whatever CONNECT_* the shell holds.
    () => startDemoMerchant({ port: ports.merchantPort, simulatorUrl: simulator.url, env: {} }),
    'demo checkout',
    ports.merchantPort,
    '--merchant-port',
  );
  onStarted(merchant);
  return { simulator, merchant };
}

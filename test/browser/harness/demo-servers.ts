import { startDemoMerchant, startSimulator, type DemoMerchant, type Simulator } from '../../../src/simulator/index.ts';

export interface DemoServers {
  simulator: Simulator;
  merchant: DemoMerchant;
  close(): Promise<void>;
}

/** The simulator and the demo merchant on free loopback ports, started in-process. */
export async function startDemoServers(options: { sessionTtlMs?: number } = {}): Promise<DemoServers> {
  const simulator = await startSimulator({ port: 0, ...options });
  const merchant = await startDemoMerchant({ port: 0, simulatorUrl: simulator.url, env: {} });
  return {
    simulator,
    merchant,
    async close() {
      await merchant.close();
      await simulator.close();
    },
  };
}

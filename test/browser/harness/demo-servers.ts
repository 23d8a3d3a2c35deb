import { startDemoMerchant, startSimulator, type CorsMode, type DemoMerchant, type Simulator } from '../../../src/simulator/index.ts';

export interface DemoServers {
  simulator: Simulator;
  merchant: DemoMerchant;
  close(): Promise<void>;
}

/** The simulator and the demo merchant on free loopback ports, started in-process. */
export type DemoServerOptions = {
  sessionTtlMs?: number;
  /** `merchant`: the Client API answers CORS for the checkout's pages, not for the extension. */
  corsOrigins?: CorsMode;
};

export async function startDemoServers(options: DemoServerOptions = {}): Promise<DemoServers> {
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

import { parseCliArgs, USAGE } from './cli-args.ts';
import { startDemoMerchant, startSimulator } from './index.ts';

/** `npm run sim`: the simulator, the demo merchant beside it, both closed on Ctrl-C. */
async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.reason}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const options = parsed.value;
  const simulator = await startSimulator({
    port: options.port,
    host: options.host,
    flow: options.flow,
    paymentIdForm: options.paymentIdForm,
    corsOrigins: options.corsOrigins,
    ...(options.sessionTtlMs === undefined ? {} : { sessionTtlMs: options.sessionTtlMs }),
  });
  console.log(`Connect simulator listening on ${simulator.url}`);
  console.log(`Customer phone (control page): ${simulator.url}/control/`);
  const merchant =
    options.merchantPort === undefined
      ? undefined
      : await startDemoMerchant({ port: options.merchantPort, simulatorUrl: simulator.url });
  if (merchant) console.log(`Demo merchant checkout: ${merchant.url}/ (also ${merchant.localhostUrl}/)`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing`);
    Promise.all([simulator.close(), merchant?.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

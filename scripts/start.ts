import { realpathSync } from 'node:fs';
import path from 'node:path';
import { findChromium } from '../test/browser/harness/find-chromium.ts';
import { parseStartArgs, USAGE, wantsHeadless, type StartOptions } from './demo/args.ts';
import { buildExtension, REPO_ROOT } from './demo/build-extension.ts';
import { launchInteractive } from './demo/launch-interactive.ts';
import { createNarrator, type Narrator } from './demo/narrate.ts';
import { runHeadlessDemo } from './demo/run-headless-demo.ts';
import { Shutdown } from './demo/shutdown.ts';
import { startServers } from './demo/start-servers.ts';

const DUPLICATE_SIGNAL_MS = 1_000;
const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/** `npm start`: build, start the simulator and the checkout, then a browser for a person or the scripted demo. */
async function run(options: StartOptions, narrator: Narrator, shutdown: Shutdown): Promise<void> {
  findChromium();
  if (options.build) {
    narrator.say('Building the extension (vite build)');
    await buildExtension((stop) => shutdown.add(stop));
  }
  const { simulator, merchant } = await startServers(options, (server) => shutdown.add(() => server.close()));
  narrator.say(`Connect simulator on ${simulator.url} (customer's phone: ${simulator.url}/control/)`);
  narrator.say(`Demo checkout on ${merchant.url}/`);

  if (!wantsHeadless(options)) {
    await launchInteractive({ simulator, merchant, narrator, shutdown });
    return;
  }
  const why = options.headless ? '--headless' : 'no display';
  narrator.say(`Headless demo (${why}): a payment through the Connect panel, screenshots to ${options.outDir}/`);
  const saved = await runHeadlessDemo({ simulator, merchant, product: options.product, outDir: options.outDir, narrator, shutdown });
  narrator.say(`Done in ${narrator.elapsed()}. Screenshots in ${options.outDir}/: ${saved.map((f) => path.basename(f)).join(', ')}`);
}

async function main(): Promise<number> {
  const parsed = parseStartArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.reason}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.value.help) {
    console.log(USAGE);
    return 0;
  }
  // The browser harness finds dist/chrome from the working directory, as npm scripts run it.
  if (realpathSync(process.cwd()) !== realpathSync(REPO_ROOT)) {
    console.error(`Run it from the repository root (${REPO_ROOT}): npm start`);
    return 2;
  }

  const narrator = createNarrator();
  const shutdown = new Shutdown();
  let signal: NodeJS.Signals | undefined;
  let signalledAt = 0;
  const onSignal = (received: NodeJS.Signals) => {
    if (signal) {
      // One Ctrl-C under `npm start` arrives up to three times (the terminal, npm and tsx each pass
      // it on), so only a later one means "stop waiting": leave now; Playwright's exit hook still
      // kills the browser it launched.
      if (performance.now() - signalledAt > DUPLICATE_SIGNAL_MS) process.exit(SIGNAL_EXIT_CODES[received] ?? 1);
      return;
    }
    signal = received;
    signalledAt = performance.now();
    narrator.say(`${received}: closing the browser, the checkout and the simulator`);
    void shutdown.closeAll();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let code = 0;
  try {
    await run(parsed.value, narrator, shutdown);
  } catch (error) {
    code = 1;
    // After a signal, what fails is only the work the closing cut short.
    if (!signal) console.error(`\n${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await shutdown.closeAll();
  }
  if (!signal) return code;
  narrator.say('Stopped; nothing left running.');
  return SIGNAL_EXIT_CODES[signal] ?? 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

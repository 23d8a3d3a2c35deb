import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { EXTENSION_DIR } from './browser/extension-browser.ts';
import { findChromium } from './browser/find-chromium.ts';
import { parseStartArgs, USAGE, wantsHeadless, type StartOptions } from './demo/args.ts';
import { buildExtension, REPO_ROOT } from './demo/build-extension.ts';
import { launchInteractive } from './demo/launch-interactive.ts';
import { createNarrator, type Narrator } from './demo/narrate.ts';
import { runHeadlessDemo } from './demo/run-headless-demo.ts';
import { Shutdown } from './demo/shutdown.ts';
import { startServers } from './demo/start-servers.ts';

const DUPLICATE_SIGNAL_MS = 1_000;
/** 128 + the signal's number, as shells report a process ended by it. */
const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/** `npm start`: build, start the simulator and the checkout, then a browser for a person or the scripted demo. */
async function run(options: StartOptions, narrator: Narrator, shutdown: Shutdown): Promise<void> {
  findChromium();
  if (options.build) {
    narrator.say('Building the extension (vite build)');
    await buildExtension((stop) => shutdown.add(stop));
    narrator.say(`Extension built in ${path.relative(REPO_ROOT, EXTENSION_DIR)}/`);
  } else if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`There is no build in ${path.relative(REPO_ROOT, EXTENSION_DIR)}/: run \`npm run build\` first, or leave out --no-build.`);
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
  let stopCode: number | undefined;
  let stoppedAt = 0;
  const stop = (reason: string, exitCode: number) => {
    if (stopCode !== undefined) {
      // A wrapper may pass one Ctrl-C on again (tsx does), so only a later one means "stop
      // waiting": leave now; Playwright's exit hook still kills the browser it launched.
      if (performance.now() - stoppedAt > DUPLICATE_SIGNAL_MS) process.exit(exitCode);
      return;
    }
    stopCode = exitCode;
    stoppedAt = performance.now();
    narrator.say(`${reason}: closing the browser, the checkout and the simulator`);
    void shutdown.closeAll();
  };
  for (const [signal, exitCode] of Object.entries(SIGNAL_EXIT_CODES)) process.on(signal, () => stop(signal, exitCode));
  // `npm start` runs this under a shell that npm kills on SIGTERM without passing it on: a new
  // parent means whoever started us is gone, and so should be everything we started.
  const parent = process.ppid;
  const orphaned = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(orphaned);
    stop('The parent process ended', SIGNAL_EXIT_CODES.SIGTERM);
  }, 500).unref();

  let code = 0;
  try {
    await run(parsed.value, narrator, shutdown);
  } catch (error) {
    code = 1;
    // After a stop, what fails is only the work the closing cut short.
    if (stopCode === undefined) console.error(`\n${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await shutdown.closeAll();
  }
  if (stopCode === undefined) return code;
  narrator.say('Stopped; nothing left running.');
  return stopCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

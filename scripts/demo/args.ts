import { parseArgs } from 'node:util';
import { fail, ok, type Result } from '../../src/core/result.ts';
import { DEFAULT_MERCHANT_PORT, DEFAULT_SIMULATOR_PORT } from '../../src/simulator/index.ts';

/** The products the demo can pay with: the two with a third-party status. */
export const DEMO_PRODUCTS = { 3012: 'Bancontact', 863: 'WeChat Pay' } as const;
export type DemoProductId = keyof typeof DEMO_PRODUCTS;

export type StartOptions = {
  help: boolean;
  /** From `--headless`; a missing display also means headless (see `wantsHeadless`). */
  headless: boolean;
  port: number;
  merchantPort: number;
  product: DemoProductId;
  outDir: string;
  build: boolean;
};

export const USAGE = `Usage: npm start -- [options]
Builds the extension, starts the Connect simulator and the demo checkout, then:
  with a display: opens Chromium with the extension and DevTools on the checkout, until Ctrl-C
  without one (or with --headless): plays a Bancontact payment through the Connect panel,
  saving a screenshot of the panel at each status, and exits

  --headless          run the scripted demo even when a display is there
  --port N            simulator port (default ${DEFAULT_SIMULATOR_PORT}; 0 picks a free one)
  --merchant-port N   demo checkout port (default ${DEFAULT_MERCHANT_PORT}; 0 picks a free one)
  --product ID        3012 (Bancontact, default) or 863 (WeChat Pay)
  --out DIR           where the headless demo saves its screenshots (default demo-output)
  --no-build          use dist/chrome as it is instead of building it first
  --help              print this and exit`;

function parsePort(text: string | undefined, fallback: number, option: string): Result<number> {
  if (text === undefined) return ok(fallback);
  const port = Number(text);
  return /^\d+$/.test(text) && port <= 65_535 ? ok(port) : fail(`${option} takes a port from 0 to 65535, not ${text}`);
}

export function parseStartArgs(argv: readonly string[]): Result<StartOptions> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        help: { type: 'boolean', short: 'h' },
        headless: { type: 'boolean' },
        port: { type: 'string' },
        'merchant-port': { type: 'string' },
        product: { type: 'string' },
        out: { type: 'string' },
        'no-build': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const port = parsePort(values.port, DEFAULT_SIMULATOR_PORT, '--port');
  if (!port.ok) return port;
  const merchantPort = parsePort(values['merchant-port'], DEFAULT_MERCHANT_PORT, '--merchant-port');
  if (!merchantPort.ok) return merchantPort;
  const product = Number(values.product ?? 3012);
  if (product !== 3012 && product !== 863) return fail(`--product is 3012 (Bancontact) or 863 (WeChat Pay), not ${values.product}`);
  if (values.out === '') return fail('--out needs a folder');
  return ok({
    help: values.help ?? false,
    headless: values.headless ?? false,
    port: port.value,
    merchantPort: merchantPort.value,
    product,
    outDir: values.out ?? 'demo-output',
    build: !values['no-build'],
  });
}

/** Headful only when asked for nothing else and there is a screen to show it on. */
export function wantsHeadless(options: Pick<StartOptions, 'headless'>, env: NodeJS.ProcessEnv = process.env): boolean {
  return options.headless || !(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
}

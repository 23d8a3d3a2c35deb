import { parseArgs } from 'node:util';
import { fail, ok, type Result } from '../core/result.ts';
import { CORS_MODES, type CorsMode } from './cors.ts';
import { DEFAULT_HOST, DEFAULT_MERCHANT_PORT, DEFAULT_SIMULATOR_PORT } from './defaults.ts';
import { PAYMENT_ID_FORMS, type PaymentIdForm } from './ids.ts';

export type CliOptions = {
  port: number;
  host: string;
  flow: 'manual' | 'auto';
  sessionTtlMs: number | undefined;
  paymentIdForm: PaymentIdForm;
  corsOrigins: CorsMode;
  /** undefined when the demo merchant is not wanted. */
  merchantPort: number | undefined;
};

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `30s`, `1500ms`, `5m`, `2h`; a bare number counts in seconds. */
export function parseDuration(text: string): Result<number> {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) return fail(`not a duration: ${text}`);
  return ok(Math.round(Number(match[1]) * (UNITS[match[2] ?? 's'] ?? 1000)));
}

function parsePort(text: string | undefined, fallback: number): Result<number> {
  if (text === undefined) return ok(fallback);
  const port = Number(text);
  return Number.isInteger(port) && port >= 0 && port <= 65_535 ? ok(port) : fail(`not a port: ${text}`);
}

export const USAGE = `Usage: npm run sim -- [options]
  --port N            simulator port (default ${DEFAULT_SIMULATOR_PORT}; 0 picks a free one)
  --host H            address to listen on (default ${DEFAULT_HOST})
  --flow manual|auto  manual: the phone page moves payments on; auto: a scripted customer does
  --session-ttl D     client session lifetime, e.g. 30s, 5m (default 2h)
  --payment-ids F     digits (30 digits), attempt (2737860_0) or by-product (Bancontact attempt, WeChat digits)
  --cors any|merchant any: the Client API answers CORS for every origin; merchant: only for web pages, not extensions
  --merchant-port N   demo merchant checkout port (default ${DEFAULT_MERCHANT_PORT}; 0 picks a free one)
  --no-merchant       start the simulator alone`;

function isPaymentIdForm(text: string): text is PaymentIdForm {
  return (PAYMENT_ID_FORMS as readonly string[]).includes(text);
}

export function parseCliArgs(argv: string[]): Result<CliOptions> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        flow: { type: 'string' },
        'session-ttl': { type: 'string' },
        'payment-ids': { type: 'string' },
        cors: { type: 'string' },
        'merchant-port': { type: 'string' },
        'no-merchant': { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const port = parsePort(values.port, DEFAULT_SIMULATOR_PORT);
  if (!port.ok) return port;
  const merchantPort = parsePort(values['merchant-port'], DEFAULT_MERCHANT_PORT);
  if (!merchantPort.ok) return merchantPort;
  const flow = values.flow ?? 'manual';
  if (flow !== 'manual' && flow !== 'auto') return fail(`--flow is manual or auto, not ${flow}`);
  const paymentIdForm = values['payment-ids'] ?? 'digits';
  if (!isPaymentIdForm(paymentIdForm)) return fail(`--payment-ids is ${PAYMENT_ID_FORMS.join(', ')}, not ${paymentIdForm}`);
  const corsOrigins = values.cors ?? 'any';
  if (!(CORS_MODES as readonly string[]).includes(corsOrigins)) return fail(`--cors is ${CORS_MODES.join(' or ')}, not ${corsOrigins}`);
  let sessionTtlMs: number | undefined;
  if (values['session-ttl'] !== undefined) {
    const ttl = parseDuration(values['session-ttl']);
    if (!ttl.ok) return ttl;
    sessionTtlMs = ttl.value;
  }
  return ok({
    port: port.value,
    host: values.host ?? DEFAULT_HOST,
    flow,
    sessionTtlMs,
    paymentIdForm,
    corsOrigins: corsOrigins as CorsMode,
    merchantPort: values['no-merchant'] ? undefined : merchantPort.value,
  });
}

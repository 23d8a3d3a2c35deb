import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_HOST, DEFAULT_MERCHANT_PORT } from '../defaults.ts';
import { parseJson, readBody, send, sendJson } from '../http-io.ts';
import { listen } from '../listen.ts';
import { merchantConnectConfig } from './config.ts';
import { createConnectCalls, demoPaymentRequest, type PassThrough } from './connect-calls.ts';
import { PAGES } from './pages.ts';

export type DemoMerchantOptions = {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** The simulator to use when `CONNECT_API_ENDPOINT` is not set. */
  simulatorUrl: string;
  /** Defaults to process.env; tests pass their own so nothing leaks in from the shell. */
  env?: Record<string, string | undefined>;
};

export type DemoMerchant = {
  /** e.g. `http://127.0.0.1:4020` */
  url: string;
  /** The same server under the other loopback name, for cross-origin frames. */
  localhostUrl: string;
  port: number;
  close(): Promise<void>;
};

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

type StaticFile = { contentType: string; body: Buffer };

/** Read once at start: the pages, their script, and the SDK builds exactly as npm installed them. */
function loadStaticFiles(): Map<string, StaticFile> {
  const script = (path: string): StaticFile => ({ contentType: 'text/javascript; charset=utf-8', body: readFileSync(path) });
  // v6 exports only its entry points, so its dist folder is found through the CommonJS entry.
  const v6Dist = dirname(require.resolve('connect-sdk-client-js'));
  const v4Dist = dirname(require.resolve('connect-sdk-client-js-v4/dist/connectsdk.js'));
  const v3Dist = dirname(require.resolve('connect-sdk-client-js-v3/dist/connectsdk.js'));
  const pages = Object.entries(PAGES).map(
    ([path, html]): [string, StaticFile] => [path, { contentType: 'text/html; charset=utf-8', body: Buffer.from(html) }],
  );
  return new Map([
    ...pages,
    ['/checkout.js', script(join(here, 'checkout.js'))],
    ['/sdk/connect-sdk-client-js.umd.js', script(join(v6Dist, 'connect-sdk-client-js.umd.js'))],
    ['/sdk/connect-sdk-client-js.js', script(join(v6Dist, 'connect-sdk-client-js.js'))],
    ['/sdk/v4/connectsdk.js', script(join(v4Dist, 'connectsdk.js'))],
    ['/sdk/v3/connectsdk.js', script(join(v3Dist, 'connectsdk.js'))],
  ]);
}

const paymentBodySchema = z.object({
  productId: z.number().int().positive(),
  encryptedCustomerInput: z.string().min(1).max(100_000).optional(),
});

// Both id forms: 30 digits, and a number with its attempt (`2737860_0`).
const PAYMENT_PATH = /^\/api\/payments\/([0-9A-Za-z_-]{1,64})$/;

/**
 * A demo merchant: serves the checkout pages and the SDK builds, and creates sessions and
 * payments through connect-sdk-nodejs, as a real merchant's backend would.
 */
export async function startDemoMerchant(options: DemoMerchantOptions): Promise<DemoMerchant> {
  const files = loadStaticFiles();
  const connect = createConnectCalls(merchantConnectConfig(options.env ?? process.env, options.simulatorUrl));
  let port = options.port ?? DEFAULT_MERCHANT_PORT;

  const passOn = (response: ServerResponse, result: PassThrough) => sendJson(response, result.status, result.body);

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://merchant.invalid');
    const file = request.method === 'GET' ? files.get(url.pathname) : undefined;
    if (file) {
      send(response, { status: 200, contentType: file.contentType, body: file.body });
      return;
    }
    if (request.method === 'POST' && url.pathname === '/api/session') {
      passOn(response, await connect.createSession());
      return;
    }
    if (request.method === 'POST' && url.pathname === '/api/payments') {
      const text = await readBody(request);
      const json = text.ok ? parseJson(text.value) : text;
      const body = paymentBodySchema.safeParse(json.ok ? json.value : null);
      if (!body.success) {
        sendJson(response, 400, { error: { code: 'INVALID_REQUEST', message: 'send {productId, encryptedCustomerInput?}' } });
        return;
      }
      const returnUrl = `http://${request.headers.host ?? `${DEFAULT_HOST}:${port}`}/`;
      passOn(response, await connect.createPayment(demoPaymentRequest(body.data.productId, body.data.encryptedCustomerInput, returnUrl)));
      return;
    }
    if (url.pathname === '/favicon.ico') {
      // No icon, and no 404 for the browser to report as an error in every demo screenshot.
      response.writeHead(204).end();
      return;
    }
    const paymentId = PAYMENT_PATH.exec(url.pathname)?.[1];
    if (request.method === 'GET' && paymentId !== undefined) {
      passOn(response, await connect.getPayment(paymentId));
      return;
    }
    sendJson(response, 404, { error: { code: 'NOT_FOUND', message: 'no such page' } });
  };
  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, { error: { code: 'MERCHANT_ERROR', message: 'unexpected error' } });
    });
  };

  const host = options.host ?? DEFAULT_HOST;
  const main = await listen(createServer(onRequest), port, host);
  port = main.port;
  // `localhost` may resolve to ::1 first; listening there too keeps both loopback names working.
  const ipv6 = await listen(createServer(onRequest), port, '::1').catch(() => undefined);
  return {
    url: `http://${host}:${port}`,
    localhostUrl: `http://localhost:${port}`,
    port,
    close: async () => {
      await Promise.all([main.close(), ipv6?.close()]);
    },
  };
}

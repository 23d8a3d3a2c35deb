import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs, parseDuration } from '../../src/simulator/cli-args.ts';
import { merchantConnectConfig } from '../../src/simulator/merchant/config.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('command line', () => {
  it('reads ports, flow, session lifetime and payment id form', () => {
    expect(parseCliArgs([])).toMatchObject({
      ok: true,
      value: { port: 4010, host: '127.0.0.1', flow: 'manual', sessionTtlMs: undefined, paymentIdForm: 'digits', merchantPort: 4020 },
    });
    expect(parseCliArgs(['--port', '0', '--flow', 'auto', '--session-ttl', '30s', '--payment-ids', 'by-product', '--no-merchant'])).toMatchObject({
      ok: true,
      value: { port: 0, host: '127.0.0.1', flow: 'auto', sessionTtlMs: 30_000, paymentIdForm: 'by-product', merchantPort: undefined },
    });
    expect(parseCliArgs(['--payment-ids', 'uuid'])).toEqual({ ok: false, reason: '--payment-ids is digits, attempt, by-product, not uuid' });
    expect(parseCliArgs(['--flow', 'sideways']).ok).toBe(false);
    expect(parseCliArgs(['--port', '70000']).ok).toBe(false);
    expect(parseCliArgs(['--colour']).ok).toBe(false);
  });

  it.each([
    ['1500ms', 1500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['45', 45_000],
  ])('reads the duration %s', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: ms });
  });

  it('starts the simulator and the merchant, prints the URL, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [`${root}node_modules/tsx/dist/cli.mjs`, 'src/simulator/cli.ts', '--port', '0', '--merchant-port', '0'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => {
          const match = /Connect simulator listening on (http:\/\/127\.0\.0\.1:\d+)\n[\s\S]*Demo merchant checkout: (http\S+)\//.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        child.on('exit', () => reject(new Error(`exited early: ${output}`)));
      });
      const info = (await (await fetch(`${url}/control/info`)).json()) as { product: string };
      expect(info.product).toBe('connect-simulator');
      expect(output).not.toMatch(/sim-secret/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});

describe('merchant configuration', () => {
  it('defaults to the simulator and its credentials', () => {
    expect(merchantConnectConfig({}, 'http://127.0.0.1:4010')).toEqual({
      host: '127.0.0.1',
      scheme: 'http',
      port: 4010,
      merchantId: '1234',
      apiKeyId: 'sim-key',
      secretApiKey: 'sim-secret',
      integrator: 'Connect DevTools demo checkout',
    });
  });

  it('takes a real sandbox from the environment', () => {
    const config = merchantConnectConfig(
      {
        CONNECT_API_ENDPOINT: 'https://eu.sandbox.api-ingenico.com',
        CONNECT_MERCHANT_ID: '9991',
        CONNECT_API_KEY_ID: 'key',
        CONNECT_SECRET_API_KEY: 'secret',
      },
      'http://127.0.0.1:4010',
    );
    expect(config).toMatchObject({ host: 'eu.sandbox.api-ingenico.com', scheme: 'https', port: 443, merchantId: '9991', apiKeyId: 'key', secretApiKey: 'secret' });
  });
});

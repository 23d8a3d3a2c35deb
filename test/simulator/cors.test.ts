import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/simulator/cli-args.ts';
import { admitsOrigin } from '../../src/simulator/cors.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { clientApi, createPayment, createSession, type SessionDetails } from './helpers.ts';

const MERCHANT_PAGE = 'http://127.0.0.1:4020';
const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

let strict: Simulator;
let open: Simulator;
beforeAll(async () => {
  [strict, open] = await Promise.all([startSimulator({ port: 0, corsOrigins: 'merchant' }), startSimulator({ port: 0 })]);
});
afterAll(() => Promise.all([strict.close(), open.close()]));

function preflight(session: SessionDetails, origin: string, path = 'products') {
  return fetch(`${session.clientApiUrl}/v1/${session.customerId}/${path}`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'authorization,x-gcs-clientmetainfo',
    },
  });
}

async function thirdPartyStatus(simulator: Simulator, origin: string) {
  const session = await createSession(simulator);
  const paymentId = await createPayment(simulator, 3012);
  return clientApi(session, `payments/${paymentId}/thirdpartystatus`, { headers: { Origin: origin } });
}

describe('the Client API answering CORS only for merchant pages (--cors merchant)', () => {
  it('answers the preflight of a merchant page with that page origin, and refuses an extension', async () => {
    const session = await createSession(strict);
    const allowed = await preflight(session, MERCHANT_PAGE);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(MERCHANT_PAGE);
    expect(allowed.headers.get('vary')).toBe('Origin');
    expect((allowed.headers.get('access-control-allow-headers') ?? '').toLowerCase()).toContain('authorization');

    const refused = await preflight(session, EXTENSION);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('names the merchant page in a GET answer, and answers an extension without any CORS header', async () => {
    const allowed = await thirdPartyStatus(strict, MERCHANT_PAGE);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(MERCHANT_PAGE);
    expect(await allowed.json()).toEqual({ thirdPartyStatus: 'WAITING' });

    // Answered all the same: the browser, not the server, keeps the answer from the extension.
    const refused = await thirdPartyStatus(strict, EXTENSION);
    expect(refused.status).toBe(200);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.headers.get('access-control-expose-headers')).toBeNull();
  });

  it('keeps the origin rule on injected faults, and still exposes Retry-After to a merchant page', async () => {
    const session = await createSession(strict);
    const paymentId = await createPayment(strict, 3012);
    strict.control.addFault({ kind: 'http-429', paymentId, times: 2 });
    const path = `payments/${paymentId}/thirdpartystatus`;
    const allowed = await clientApi(session, path, { headers: { Origin: MERCHANT_PAGE } });
    expect(allowed.status).toBe(429);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(MERCHANT_PAGE);
    expect(allowed.headers.get('access-control-expose-headers')).toBe('Retry-After');
    const refused = await clientApi(session, path, { headers: { Origin: EXTENSION } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("leaves the simulator's own control API open to the extension's demo controls", async () => {
    const response = await fetch(`${strict.url}/control/info`, {
      method: 'OPTIONS',
      headers: { Origin: EXTENSION, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('the default: CORS for any origin', () => {
  it('answers an extension as it answers a merchant page', async () => {
    const session = await createSession(open);
    for (const origin of [MERCHANT_PAGE, EXTENSION]) {
      expect((await preflight(session, origin)).headers.get('access-control-allow-origin')).toBe('*');
      expect((await thirdPartyStatus(open, origin)).headers.get('access-control-allow-origin')).toBe('*');
    }
  });
});

describe('which origins are merchant pages', () => {
  it.each([
    ['http://127.0.0.1:4020', true],
    ['https://www.shop.example', true],
    ['http://localhost:4020', true],
    [EXTENSION, false],
    ['moz-extension://0b7e3a9c-1111-2222-3333-444455556666', false],
    ['null', false],
    ['file://', false],
    ['https://www.shop.example/checkout', false],
  ])('%s: %s', (origin, admitted) => {
    expect(admitsOrigin('merchant', origin)).toBe(admitted);
    expect(admitsOrigin('any', origin)).toBe(true);
  });

  it('refuses a request without Origin in merchant mode, since no page made it', () => {
    expect(admitsOrigin('merchant', undefined)).toBe(false);
  });
});

describe('--cors', () => {
  it('defaults to any, takes merchant, and refuses anything else', () => {
    const parsed = parseCliArgs([]);
    expect(parsed.ok && parsed.value.corsOrigins).toBe('any');
    const merchant = parseCliArgs(['--cors', 'merchant']);
    expect(merchant.ok && merchant.value.corsOrigins).toBe('merchant');
    const wrong = parseCliArgs(['--cors', 'extension']);
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.reason).toBe('--cors is any or merchant, not extension');
  });
});

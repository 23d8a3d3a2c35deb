import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/simulator/control-page.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { createPayment, createSession } from './helpers.ts';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual' as const,
});

describe('phone page', () => {
  it('escapes what it renders', async () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
    const paymentId = await createPayment(simulator, 863);
    simulator.control.addFault({ kind: 'unknown-status', paymentId, value: '<script>alert(1)</script>' });
    const page = await fetch(`${simulator.url}/control/?payment=${encodeURIComponent('"><b>x</b>')}`);
    const html = await page.text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<b>x</b>');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");

    const all = await (await fetch(`${simulator.url}/control/`)).text();
    expect(all).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(all).toContain(`data-payment-id="${paymentId}"`);
    simulator.control.clearFaults();
  });

  it('moves a payment on from a plain HTML form and comes back to the same view', async () => {
    const paymentId = await createPayment(simulator, 3012);
    const back = `/phone?payment=${paymentId}`;
    const page = await (await fetch(`${simulator.url}${back}`)).text();
    expect(page).toContain(`action="/control/payments/${paymentId}/scan"`);
    expect(page).not.toContain(`action="/control/payments/${paymentId}/confirm"`);

    const response = await fetch(`${simulator.url}/control/payments/${paymentId}/scan`, form({ return: back }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(back);
    expect(simulator.control.getPayment(paymentId)?.thirdPartyStatus).toBe('INITIALIZED');

    const elsewhere = await fetch(`${simulator.url}/control/payments/${paymentId}/abandon`, form({ return: '//evil.example/' }));
    expect(elsewhere.headers.get('location')).toBe('/control/');
    expect(simulator.control.getPayment(paymentId)?.abandoned).toBe(true);
  });

  it('injects and clears faults and expires sessions from forms', async () => {
    const session = await createSession(simulator);
    await fetch(`${simulator.url}/control/faults`, form({ kind: 'http-429', clientSessionId: session.clientSessionId, times: '' }));
    expect(simulator.control.listFaults()).toEqual([
      expect.objectContaining({ kind: 'http-429', clientSessionId: session.clientSessionId, remaining: null }),
    ]);
    const live = await (await fetch(`${simulator.url}/control/?fragment=1`)).text();
    expect(live).toContain('http-429 on session');
    expect(live).not.toContain('<html');

    await fetch(`${simulator.url}/control/faults/clear`, form({ clientSessionId: session.clientSessionId }));
    expect(simulator.control.listFaults()).toEqual([]);
    await fetch(`${simulator.url}/control/sessions/${session.clientSessionId}/expire`, form({}));
    expect(simulator.control.listSessions().find((entry) => entry.clientSessionId === session.clientSessionId)?.expired).toBe(true);
  });

  it('lets the extension call the control API from its own origin', async () => {
    const preflight = await fetch(`${simulator.url}/control/faults`, {
      method: 'OPTIONS',
      headers: { Origin: 'chrome-extension://abc', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('DELETE');
    const info = await fetch(`${simulator.url}/control/info`, { headers: { Origin: 'chrome-extension://abc' } });
    expect(info.headers.get('access-control-allow-origin')).toBe('*');
  });
});

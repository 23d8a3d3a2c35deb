/**
 * The built-in simulator's control API, for demo mode: the customer's steps and fault injection
 * beside the timeline. Only ever called on an origin the user approved for polling. Asking whether
 * an origin is the simulator is in simulator-probe.ts: it checks the answer with zod.
 */
export type { SimulatorInfo } from './simulator-probe.ts';

export const CUSTOMER_STEPS = ['scan', 'authenticate', 'confirm', 'abandon'] as const;
export type CustomerStep = (typeof CUSTOMER_STEPS)[number];

export async function call(url: string, init?: RequestInit): Promise<{ ok: boolean; body: unknown }> {
  const response = await fetch(url, { credentials: 'omit', cache: 'no-store', redirect: 'error', ...init });
  return { ok: response.ok, body: await response.json().catch(() => null) };
}

function errorText(body: unknown, fallback: string): string {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? message.slice(0, 300) : fallback;
}

export async function sendCustomerStep(origin: string, paymentId: string, step: CustomerStep): Promise<string | null> {
  const { ok, body } = await call(`${origin}/control/payments/${encodeURIComponent(paymentId)}/${step}`, { method: 'POST' });
  return ok ? null : errorText(body, `The simulator refused "${step}".`);
}

export async function injectFault(origin: string, paymentId: string, kind: string, times?: number): Promise<string | null> {
  const { ok, body } = await call(`${origin}/control/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind, paymentId, ...(times ? { times } : {}) }),
  });
  return ok ? null : errorText(body, `The simulator refused the fault "${kind}".`);
}

export async function clearFaults(origin: string, paymentId: string): Promise<string | null> {
  const { ok, body } = await call(`${origin}/control/faults?paymentId=${encodeURIComponent(paymentId)}`, { method: 'DELETE' });
  return ok ? null : errorText(body, 'The simulator did not clear the faults.');
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Result } from '../core/result.ts';
import type { Control } from './control.ts';
import { corsHeaders } from './cors.ts';
import { parseJson, readBody, send, sendJson } from './http-io.ts';
import { CUSTOMER_STEPS, type CustomerStep } from './payments.ts';

const requestFilterSchema = z.object({
  paymentId: z.string().optional(),
  clientSessionId: z.string().optional(),
  api: z.enum(['client', 'server']).optional(),
});
const faultFilterSchema = requestFilterSchema.omit({ api: true }).extend({ id: z.string().optional() });

type Answer = { status: number; body: unknown };

const answer = (status: number, body: unknown): Answer => ({ status, body });
const problem = (status: number, code: string, message: string): Answer =>
  answer(status, { error: { code, message } });

function fromResult<T>(result: Result<T>, key: string, conflictStatus = 409): Answer {
  return result.ok ? answer(200, { [key]: result.value }) : problem(conflictStatus, 'REJECTED', result.reason);
}

/** Form posts come from the phone page, which works without JavaScript; they name no empty fields. */
function formFields(text: string): Record<string, string> {
  return Object.fromEntries([...new URLSearchParams(text)].filter(([, value]) => value !== ''));
}

function route(control: Control, method: string, segments: string[], query: URLSearchParams, body: unknown): Answer {
  const queryObject = Object.fromEntries(query);
  const [first, id, action, ...rest] = segments;
  if (rest.length > 0) return problem(404, 'NOT_FOUND', 'no such control route');
  const idPart = id === undefined ? '' : id === 'clear' ? '/clear' : '/:id';
  const key = `${method} ${first ?? ''}${idPart}${action === undefined ? '' : `/${action}`}`;

  switch (key) {
    case 'GET info':
      return answer(200, control.info());
    case 'GET sessions':
      return answer(200, { sessions: control.listSessions() });
    case 'POST sessions/:id/expire':
      return fromResult(control.expireSession(id ?? ''), 'session', 404);
    case 'GET payments':
      return answer(200, { payments: control.listPayments() });
    case 'GET payments/:id': {
      const payment = control.getPayment(id ?? '');
      return payment ? answer(200, { payment }) : problem(404, 'UNKNOWN_PAYMENT', 'no such payment');
    }
    case 'GET faults':
      return answer(200, { faults: control.listFaults() });
    case 'POST faults': {
      const added = control.addFault(body);
      return added.ok ? answer(201, { fault: added.value }) : problem(400, 'INVALID_FAULT', added.reason);
    }
    case 'DELETE faults':
    case 'POST faults/clear': {
      // HTML forms cannot send DELETE, so the phone page clears with a POST.
      const filter = faultFilterSchema.safeParse(method === 'DELETE' ? queryObject : body);
      if (!filter.success) return problem(400, 'INVALID_FILTER', 'unreadable filter');
      return answer(200, { cleared: control.clearFaults(filter.data) });
    }
    case 'DELETE faults/:id':
      return answer(200, { cleared: control.clearFaults({ id: id ?? '' }) });
    case 'GET requests': {
      const filter = requestFilterSchema.safeParse(queryObject);
      if (!filter.success) return problem(400, 'INVALID_FILTER', 'unreadable filter');
      return answer(200, { requests: control.requests(filter.data) });
    }
    case 'DELETE requests':
      control.clearRequests();
      return answer(200, { cleared: true });
    default:
      break;
  }
  if (key.startsWith('POST payments/:id/')) {
    if (!(CUSTOMER_STEPS as readonly string[]).includes(action ?? '')) {
      return problem(404, 'UNKNOWN_STEP', `steps are ${CUSTOMER_STEPS.join(', ')}`);
    }
    if (!control.getPayment(id ?? '')) return problem(404, 'UNKNOWN_PAYMENT', 'no such payment');
    return fromResult(control.step(id ?? '', action as CustomerStep), 'payment');
  }
  return problem(404, 'NOT_FOUND', 'no such control route');
}

/** Only the phone page's own addresses, so a form post cannot be used to bounce a browser elsewhere. */
function safeReturnPath(value: string | undefined): string {
  return value !== undefined && /^\/(control\/|phone)[^\\]*$/.test(value) && !value.startsWith('//')
    ? value
    : '/control/';
}

/** `/control/…` as JSON, open to every origin so the extension's panel can drive it. */
export async function serveControlApi(
  control: Control,
  incoming: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const text = await readBody(incoming);
  const isForm = (incoming.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  const raw = text.ok ? text.value : '';
  const segments = url.pathname.split('/').slice(2).filter((segment) => segment !== '').map(decodeURIComponent);
  const method = incoming.method ?? 'GET';

  if (isForm) {
    const { return: back, ...fields } = formFields(raw);
    route(control, method, segments, url.searchParams, fields);
    send(response, { status: 303, headers: { Location: safeReturnPath(back) }, contentType: 'text/plain', body: 'See Other' });
    return;
  }
  const json = parseJson(raw);
  const result = json.ok
    ? route(control, method, segments, url.searchParams, json.value)
    : problem(400, 'INVALID_JSON', 'the body is not JSON');
  sendJson(response, result.status, result.body, corsHeaders());
}

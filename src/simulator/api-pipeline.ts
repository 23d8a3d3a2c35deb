import type { IncomingMessage, ServerResponse } from 'node:http';
import { paymentIdInPath, type ApiRequest } from './api-request.ts';
import { claimedClientSessionId } from './client-api.ts';
import type { SimulatorContext } from './context.ts';
import { corsHeaders, withClientApiCors } from './cors.ts';
import { DEFAULT_RETRY_AFTER_SECONDS, DEFAULT_UNKNOWN_STATUS } from './defaults.ts';
import { PLATFORM_ERRORS, platformError, type ErrorSpec } from './errors.ts';
import type { Fault } from './faults.ts';
import { readBody, send, type RawReply } from './http-io.ts';
import { reply, type ApiReply } from './reply.ts';

type Api = 'client' | 'server';
type Handler = (context: SimulatorContext, request: ApiRequest) => ApiReply;

const STATUS_ERRORS: Record<number, ErrorSpec> = {
  500: PLATFORM_ERRORS.serverError,
  502: PLATFORM_ERRORS.badGateway,
  503: PLATFORM_ERRORS.serviceUnavailable,
};

function htmlErrorPage(status: number): string {
  return [
    '<!DOCTYPE html>',
    `<html><head><title>${status} Error</title></head>`,
    `<body><h1>${status} Error</h1><p>The server encountered a temporary error and could not complete your request.</p></body></html>`,
  ].join('\n');
}

function asRaw(api: Api, answer: ApiReply, bodyText?: string): RawReply {
  const headers = answer.headers ?? {};
  return {
    status: answer.status,
    headers: api === 'client' ? { ...headers, ...corsHeaders(headers) } : headers,
    contentType: answer.html ? 'text/html' : 'application/json',
    body: bodyText ?? (answer.html ? String(answer.body) : JSON.stringify(answer.body)),
  };
}

/** What a fault makes of one request; undefined when nothing is to be sent at all. */
function faultedReply(
  api: Api,
  fault: Fault,
  normal: () => ApiReply,
  requestId: string,
): RawReply | undefined {
  switch (fault.kind) {
    case 'drop-connection':
    case 'hang':
    case 'latency':
      return undefined;
    case 'http-500':
    case 'http-502':
    case 'http-503': {
      const spec = STATUS_ERRORS[Number(fault.kind.slice(5))] ?? PLATFORM_ERRORS.serverError;
      return asRaw(api, platformError(spec, { requestId }));
    }
    case 'http-429': {
      const retryAfter = String(fault.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS);
      return asRaw(api, platformError(PLATFORM_ERRORS.tooManyRequests, { requestId }, { 'Retry-After': retryAfter }));
    }
    case 'expire-session':
      return asRaw(api, platformError(PLATFORM_ERRORS.sessionExpired, { requestId }));
    case 'unknown-status':
      return asRaw(api, reply(200, { thirdPartyStatus: fault.value ?? DEFAULT_UNKNOWN_STATUS }));
    case 'malformed-json': {
      // The real answer, cut off halfway: valid headers, a body no JSON parser accepts.
      const answer = normal();
      const text = JSON.stringify(answer.body);
      return asRaw(api, answer, text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    }
    case 'html-error': {
      const status = fault.status ?? 500;
      const headers = api === 'client' ? corsHeaders() : {};
      return { status, headers, contentType: 'text/html; charset=utf-8', body: htmlErrorPage(status) };
    }
  }
}

/**
 * One Client or Server API request from arrival to answer: logged, matched against the faults,
 * delayed, then answered by the handler or by the fault.
 */
export async function serveApi(
  context: SimulatorContext,
  api: Api,
  handler: Handler,
  incoming: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const rawPath = incoming.url ?? '/';
  const url = new URL(rawPath, context.baseUrl());
  const paymentId = paymentIdInPath(url.pathname);
  const clientSessionId =
    api === 'client'
      ? claimedClientSessionId(incoming.headers.authorization)
      : (paymentId && context.payments.get(paymentId)?.clientSessionId) || undefined;

  const entry = context.requestLog.start({
    api,
    method: incoming.method ?? 'GET',
    path: rawPath,
    clientSessionId: clientSessionId ?? null,
    paymentId: paymentId ?? null,
  });
  response.on('close', () => context.requestLog.end(entry, response.writableFinished ? response.statusCode : null));

  const plan = context.faults.take({
    api,
    clientSessionId,
    paymentId,
    isThirdPartyStatus: url.pathname.endsWith('/thirdpartystatus'),
  });
  if (plan.latencyMs > 0) entry.faults.push('latency');
  if (plan.fault) entry.faults.push(plan.fault.kind);

  const body = await readBody(incoming);
  if (plan.latencyMs > 0) await context.timers.sleep(plan.latencyMs);

  const restrictCors = (raw: RawReply): RawReply =>
    api === 'client' ? { ...raw, headers: withClientApiCors(context.corsOrigins, incoming.headers.origin, raw.headers) } : raw;
  const request: ApiRequest = {
    method: incoming.method ?? 'GET',
    rawPath,
    url,
    headers: incoming.headers,
    body: body.ok ? body.value : '',
  };
  const normal = () =>
    body.ok ? handler(context, request) : platformError(PLATFORM_ERRORS.invalidRequest, { message: body.reason });
  if (!plan.fault) {
    send(response, restrictCors(asRaw(api, normal())));
    return;
  }
  if (plan.fault.kind === 'drop-connection') {
    incoming.socket.destroy();
    return;
  }
  const answer = faultedReply(api, plan.fault, normal, context.nextRequestId());
  if (answer) send(response, restrictCors(answer));
  // A hanging request keeps its socket until the client gives up or the simulator closes.
}

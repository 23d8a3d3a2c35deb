import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { serveApi } from './api-pipeline.ts';
import { handleClientApi } from './client-api.ts';
import type { SimulatorContext } from './context.ts';
import type { Control } from './control.ts';
import { serveControlApi } from './control-api.ts';
import { CONTROL_PAGE_CSP, renderControlPage, renderLive } from './control-page.ts';
import { corsHeaders, preflight } from './cors.ts';
import { frontEndError } from './errors.ts';
import { send, sendJson } from './http-io.ts';
import { logoPng } from './qr-image.ts';
import { handleServerApi } from './server-api.ts';

function servePhonePage(control: Control, response: ServerResponse, url: URL): void {
  const fragment = url.searchParams.get('fragment') === '1';
  url.searchParams.delete('fragment');
  const focus = url.searchParams.get('payment') ?? undefined;
  const html = fragment ? renderLive(control, focus, `${url.pathname}${url.search}`) : renderControlPage(control, url);
  send(response, {
    status: 200,
    headers: { 'Content-Security-Policy': CONTROL_PAGE_CSP, 'X-Content-Type-Options': 'nosniff' },
    contentType: 'text/html; charset=utf-8',
    body: html,
  });
}

async function dispatch(context: SimulatorContext, control: Control, request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', context.baseUrl());
  const path = url.pathname;
  if (request.method === 'OPTIONS') {
    send(response, { ...preflight(context.corsOrigins, path, request.headers.origin), contentType: 'text/plain', body: '' });
    return;
  }
  if (path.startsWith('/client/v1/')) return serveApi(context, 'client', handleClientApi, request, response);
  if (path.startsWith('/v1/')) return serveApi(context, 'server', handleServerApi, request, response);
  if (path === '/control' || path === '/control/' || path === '/phone') return servePhonePage(control, response, url);
  if (path.startsWith('/control/')) return serveControlApi(control, request, response, url);
  if (path.startsWith('/assets/') && request.method === 'GET') {
    send(response, { status: 200, contentType: 'image/png', body: logoPng(path) });
    return;
  }
  if (path === '/') {
    send(response, { status: 302, headers: { Location: '/control/' }, contentType: 'text/plain', body: '' });
    return;
  }
  // Anything else is unknown to the platform's front end too: its HTML 404.
  const notFound = frontEndError(404);
  send(response, {
    status: notFound.status,
    headers: path.startsWith('/client/') ? corsHeaders() : {},
    contentType: 'text/html',
    body: String(notFound.body),
  });
}

export function createSimulatorServer(context: SimulatorContext, control: Control): Server {
  return createServer((request, response) => {
    dispatch(context, control, request, response).catch((error: unknown) => {
      // A bug must show up as a 500, never as a crashed demo.
      console.error('connect simulator: request failed:', error instanceof Error ? error.message : error);
      if (!response.headersSent) sendJson(response, 500, { error: { code: 'SIMULATOR_BUG', message: 'see the simulator output' } });
      else response.destroy();
    });
  });
}

import { thirdPartyStatusUrl } from '../connect/client-api-url.ts';
import { isSessionExpired, errorResponseSchema } from '../connect/error-response.ts';
import { parseJsonText } from '../connect/json-text.ts';
import { isKnownStatus, thirdPartyStatusResponseSchema } from '../connect/third-party-status.ts';
import {
  MAX_BODY_CHARS,
  type BodyKind,
  type HeaderMap,
  type PlatformError,
  type PollOutcome,
  type PollRequest,
  type PollResponse,
  type PollTarget,
} from '../timeline/poll-record.ts';
import { parseRetryAfter } from './retry-after.ts';

/** What this tool says about itself in `X-GCS-ClientMetaInfo`, so its polls are never mistaken for the page's. */
export type ToolMetaInfo = {
  /** This extension's version, e.g. `0.1.0`. */
  toolVersion: string;
  /** The browser's user agent, as the JS SDK sends it. */
  platformIdentifier: string;
  /** `<width>x<height>`, when known. */
  screenSize?: string;
};

export const TOOL_SDK_NAME = 'ConnectDevTools';
export const TOOL_CREATOR = 'Connect DevTools';

/** The JS SDK's `btoa(JSON.stringify(metadata))`, but over UTF-8 so a non-Latin-1 user agent cannot throw. */
export function encodeClientMetaInfo(meta: ToolMetaInfo): string {
  const json = JSON.stringify({
    sdkIdentifier: `${TOOL_SDK_NAME}/v${meta.toolVersion}`,
    sdkCreator: TOOL_CREATOR,
    platformIdentifier: meta.platformIdentifier,
    ...(meta.screenSize ? { screenSize: meta.screenSize } : {}),
  });
  let binary = '';
  for (const byte of new TextEncoder().encode(json)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * `GET {clientApiUrl}/v1/{customerId}/payments/{paymentId}/thirdpartystatus` with the headers the JS
 * SDK (v6 `C2SCommunicator`, `Net.ts`) sends on every call.
 */
export function buildPollRequest(target: PollTarget, meta: ToolMetaInfo): PollRequest {
  return {
    method: 'GET',
    url: thirdPartyStatusUrl(target.clientApiUrl, target.customerId, target.paymentId),
    headers: {
      Accept: 'text/javascript, application/json, text/html, application/xml, text/xml, */*',
      'Content-Type': 'application/json',
      Authorization: `GCS v1Client:${target.clientSessionId}`,
      'X-GCS-ClientMetaInfo': encodeClientMetaInfo(meta),
    },
  };
}

/** What the fetch port answers: headers as a plain record, the body already read as text. */
export type RawResponse = { status: number; headers: Record<string, string>; bodyText: string };

/** Response headers worth keeping in a record; the rest say nothing about the status. */
const KEPT_RESPONSE_HEADERS = ['content-type', 'content-length', 'retry-after', 'date'];

/** The response as a record keeps it: a few headers, the body capped. */
export function toPollResponse(raw: RawResponse): PollResponse {
  const lower = lowerCaseHeaders(raw.headers);
  const headers: HeaderMap = {};
  for (const name of KEPT_RESPONSE_HEADERS) {
    const value = lower[name];
    if (value !== undefined) headers[name] = value.slice(0, 8192);
  }
  const truncated = raw.bodyText.length > MAX_BODY_CHARS;
  return {
    status: raw.status,
    headers,
    bodyText: truncated ? raw.bodyText.slice(0, MAX_BODY_CHARS) : raw.bodyText,
    ...(truncated ? { bodyTruncated: true } : {}),
  };
}

function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  return lower;
}

type ReadBody = { kind: BodyKind; json?: unknown; description: string };

/**
 * Looks at a body without trusting it: never parsed as HTML, and not parsed at all past the cap
 * (no status answer is that long), so a huge error page costs nothing.
 */
function readBody(bodyText: string, contentType: string): ReadBody {
  const trimmed = bodyText.trimStart();
  if (trimmed === '') return { kind: 'empty', description: 'empty body' };
  const looksHtml = /html/i.test(contentType) || /^<(!doctype\s+html|html|head|body)\b/i.test(trimmed);
  if (looksHtml) return { kind: 'html', description: 'HTML page' };
  const json = parseJsonText(bodyText, MAX_BODY_CHARS);
  if (json.ok) return { kind: 'json', json: json.value, description: 'JSON' };
  if (bodyText.length > MAX_BODY_CHARS) {
    return { kind: 'text', description: `body too large to be a status answer (${bodyText.length} characters)` };
  }
  const looksJson = /json/i.test(contentType) || /^[[{"]/.test(trimmed);
  return { kind: 'text', description: looksJson ? 'invalid JSON' : 'plain text' };
}

function toPlatformError(json: unknown): PlatformError | undefined {
  const parsed = errorResponseSchema.safeParse(json);
  if (!parsed.success) return undefined;
  return {
    errorId: parsed.data.errorId.slice(0, 256),
    errors: parsed.data.errors.slice(0, 16).map((e) => ({
      code: e.code.slice(0, 64),
      ...(e.id === undefined ? {} : { id: e.id.slice(0, 256) }),
      ...(e.category === undefined ? {} : { category: e.category.slice(0, 64) }),
      ...(e.message === undefined ? {} : { message: e.message.slice(0, 1024) }),
    })),
  };
}

/**
 * Sorts one answer into what it means for the poll. Never throws: an unknown value, a non-JSON
 * body or an HTML error page each get their own kind. `now` (epoch ms) dates a Retry-After given
 * as an HTTP date.
 */
export function classifyPollResponse(raw: RawResponse, now: number): PollOutcome {
  const headers = lowerCaseHeaders(raw.headers);
  const body = readBody(raw.bodyText, headers['content-type'] ?? '');
  const error = body.kind === 'json' ? toPlatformError(body.json) : undefined;
  const errorAnswer = { ...(error ? { error } : {}), body: body.kind };
  const { status } = raw;

  if (status >= 200 && status < 300) {
    if (body.kind !== 'json') return { kind: 'malformed', body: body.kind, description: body.description };
    const parsed = thirdPartyStatusResponseSchema.safeParse(body.json);
    if (!parsed.success) {
      return { kind: 'malformed', body: 'json', description: 'JSON without thirdPartyStatus' };
    }
    const value = parsed.data.thirdPartyStatus;
    return isKnownStatus(value) ? { kind: 'status', status: value } : { kind: 'unknown-status', value: value.slice(0, 256) };
  }
  if (status === 403 && error && isSessionExpired(status, body.json)) return { kind: 'session-expired', error };
  if (status === 404) return { kind: 'not-found', ...errorAnswer };
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers['retry-after'], now);
    return { kind: 'rate-limited', ...(retryAfterMs === undefined ? {} : { retryAfterMs }), ...errorAnswer };
  }
  if (status >= 500 && status < 600) return { kind: 'server-error', ...errorAnswer };
  if (status >= 400 && status < 500) return { kind: 'client-error', ...errorAnswer };
  return { kind: 'malformed', body: body.kind, description: `unexpected HTTP status ${status}` };
}

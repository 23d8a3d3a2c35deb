import { isSessionExpired, errorResponseSchema } from '../connect/error-response.ts';
import { parseJsonText } from '../connect/json-text.ts';
import { isKnownStatus } from '../connect/third-party-status.ts';
import { thirdPartyStatusResponseSchema } from '../connect/third-party-status-schema.ts';
import { MAX_BODY_CHARS, type BodyKind, type PlatformError, type PollOutcome } from '../timeline/poll-record.ts';
import { lowerCaseHeaders, type RawResponse } from './poll-exchange.ts';
import { parseRetryAfter } from './retry-after.ts';

/**
 * A poll's answer sorted into what it means, checked with zod (the Client API's answers come from
 * outside). What a poll sends and keeps is in poll-exchange.ts, re-exported here.
 */
export {
  buildPollRequest,
  encodeClientMetaInfo,
  toPollResponse,
  TOOL_CREATOR,
  TOOL_SDK_NAME,
  type RawResponse,
  type ToolMetaInfo,
} from './poll-exchange.ts';

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

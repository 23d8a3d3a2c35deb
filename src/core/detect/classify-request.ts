import { fail, ok, type Result } from '../result.ts';
import { parseClientAuthorization } from '../connect/authorization.ts';
import { parseClientApiRequestUrl } from '../connect/client-api-url.ts';
import { rememberRecent } from '../remember-recent.ts';
import { errorCodesOf } from '../connect/error-response.ts';
import { parseJsonText } from '../connect/json-text.ts';
import { decodeMetaInfo, toSdkIdentity } from '../connect/meta-info.ts';
import { thirdPartyStatusResponseSchema } from '../connect/third-party-status-schema.ts';
import { headerValue, responseText, type HarEntry } from './har-entry.ts';
import type { ClientApiCall, SdkIdentity } from './observation.ts';
import { isElementLoad } from './element-load.ts';

/** Client API answers are small (a product list is the largest); bodies past this are not read. */
const BODY_MAX_LENGTH = 256 * 1024;
/** The observation limit on URLs; a Client API URL is a few hundred characters. */
const MAX_URL_LENGTH = 4096;

/**
 * Whether a URL may be read as a Client API call's: false only when no `client/{v1|v2}/` path can
 * come out of it, so that neither `explainRequest` nor any rule on a call's URL can take it for one.
 * The URL parser neither decodes percent-escapes in a path nor changes its case, and a URL with a tab
 * or newline (which the parser would drop, and no browser sends) is never read as a call's: without
 * `client` in it, no URL is a call's. One search: most of a busy page's entries are decided on it.
 */
export function mayBeClientApiUrl(url: string): boolean {
  return url.includes('client');
}

/**
 * A page's SDK sends the same `X-GCS-ClientMetaInfo` on every call, and decoding it (base64, UTF-8,
 * JSON, schema) costs more than all the rest of a call's classification; a page polls the same
 * status URL, and reading it takes the URL parser. The last few of each are kept. A longer header
 * than any real one (a user agent and four short fields) is decoded every time rather than kept.
 */
const recentSdkIdentity = rememberRecent(8, 2048, (header): SdkIdentity | undefined => {
  const meta = decodeMetaInfo(header);
  // Frozen: every call with this header gets this one object.
  return meta.ok ? Object.freeze(toSdkIdentity(meta.value)) : undefined;
});
const sdkIdentityOf = (header: string | undefined) => (header === undefined ? undefined : recentSdkIdentity(header));
export const parseRecentClientApiUrl = rememberRecent(8, MAX_URL_LENGTH, parseClientApiRequestUrl);

/**
 * A Client API call, or the reason an entry is not one (for a debug view). A call needs both the
 * path shape `/client/{v1|v2}/{customerId}/…` and `Authorization: GCS v1Client:…`: either alone is
 * not enough. A CORS preflight never carries the header and is left out by its method.
 * The meta-info header only adds the SDK identity; a broken one never makes the call fail.
 */
export function explainRequest(entry: HarEntry, source: ClientApiCall['source'] = 'network'): Result<ClientApiCall> {
  const { request, response } = entry;
  if (isElementLoad(entry)) return fail(`loaded by the browser as ${String((entry as { _resourceType?: unknown })._resourceType)}: no script sends it`);
  const method = request.method.toUpperCase();
  if (method === 'OPTIONS') return fail('a CORS preflight (OPTIONS): it carries no Authorization');
  if (request.url.length > MAX_URL_LENGTH) return fail(`a URL longer than ${MAX_URL_LENGTH} characters`);
  const authorization = headerValue(request.headers, 'authorization');
  const url = parseRecentClientApiUrl(request.url);
  if (!url) {
    return fail(
      parseClientAuthorization(authorization).ok
        ? 'GCS v1Client Authorization, but the path is not /client/{v1|v2}/{customerId}/…'
        : 'not a Client API path',
    );
  }
  const clientSessionId = parseClientAuthorization(authorization);
  if (!clientSessionId.ok) return fail(`a Client API path, but ${clientSessionId.reason}`);

  const sdk = sdkIdentityOf(headerValue(request.headers, 'x-gcs-clientmetainfo'));
  const status = Number.isInteger(response.status) && response.status > 0 ? response.status : 0;
  const call: ClientApiCall = {
    kind: 'client-api-call',
    at: Date.parse(entry.startedDateTime),
    source,
    url: request.url,
    method,
    status,
    durationMs: Math.max(0, entry.time),
    clientSessionId: clientSessionId.value,
    customerId: url.customerId,
    clientApiUrl: url.clientApiUrl,
    path: url.path,
    ...(sdk !== undefined ? { sdk } : {}),
    ...(url.paymentId !== undefined ? { paymentId: url.paymentId } : {}),
    ...answerFacts(entry, status, url.paymentId !== undefined),
  };
  // Valid by construction: every part was checked on the way (the URL's length, the identifiers,
  // the SDK identity, the answer's facts). A property test holds every call to `clientApiCallSchema`;
  // checking each one here again was a third of a call's cost, and the worker checks them all anyway.
  return ok(call);
}

export function classifyRequest(entry: HarEntry, source: ClientApiCall['source'] = 'network'): ClientApiCall | null {
  const call = explainRequest(entry, source);
  return call.ok ? call.value : null;
}

/** A polling page gets the same few status answers again and again: the status of each of the last few texts is kept. */
const recentThirdPartyStatus = rememberRecent(8, 256, (text): string | undefined => {
  const body = parseJsonText(text, BODY_MAX_LENGTH);
  if (!body.ok) return undefined;
  const answer = thirdPartyStatusResponseSchema.safeParse(body.value);
  return answer.success && answer.data.thirdPartyStatus.length <= 64 ? answer.data.thirdPartyStatus : undefined;
});

/** What the answer says: the third-party status of a successful status call, or the error codes. */
function answerFacts(entry: HarEntry, status: number, isStatusCall: boolean): Pick<ClientApiCall, 'thirdPartyStatus' | 'errorCodes'> {
  if (status !== 200 && status < 400) return {};
  const text = responseText(entry);
  if (text === undefined) return {};
  if (status === 200) {
    if (!isStatusCall) return {};
    const thirdPartyStatus = recentThirdPartyStatus(text);
    return thirdPartyStatus !== undefined ? { thirdPartyStatus } : {};
  }
  const body = parseJsonText(text, BODY_MAX_LENGTH);
  if (!body.ok) return {};
  const codes = (errorCodesOf(body.value) ?? []).filter((c) => c.length <= 32).slice(0, 16);
  return codes.length > 0 ? { errorCodes: codes } : {};
}

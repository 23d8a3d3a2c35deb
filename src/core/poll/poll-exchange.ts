import { thirdPartyStatusUrl } from '../connect/client-api-url.ts';
import { MAX_BODY_CHARS, type HeaderMap, type PollRequest, type PollResponse, type PollTarget } from '../timeline/poll-record.ts';

/**
 * What a poll sends and what it keeps of the answer, without zod: the poller needs this from the
 * panel's start. Sorting an answer into an outcome, which checks it with zod, is in poll-request.ts.
 */

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

export function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  return lower;
}

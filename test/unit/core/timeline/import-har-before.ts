/**
 * `importHar` as it was before the HAR import was streamed (commit 060efad), kept word for word but
 * for its name: the whole text parsed with JSON.parse and every entry parsed by the schema. The
 * tests compare today's streamed import with it.
 */
import { z } from '../../../../src/core/zod.ts';
import { isJsonObject, parseJsonText } from '../../../../src/core/connect/json-text.ts';
import { classifyRequest } from '../../../../src/core/detect/classify-request.ts';
import { findCreatedPayment } from '../../../../src/core/detect/find-created-payment.ts';
import { parseHarEntry, responseText, type HarEntry } from '../../../../src/core/detect/har-entry.ts';
import { isMerchantAnswerCandidate } from '../../../../src/core/detect/merchant-answer.ts';
import type { ClientApiCall, Navigation, Observation } from '../../../../src/core/detect/observation.ts';
import { classifyPollResponse, toPollResponse } from '../../../../src/core/poll/poll-request.ts';
import { fail, ok, type Result } from '../../../../src/core/result.ts';
import { safeParse } from '../../../../src/core/safe-parse.ts';
import { EXPORT_FORMAT, type ExportedPayment } from '../../../../src/core/timeline/export-file.ts';
import { foldPolls } from '../../../../src/core/timeline/fold-polls.ts';
import type { HeaderMap, PollOutcome, PollRecord } from '../../../../src/core/timeline/poll-record.ts';
import { describeIssue } from '../../../../src/core/timeline/schema-issue.ts';
import { originOf } from '../../../../src/core/url-origin.ts';

/** A HAR with page bodies is large; past this it is not a checkout worth reading in a panel. */
const MAX_HAR_CHARS = 64 * 1024 * 1024;
const MAX_HAR_ENTRIES = 20_000;

/** The log around the entries; entries are read one by one so that one odd entry does not sink the file. */
const maxText = (max: number) => z.string().check(z.maxLength(max));
const harLogSchema = z.object({
  log: z.looseObject({
    version: z.catch(z.optional(maxText(16)), undefined),
    pages: z.catch(
      z.optional(
        z
          .array(z.catch(z.nullable(z.looseObject({ startedDateTime: maxText(64), title: maxText(8192) })), null))
          .check(z.maxLength(MAX_HAR_ENTRIES)),
      ),
      undefined,
    ),
    entries: z.array(z.unknown()).check(z.maxLength(MAX_HAR_ENTRIES)),
  }),
});

type HarImport = {
  /** Calls, created payments and navigations, for the same derivation as live capture. */
  observations: Observation[];
  /** One timeline per payment whose status the page polled, folded to the usual bound. */
  payments: ExportedPayment[];
  /** Entries read, and entries left out because they were not valid HAR entries. */
  entries: number;
  skippedEntries: number;
};

/**
 * A HAR file saved from the Network panel ("Save all as HAR with content") in; the sessions,
 * payments and third-party status timelines of its Connect traffic out. The page's own
 * thirdpartystatus calls become poll records, so the timeline is built exactly as for a live poll.
 */
export function importHarBefore(text: string): Result<HarImport> {
  if (text.length > MAX_HAR_CHARS) {
    return fail(`The HAR file is too large to import (${Math.round(text.length / 2 ** 20)} MB; the limit is ${MAX_HAR_CHARS / 2 ** 20} MB).`);
  }
  const json = parseJsonText(text, MAX_HAR_CHARS);
  if (!json.ok) return fail('The file is not JSON, so it is not a HAR file.');
  if (isJsonObject(json.value) && json.value.format === EXPORT_FORMAT) {
    return fail('This is a Connect DevTools timeline export, not a HAR file: use "Import timeline" to open it.');
  }
  const log = safeParse(harLogSchema, json.value);
  if (!log.success) return fail(`Not a HAR file: ${describeIssue(log.error)}.`);

  const entries: HarEntry[] = [];
  for (const raw of log.data.log.entries) {
    const entry = parseHarEntry(raw);
    if (entry.ok) entries.push(entry.value);
  }
  entries.sort((a, b) => Date.parse(a.startedDateTime) - Date.parse(b.startedDateTime));
  const skippedEntries = log.data.log.entries.length - entries.length;

  const navigations = pageNavigations(log.data.log.pages ?? []);
  const pageUrls = navigations.map((n) => n.url);
  const calls: { call: ClientApiCall; entry: HarEntry }[] = [];
  const observations: Observation[] = [...navigations];
  for (const entry of entries) {
    const call = classifyRequest(entry, 'har-import');
    if (call) {
      calls.push({ call, entry });
      observations.push(call);
      continue;
    }
    const created = createdPayment(entry, pageUrls);
    if (created) observations.push(created);
  }
  if (calls.length === 0) {
    return fail(
      `No Connect traffic found in ${entries.length} request${entries.length === 1 ? '' : 's'}: no call to a Client API (/client/v1/{customerId}/… with GCS v1Client authorization).` +
        ' Was the HAR saved from the checkout page, with DevTools open while it ran?',
    );
  }

  observations.sort((a, b) => a.at - b.at);
  return ok({ observations, payments: paymentTimelines(calls, observations, navigations), entries: entries.length, skippedEntries });
}

/** Chrome names each page by its URL; Firefox by its title, which is not a place and is left out. */
function pageNavigations(pages: readonly ({ startedDateTime: string; title: string } | null)[]): Navigation[] {
  return pages.flatMap((page) => {
    const at = page ? Date.parse(page.startedDateTime) : Number.NaN;
    if (!page || Number.isNaN(at) || originOf(page.title) === undefined) return [];
    return [{ kind: 'navigation' as const, at, url: page.title.slice(0, 4096) }];
  });
}

/** The merchant's own server answers the page with the created payment: only answers from the page's site are read. */
function createdPayment(entry: HarEntry, pageUrls: readonly string[]): Observation | null {
  if (!isMerchantAnswerCandidate(entry, pageUrls)) return null;
  const body = responseText(entry);
  return body === undefined ? null : findCreatedPayment(body, entry.request.url, Date.parse(entry.startedDateTime));
}

/** The request headers a poll record keeps: those the SDK sets. Cookies and the rest stay out of records and exports. */
const KEPT_REQUEST_HEADERS = ['accept', 'authorization', 'content-type', 'x-gcs-clientmetainfo'];

function paymentTimelines(
  calls: readonly { call: ClientApiCall; entry: HarEntry }[],
  observations: readonly Observation[],
  navigations: Navigation[],
): ExportedPayment[] {
  const byPayment = new Map<string, { call: ClientApiCall; entry: HarEntry }[]>();
  for (const item of calls) {
    if (item.call.paymentId === undefined || item.call.method !== 'GET') continue;
    const list = byPayment.get(item.call.paymentId) ?? [];
    list.push(item);
    byPayment.set(item.call.paymentId, list);
  }
  return [...byPayment].flatMap(([paymentId, items]) => {
    const [first] = items;
    if (!first) return [];
    const { customerId, clientApiUrl, clientSessionId } = first.call;
    const productId = observations.flatMap((o) => (o.kind === 'payment' && o.paymentId === paymentId ? (o.productId ?? []) : []))[0];
    return [
      {
        paymentId,
        ...(productId === undefined ? {} : { productId }),
        session: { customerId, clientApiUrl, clientSessionId },
        records: foldPolls(items.map(({ call, entry }, seq) => toRecord(call, entry, seq))),
        navigations,
      },
    ];
  });
}

function toRecord(call: ClientApiCall, entry: HarEntry, seq: number): PollRecord {
  const headers: HeaderMap = {};
  for (const { name, value } of entry.request.headers) {
    if (KEPT_REQUEST_HEADERS.includes(name.toLowerCase()) && value.length <= 8192) headers[name] = value;
  }
  const base = {
    seq,
    source: 'har-import' as const,
    startedAt: call.at,
    endedAt: call.at + Math.max(0, Math.round(call.durationMs)),
    request: { method: 'GET' as const, url: call.url, headers },
  };
  if (call.status === 0) return { ...base, outcome: { kind: 'network-error', message: failedMessage(entry) } };
  const raw = {
    status: call.status,
    headers: Object.fromEntries(entry.response.headers.map((h) => [h.name, h.value])),
    bodyText: responseText(entry) ?? '',
  };
  const outcome: PollOutcome =
    responseText(entry) === undefined && call.status >= 200 && call.status < 300
      ? { kind: 'malformed', body: 'empty', description: 'body not saved in the HAR file' }
      : classifyPollResponse(raw, base.endedAt);
  return { ...base, response: toPollResponse(raw), outcome };
}

/** Chrome writes why a request failed in `response._error`, e.g. `net::ERR_INTERNET_DISCONNECTED`. */
function failedMessage(entry: HarEntry): string {
  const error: unknown = (entry.response as Record<string, unknown>)._error;
  const why = typeof error === 'string' && error !== '' ? `: ${error.slice(0, 256)}` : '';
  return `No answer (status 0 in the HAR: failed, blocked or cancelled)${why}`;
}

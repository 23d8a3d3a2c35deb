import { z } from '../zod.ts';
import { isJsonObject } from '../connect/json-text.ts';
import { classifyRequest } from '../detect/classify-request.ts';
import { findCreatedPayment } from '../detect/find-created-payment.ts';
import { headerValue, parseHarEntry, responseText, type HarEntry } from '../detect/har-entry.ts';
import { bodySizeOf, isSameSiteAnswer, isScannableAnswer } from '../detect/merchant-answer.ts';
import { isHarEntryShape, mayGiveObservation } from '../detect/raw-entry.ts';
import { HarEntryReader, withoutLongStrings } from '../har/stream-entries.ts';
import type { ClientApiCall, Navigation, Observation } from '../detect/observation.ts';
import { classifyPollResponse, toPollResponse } from '../poll/poll-request.ts';
import { fail, ok, type Result } from '../result.ts';
import { safeParse } from '../safe-parse.ts';
import { EXPORT_FORMAT, type ExportedPayment } from './export-file.ts';
import { foldPolls } from './fold-polls.ts';
import type { HeaderMap, PollOutcome, PollRecord } from './poll-record.ts';
import { describeIssue } from './schema-issue.ts';
import { originOf } from '../url-origin.ts';
import { isElementLoad } from '../detect/element-load.ts';

/** A HAR with page bodies is large; past this it is not a checkout worth reading in a panel. */
export const MAX_HAR_CHARS = 64 * 1024 * 1024;
export const MAX_HAR_ENTRIES = 20_000;

/** The log around the entries; entries are read one by one so that one odd entry does not sink the file. */
const maxText = (max: number) => z.string().check(z.maxLength(max));
const pagesSchema = z.catch(
  z.optional(
    z
      .array(z.catch(z.nullable(z.looseObject({ startedDateTime: maxText(64), title: maxText(8192) })), null))
      .check(z.maxLength(MAX_HAR_ENTRIES)),
  ),
  undefined,
);
const harLogSchema = z.object({
  log: z.looseObject({
    version: z.catch(z.optional(maxText(16)), undefined),
    pages: pagesSchema,
    entries: z.array(z.unknown()).check(z.maxLength(MAX_HAR_ENTRIES)),
  }),
});

export type HarImport = {
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
 * The whole text at once, up to 64 MB and 20,000 entries; a larger file is read with `HarImportStream`.
 */
export function importHar(text: string): Result<HarImport> {
  if (text.length > MAX_HAR_CHARS) {
    return fail(`The HAR file is too large to import (${Math.round(text.length / 2 ** 20)} MB; the limit is ${MAX_HAR_CHARS / 2 ** 20} MB).`);
  }
  const stream = new HarImportStream({ maxEntries: MAX_HAR_ENTRIES });
  const pushed = stream.push(text);
  return pushed.ok ? stream.end() : pushed;
}

/** What one entry gave: a Client API call, or a created payment whose page decides whether it counts. */
type Found = {
  /** When the request started, the order of the timelines. */
  startedAt: number;
  call?: { call: ClientApiCall; entry: HarEntry };
  created?: { observation: Observation; url: string; referer: string | undefined; origin: string | undefined };
};

/**
 * A HAR import fed the file's text in pieces of any size, in order (`push`), then `end`. Each entry
 * is handed over by `HarEntryReader` as it is read, looked at raw and without its long strings
 * (bodies) with the devtools page's pre-filter (`mayGiveObservation`), and parsed whole, then by the
 * schema, only when it may be a Client API call or a created payment; what it gave is kept, the
 * entry is not. Memory follows the largest entry and the Connect calls, not the file. The result is
 * `importHar`'s for the same text.
 *
 * The same-site look of a created payment needs the pages (`log.pages`), which Chrome and Firefox
 * write before the entries: entries read before any pages keep every answer the pages might make
 * same-site and are decided at the end. A file that names its pages again after its entries gets
 * its entries pre-filtered with the first pages.
 */
export class HarImportStream {
  private readonly reader: HarEntryReader;
  private readonly maxEntries: number | undefined;
  private found: Found[] = [];
  private read = 0;
  private skipped = 0;
  /** The page URLs known while entries are read; undefined before any pages. */
  private pageUrls: string[] | undefined;

  constructor(options: { maxEntries?: number } = {}) {
    this.maxEntries = options.maxEntries;
    this.reader = new HarEntryReader({
      entry: (text, longStrings) => this.entry(text, longStrings),
      restart: () => {
        this.found = [];
        this.read = 0;
        this.skipped = 0;
      },
      pages: (value) => {
        this.pageUrls = value === undefined ? undefined : pageNavigations(pagesOf(value)).map((n) => n.url);
      },
    });
  }

  /** Code units read so far. */
  get offset(): number {
    return this.reader.offset;
  }

  /** The next piece of text; a failure (text that is not JSON) is final, and `end` says it again. */
  push(text: string): Result<void> {
    const pushed = this.reader.push(text);
    return pushed.ok ? pushed : fail(notJson(pushed.reason));
  }

  end(): Result<HarImport> {
    const outline = this.reader.end();
    if (!outline.ok) return fail(notJson(outline.reason));
    const { document } = outline.value;
    if (isJsonObject(document) && document.format === EXPORT_FORMAT) {
      return fail('This is a Connect DevTools timeline export, not a HAR file: use "Import timeline" to open it.');
    }
    // The entries were handed over one by one: the schema sees a list as long as the limit needs.
    if (this.maxEntries !== undefined && outline.value.entries > this.maxEntries && isJsonObject(document) && isJsonObject(document.log)) {
      document.log.entries = Array<null>(this.maxEntries + 1).fill(null);
    }
    const log = safeParse(harLogSchema, document);
    if (!log.success) return fail(`Not a HAR file: ${describeIssue(log.error)}.`);

    const navigations = pageNavigations(log.data.log.pages ?? []);
    const pageUrls = navigations.map((n) => n.url);
    // In the order the requests started; entries that started together stay in file order.
    const found = this.found.sort((a, b) => a.startedAt - b.startedAt);
    const calls: { call: ClientApiCall; entry: HarEntry }[] = [];
    const observations: Observation[] = [...navigations];
    for (const { call, created } of found) {
      if (call) {
        calls.push(call);
        observations.push(call.call);
      } else if (created && isSameSiteAnswer(created.url, created.referer, created.origin, pageUrls)) {
        observations.push(created.observation);
      }
    }
    if (calls.length === 0) {
      return fail(
        `No Connect traffic found in ${this.read} request${this.read === 1 ? '' : 's'}: no call to a Client API (/client/v1/{customerId}/… with GCS v1Client authorization).` +
          ' Was the HAR saved from the checkout page, with DevTools open while it ran?',
      );
    }

    observations.sort((a, b) => a.at - b.at);
    return ok({ observations, payments: paymentTimelines(calls, observations, navigations), entries: this.read, skippedEntries: this.skipped });
  }

  private entry(text: string, longStrings: readonly number[]): void {
    // A first look without the bodies: most entries end here, their bodies never parsed.
    const light = withoutLongStrings(text, longStrings);
    const look: unknown = JSON.parse(light);
    if (!mayGiveObservation(look, this.pageUrls)) {
      if (isHarEntryShape(look)) this.read++;
      else this.skipped++;
      return;
    }
    const parsed = parseHarEntry(light === text ? look : JSON.parse(text));
    if (!parsed.ok) {
      this.skipped++;
      return;
    }
    this.read++;
    const found = findIn(parsed.value, this.pageUrls);
    if (found) this.found.push(found);
  }
}

function notJson(where: string): string {
  return `The file is not JSON, so it is not a HAR file. At ${where}.`;
}

function pagesOf(value: unknown): readonly ({ startedDateTime: string; title: string } | null)[] {
  const pages = safeParse(pagesSchema, value);
  return (pages.success ? pages.data : undefined) ?? [];
}

/**
 * A Client API call, else a payment the merchant's server created in a 2xx JSON answer small enough
 * to scan, from the page's site as far as the pages known say (undefined: not known yet).
 */
function findIn(entry: HarEntry, pageUrls: readonly string[] | undefined): Found | null {
  if (isElementLoad(entry)) return null;
  const startedAt = Date.parse(entry.startedDateTime);
  const call = classifyRequest(entry, 'har-import');
  if (call) return { startedAt, call: { call, entry } };
  const { status, content } = entry.response;
  if (!isScannableAnswer(status, content.mimeType, bodySizeOf((content as { size?: unknown }).size, content.text, content.encoding))) return null;
  const { url, headers } = entry.request;
  const referer = headerValue(headers, 'referer');
  const origin = headerValue(headers, 'origin');
  if (pageUrls !== undefined && !isSameSiteAnswer(url, referer, origin, pageUrls)) return null;
  const body = responseText(entry);
  const observation = body === undefined ? null : findCreatedPayment(body, url, startedAt);
  return observation ? { startedAt, created: { observation, url, referer, origin } } : null;
}

/** Chrome names each page by its URL; Firefox by its title, which is not a place and is left out. */
function pageNavigations(pages: readonly ({ startedDateTime: string; title: string } | null)[]): Navigation[] {
  return pages.flatMap((page) => {
    const at = page ? Date.parse(page.startedDateTime) : Number.NaN;
    if (!page || Number.isNaN(at) || originOf(page.title) === undefined) return [];
    return [{ kind: 'navigation' as const, at, url: page.title.slice(0, 4096) }];
  });
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

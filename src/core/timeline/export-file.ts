import { z } from '../zod.ts';
import { isJsonObject, parseJsonText } from '../connect/json-text.ts';
import { idText, navigationSchema, urlText } from '../detect/observation.ts';
import { fail, ok, type Result } from '../result.ts';
import { safeParse } from '../safe-parse.ts';
import { foldPolls } from './fold-polls.ts';
import { pollRecordSchema, pollStopSchema } from './poll-record-schema.ts';
import { findSessionIds, redactDeep } from './redact-session-id.ts';
import { describeIssue, formatPath } from './schema-issue.ts';

/** The file format, documented in docs/export-format.md. Bump the version on any change a reader must know. */
export const EXPORT_FORMAT = 'connect-devtools-timeline';
export const EXPORT_VERSION = 1;

/** Import limits: far above what the panel writes (500 records a payment), far below what would hurt it. */
export const MAX_IMPORT_CHARS = 20 * 1024 * 1024;
export const MAX_PAYMENTS = 100;
export const MAX_RECORDS_PER_PAYMENT = 5000;
export const MAX_NAVIGATIONS_PER_PAYMENT = 1000;

export const exportedPaymentSchema = z.object({
  paymentId: idText,
  productId: z.optional(z.number().check(z.int())),
  session: z.object({
    customerId: idText,
    clientApiUrl: urlText,
    /** Masked (`51d2…4e36`) when the file is redacted. */
    clientSessionId: idText,
  }),
  /** In the order they were made; `seq` grows strictly. */
  records: z.array(pollRecordSchema).check(z.maxLength(MAX_RECORDS_PER_PAYMENT)),
  navigations: z.array(navigationSchema).check(z.maxLength(MAX_NAVIGATIONS_PER_PAYMENT)),
  stop: z.optional(pollStopSchema),
});
export type ExportedPayment = z.infer<typeof exportedPaymentSchema>;

export const timelineFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.iso.datetime(),
  tool: z.object({ name: z.string().check(z.maxLength(64)), version: z.string().check(z.maxLength(64)) }),
  /** True when every session id in the file is masked. */
  redacted: z.boolean(),
  payments: z.array(exportedPaymentSchema).check(z.maxLength(MAX_PAYMENTS)),
});
export type TimelineFile = z.infer<typeof timelineFileSchema>;

export type ExportOptions = {
  /** Mask the session id everywhere: the session field, every header, URL, body and message. */
  redact: boolean;
  /** Epoch milliseconds. */
  now: number;
  toolVersion: string;
};

/** One payment's timeline, or all of them, as the text of a file. */
export function exportTimelines(payments: readonly ExportedPayment[], { redact, now, toolVersion }: ExportOptions): string {
  const file: TimelineFile = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(now).toISOString(),
    tool: { name: 'Connect DevTools', version: toolVersion },
    redacted: redact,
    payments: redact ? redactDeep(payments.map(withinLimits), sessionIdsIn(payments)) : payments.map(withinLimits),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** What is written can always be read back: a longer history is folded, the oldest navigations left out. */
function withinLimits(payment: ExportedPayment): ExportedPayment {
  return {
    ...payment,
    // Only a history over the limit is folded: one that fits is written as it is (folding would also thin its errors).
    records: payment.records.length > MAX_RECORDS_PER_PAYMENT ? foldPolls(payment.records, MAX_RECORDS_PER_PAYMENT) : payment.records,
    navigations: payment.navigations.slice(-MAX_NAVIGATIONS_PER_PAYMENT),
  };
}

/** Every id that could be in the file: each payment's session, and any other one a recorded header carries. */
function sessionIdsIn(payments: readonly ExportedPayment[]): string[] {
  return payments.flatMap((payment) => [
    payment.session.clientSessionId,
    ...payment.records.flatMap((record) => Object.values(record.request.headers).flatMap(findSessionIds)),
  ]);
}

/** Reads a file someone exported, to look at read-only. Every way it can be wrong gets its own message. */
export function importTimelines(text: string): Result<TimelineFile> {
  if (text.length > MAX_IMPORT_CHARS) {
    return fail(`The file is too large to import (${megabytes(text.length)} MB; the limit is ${megabytes(MAX_IMPORT_CHARS)} MB).`);
  }
  const json = parseJsonText(text, MAX_IMPORT_CHARS);
  if (!json.ok) return fail('The file is not JSON, so it is not a Connect DevTools timeline export.');
  const value = json.value;
  if (!isJsonObject(value)) return fail('The file is JSON but not an object, so it is not a Connect DevTools timeline export.');
  if (value.format !== EXPORT_FORMAT) {
    if (isJsonObject(value.log) && Array.isArray(value.log.entries)) {
      return fail('This is a HAR file, not a timeline export: use "Import HAR" to rebuild timelines from it.');
    }
    return fail(`Not a Connect DevTools timeline export: "format" should be "${EXPORT_FORMAT}".`);
  }
  if (typeof value.version !== 'number' || !Number.isInteger(value.version) || value.version < 1) {
    return fail('The file has no valid format "version".');
  }
  if (value.version > EXPORT_VERSION) {
    return fail(
      `The file was written by a newer Connect DevTools (format version ${value.version}); this one reads version ${EXPORT_VERSION}. Update the extension to open it.`,
    );
  }
  const tooMany = countProblem(value.payments);
  if (tooMany) return fail(tooMany);
  const parsed = safeParse(timelineFileSchema, value);
  if (!parsed.success) return fail(`The file is not a valid timeline export: ${describeIssue(parsed.error)}.`);
  const order = orderProblem(parsed.data);
  return order ? fail(`The file is not a valid timeline export: ${order}.`) : ok(parsed.data);
}

function megabytes(chars: number): string {
  return (chars / (1024 * 1024)).toFixed(chars < 1024 * 1024 ? 2 : 0);
}

/** Counted before validation, so a file with a million records is refused before it is walked. */
function countProblem(payments: unknown): string | undefined {
  if (!Array.isArray(payments)) return undefined;
  if (payments.length > MAX_PAYMENTS) return `The file has ${payments.length} payments; at most ${MAX_PAYMENTS} can be imported.`;
  for (const [i, payment] of payments.entries()) {
    const records: unknown = isJsonObject(payment) ? payment.records : undefined;
    if (Array.isArray(records) && records.length > MAX_RECORDS_PER_PAYMENT) {
      return `payments[${i}] has ${records.length} records; at most ${MAX_RECORDS_PER_PAYMENT} a payment can be imported.`;
    }
  }
  return undefined;
}

/** The timeline is built in record order, so a file whose order contradicts itself is refused. */
function orderProblem(file: TimelineFile): string | undefined {
  for (const [p, payment] of file.payments.entries()) {
    for (const [r, record] of payment.records.entries()) {
      const where = formatPath(['payments', p, 'records', r]);
      if (record.endedAt < record.startedAt) return `${where}: it ends before it starts`;
      const previous = payment.records[r - 1];
      if (previous && record.seq <= previous.seq) return `${where}.seq: ${record.seq} does not come after ${previous.seq}`;
    }
  }
  return undefined;
}

import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { observationSchema } from '../../../src/core/detect/observation.ts';
import {
  EXPORT_FORMAT,
  exportedPaymentSchema,
  exportTimelines,
  importTimelines,
  MAX_PAYMENTS,
  MAX_RECORDS_PER_PAYMENT,
  timelineFileSchema,
  type ExportedPayment,
} from '../../../src/core/timeline/export-file.ts';
import { readImportedFile } from '../../../src/panel/state/import-file.ts';
import { CHECKOUT_HAR_TEXT, exportedPayment, exportedPayments } from './connect-values.ts';
import { deepJsonText, hostileJson, hostileText, jsonText, longText, mutatedJson, mutatedText, shortHostileText } from './hostile-values.ts';
import { checkProperty, PROPERTY_TIMEOUT_MS, must, mustBeResult, mustHaveOrdinaryPrototypes } from './property-run.ts';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

/** An export as the panel writes it; one in four redacted, which costs three times more to write. */
const exportText = fc
  .tuple(fc.array(exportedPayment, { maxLength: 1 }).map((list) => structuredClone(list)), fc.integer({ min: 0, max: 3 }))
  .map(([list, pick]) => exportTimelines(list, { redact: pick === 0, now: NOW, toolVersion: '0.1.0' }));

/** What a user might choose as a file: exports, broken exports, a HAR, another tool's JSON, anything. */
const fileText = fc.oneof(
  { arbitrary: exportText, weight: 8 },
  { arbitrary: mutatedJson(exportText.map((text) => JSON.parse(text) as unknown)).map(jsonText), weight: 3 },
  { arbitrary: mutatedText(exportText), weight: 2 },
  {
    arbitrary: fc
      .record({ format: fc.constant(EXPORT_FORMAT), version: fc.oneof(fc.constantFrom<unknown>(1, 2, 0, 1.5, '1', null), hostileJson), exportedAt: fc.oneof(fc.constant('2025-06-01T12:00:00.000Z'), shortHostileText), payments: fc.oneof(exportedPayments, hostileJson) })
      .map(jsonText),
    weight: 2,
  },
  {
    arbitrary: fc.constantFrom(MAX_PAYMENTS, MAX_PAYMENTS + 1).map((n) => jsonText({ format: EXPORT_FORMAT, version: 1, payments: Array<unknown>(n).fill({}) })),
    weight: 1,
  },
  { arbitrary: fc.constant(jsonText({ format: EXPORT_FORMAT, version: 1, payments: [{ records: Array<unknown>(MAX_RECORDS_PER_PAYMENT + 1).fill(0) }] })), weight: 1 },
  { arbitrary: fc.oneof(fc.constant(CHECKOUT_HAR_TEXT), fc.constantFrom('{"log":{"entries":[]}}', '  {"log": 1}')), weight: 1 },
  { arbitrary: fc.oneof(hostileJson.map(jsonText), deepJsonText, hostileText, longText(1_000, 5_000)), weight: 3 },
);

const fileName = fc.oneof(fc.constantFrom('timeline.json', 'checkout.har', 'CHECKOUT.HAR', 'export.har.json', '.har', ''), shortHostileText);

/** Every session id the payments hold, in the session field or in a recorded Authorization header. */
function sessionIdsOf(list: readonly ExportedPayment[]): string[] {
  return list.flatMap((payment) => [
    payment.session.clientSessionId,
    ...payment.records.flatMap((record) => Object.values(record.request.headers).flatMap((value) => /GCS v1Client:(\S+)/.exec(value)?.[1] ?? [])),
  ]);
}

describe('import files', () => {
  it('imports any file text as a valid timeline export, opens it as the kind its name and text say, or gives a reason', () => {
    checkProperty(
      fc.property(fileText, fileName, (text, name) => {
        const imported = importTimelines(text);
        mustBeResult(imported);
        if (imported.ok) {
          const file = imported.value;
          must(timelineFileSchema.safeParse(file).success, 'an imported file passes its schema', file);
          must(file.payments.length <= MAX_PAYMENTS, 'at most 100 payments');
          for (const payment of file.payments) {
            must(payment.records.length <= MAX_RECORDS_PER_PAYMENT, 'at most 5000 records a payment');
            must(payment.records.every((r, i) => r.endedAt >= r.startedAt && (i === 0 || r.seq > (payment.records[i - 1]?.seq ?? -1))), 'records in order, none ending before it starts', payment.records);
          }
          mustHaveOrdinaryPrototypes(file, 'file');
        }

        // The panel's file picker: a HAR by its start or its name, anything else as a timeline export.
        const opened = readImportedFile(name, text);
        mustBeResult(opened);
        const looksLikeHar = /^\s*\{\s*"log"\s*:/.test(text) || /\.har$/i.test(name);
        if (!looksLikeHar) must(opened.ok === imported.ok, 'a file that is not a HAR is read as a timeline export', name, opened);
        if (!opened.ok) return;
        const { kind, payments: timelines, observations, recordedAt } = opened.value;
        must(kind === (looksLikeHar ? 'har' : 'timeline'), 'a HAR by its start or its name, else a timeline', name, kind);
        must(timelines.every((p) => exportedPaymentSchema.safeParse(p).success), 'every timeline passes the export schema');
        must(observations.every((o) => observationSchema.safeParse(o).success), 'every observation passes its schema');
        must(recordedAt === undefined || Number.isFinite(recordedAt), 'judged at a real time of its own', recordedAt);
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('reads back what it exported, and a redacted export holds no session id (round trip)', () => {
    checkProperty(
      // Redaction costs three times the rest: one export in four is redacted.
      fc.property(exportedPayments, fc.integer({ min: 0, max: 3 }), (list, pick) => {
        must(list.every((p) => exportedPaymentSchema.safeParse(p).success), 'the generated timelines are valid exports');
        const plain = importTimelines(exportTimelines(list, { redact: false, now: NOW, toolVersion: '0.1.0' }));
        must(plain.ok && plain.value.redacted === false && isDeepStrictEqual(plain.value.payments, list), 'the same timelines come back', plain);
        must(plain.value.exportedAt === new Date(NOW).toISOString(), 'stamped with the time given', plain.value.exportedAt);
        if (pick !== 0) return;

        const text = exportTimelines(list, { redact: true, now: NOW, toolVersion: '0.1.0' });
        const lower = text.toLowerCase();
        for (const id of sessionIdsOf(list)) must(!lower.includes(id.toLowerCase()), 'a redacted export never holds a session id, in any case', id);
        const redacted = importTimelines(text);
        must(redacted.ok && redacted.value.redacted && redacted.value.payments.length === list.length, 'a redacted export imports too', redacted);
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  // Found by the property above: masking once could spell the id again.
  it('never gives a session id away, even when a body holds its first 12 characters right before it and it starts and ends alike', () => {
    // Masking the id in `abcdefghijkl` + id leaves `abcd…abcd` + `efghijklabcd`, which spells the id again.
    const id = 'abcdefghijklabcd';
    const record = { seq: 0, source: 'poll' as const, startedAt: NOW, endedAt: NOW, request: { method: 'GET' as const, url: 'https://a.example/client/v1/1/payments/1/thirdpartystatus', headers: {} }, response: { status: 200, headers: {}, bodyText: `${id.slice(0, 12)}${id}` }, outcome: { kind: 'malformed' as const, body: 'text' as const, description: 'plain text' } };
    const payment = { paymentId: '1', session: { customerId: '1', clientApiUrl: 'https://a.example/client', clientSessionId: id }, records: [record], navigations: [] };
    expect(exportTimelines([payment], { redact: true, now: NOW, toolVersion: '0.1.0' })).not.toContain(id);
  });
});

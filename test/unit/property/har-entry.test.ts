import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { CLIENT_SESSION_ID, CUSTOMER_ID, PAYMENT_ID } from '../../../src/core/connect/ids.ts';
import { classifyRequest, explainRequest } from '../../../src/core/detect/classify-request.ts';
import { CREATED_PAYMENT_BODY_MAX_LENGTH, findCreatedPayment } from '../../../src/core/detect/find-created-payment.ts';
import { harEntrySchema, parseHarEntry, responseText, type HarEntry } from '../../../src/core/detect/har-entry.ts';
import { findCreatedPaymentBefore } from '../core/detect/find-created-payment-before.ts';
import { isMerchantAnswerCandidate, siteOf } from '../../../src/core/detect/merchant-answer.ts';
import { observationSchema, paymentSeenSchema } from '../../../src/core/detect/observation.ts';
import { DEFAULT_MAX_RECORDS } from '../../../src/core/timeline/fold-polls.ts';
import { exportedPaymentSchema, exportTimelines, importTimelines } from '../../../src/core/timeline/export-file.ts';
import { importHar } from '../../../src/core/timeline/import-har.ts';
import { CHECKOUT_HAR_TEXT, createPaymentAnswer, HAR_FIXTURES, pageUrl, rawHarEntry, responseBodyText, shortRawHarEntry, wrappedCreatePaymentAnswer } from './connect-values.ts';
import { deepJsonText, hostileJson, hostileKey, jsonText, longText, mutatedJson, mutatedText, ownObject, shortHostileText } from './hostile-values.ts';
import { checkProperty, PROPERTY_TIMEOUT_MS, must, mustBeResult, mustHaveOrdinaryPrototypes } from './property-run.ts';
import { isElementLoad } from '../../../src/core/detect/element-load.ts';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

/** A copy of an entry whose X-GCS-ClientMetaInfo header (if any) is replaced. */
function withMetaInfo(entry: HarEntry, value: string): HarEntry {
  const headers = entry.request.headers.map((h) => (h.name.toLowerCase() === 'x-gcs-clientmetainfo' ? { ...h, value } : h));
  return { ...entry, request: { ...entry.request, headers } };
}

function withoutSdk<T extends { sdk?: unknown }>(call: T): Omit<T, 'sdk'> {
  const { sdk: _sdk, ...rest } = call;
  return rest;
}

describe('HAR entries', () => {
  it('reads any entry into a Client API call of the observation schema, a merchant answer, or a reason', () => {
    checkProperty(
      fc.property(rawHarEntry, fc.array(pageUrl, { maxLength: 2 }), shortHostileText, (raw, pageUrls, brokenMeta) => {
        const parsed = parseHarEntry(raw);
        mustBeResult(parsed);
        // What follows reads parsed entries: 10,000 of them, whatever share of the input parses.
        fc.pre(parsed.ok);
        if (!parsed.ok) return;
        const entry = parsed.value;
        must(harEntrySchema.safeParse(entry).success, 'a parsed entry passes its schema again', entry);
        // The fields read are plain objects; what the entry carries besides is passed through untouched.
        const read = [entry, entry.request, entry.response, entry.response.content, ...entry.request.headers, ...entry.response.headers];
        must(read.every((part) => Object.getPrototypeOf(part) === Object.prototype), 'the parts read are plain objects', entry);

        const call = explainRequest(entry);
        mustBeResult(call);
        const classified = classifyRequest(entry);
        must(isDeepStrictEqual(classified, call.ok ? call.value : null), 'classifyRequest says what explainRequest says', call);
        if (call.ok) {
          const value = call.value;
          must(observationSchema.safeParse(value).success, 'a call passes the observation schema', value);
          must(value.method !== 'OPTIONS' && value.method === value.method.toUpperCase(), 'never a preflight; the method in capitals', value.method);
          must(CLIENT_SESSION_ID.test(value.clientSessionId) && CUSTOMER_ID.test(value.customerId), 'the identifier rules hold', value);
          must(Number.isInteger(value.status) && value.status >= 0 && value.durationMs >= 0, 'a status of 0 or more, a duration of 0 or more', value);
          must(value.errorCodes === undefined || value.errorCodes.length > 0, 'error codes only when there are some', value);
          // The meta-info header only adds the SDK identity: a broken one never makes the call fail.
          const broken = explainRequest(withMetaInfo(entry, brokenMeta));
          must(broken.ok && isDeepStrictEqual(withoutSdk(broken.value), withoutSdk(value)), 'a broken meta-info header changes only the SDK', brokenMeta, broken);
        }

        const candidate = isMerchantAnswerCandidate(entry, pageUrls);
        must(typeof candidate === 'boolean', 'a merchant answer or not');
        const { status, content } = entry.response;
        // An element's or a beacon's load is never scanned, whatever its answer.
        const scannable = !isElementLoad(entry) && status >= 200 && status < 300 && content.mimeType.toLowerCase().includes('json') && siteOf(entry.request.url) !== undefined;
        if (candidate) must(scannable, 'only a 2xx JSON answer from an http(s) site is scanned', entry.request.url, status, content.mimeType);
        // The page that asked is always of its own site.
        const ownSite = isMerchantAnswerCandidate(entry, [entry.request.url]);
        const size = (content as { size?: unknown }).size;
        const small =
          typeof size === 'number' && Number.isFinite(size) && size >= 0
            ? size <= CREATED_PAYMENT_BODY_MAX_LENGTH
            : Boolean(content.encoding) || content.text === undefined || content.text.length <= CREATED_PAYMENT_BODY_MAX_LENGTH;
        must(ownSite === (scannable && small), 'an answer from the page’s own site is scanned when it is a small 2xx JSON answer', entry.request.url, status, size);

        const body = responseText(entry);
        if (candidate && body !== undefined) {
          const created = findCreatedPayment(body, entry.request.url, NOW);
          if (created) must(paymentSeenSchema.safeParse(created).success && created.at === NOW, 'a created payment passes its schema', created);
        }
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('finds a created payment in any answer: only valid ones, and every one the shape allows', () => {
    const body = fc.oneof(
      { arbitrary: wrappedCreatePaymentAnswer.map((value) => ({ text: jsonText(value), planted: undefined })), weight: 24 },
      // A well-formed answer two levels down at most, among up to 63 other values: it must be found.
      {
        arbitrary: fc
          .tuple(
            createPaymentAnswer.filter((a) => {
              const { id, paymentOutput } = (a as { payment: { id: unknown; paymentOutput?: unknown } }).payment;
              // The platform's product ids are small numbers; 1e21 (not a safe integer) drops the whole answer (reported).
              return typeof id === 'string' && PAYMENT_ID.test(id) && !/\d{16}|e\+/.test(JSON.stringify(paymentOutput ?? null));
            }),
            fc.integer({ min: 0, max: 2 }),
            fc.array(fc.tuple(hostileKey, hostileJson), { maxLength: 5 }),
          )
          .map(([answer, depth, siblings]) => {
            let value: unknown = answer;
            for (let i = 0; i < depth; i++) value = ownObject([...siblings.filter(([key]) => key !== 'data'), ['data', value]]);
            return { text: jsonText(value), planted: (answer as { payment: { id: string } }).payment.id };
          }),
        weight: 12,
      },
      { arbitrary: mutatedText(wrappedCreatePaymentAnswer.map(jsonText)).map((text) => ({ text, planted: undefined })), weight: 8 },
      { arbitrary: fc.oneof(responseBodyText, deepJsonText).map((text) => ({ text, planted: undefined })), weight: 8 },
      {
        arbitrary: fc.integer({ min: CREATED_PAYMENT_BODY_MAX_LENGTH - 60, max: CREATED_PAYMENT_BODY_MAX_LENGTH + 10 }).map((n) => ({
          text: `{"payment":{"id":"1"},"merchantAction":{},"pad":"${'x'.repeat(Math.max(0, n - 49))}"}`,
          planted: undefined,
        })),
        // Half a megabyte each: one body in fifty.
        weight: 1,
      },
    );
    checkProperty(
      fc.property(body, pageUrl, ({ text, planted }, url) => {
        const created = findCreatedPayment(text, url, NOW);
        if (text.length > CREATED_PAYMENT_BODY_MAX_LENGTH) must(created === null, 'a body over the limit is not read', text.length);
        if (created !== null) {
          must(paymentSeenSchema.safeParse(created).success, 'a created payment passes its schema', created);
          must(PAYMENT_ID.test(created.paymentId) && created.source === 'create-payment-response' && created.at === NOW, 'a valid id, from a create-payment answer, at the given time', created);
          must(created.productId === undefined || (Number.isInteger(created.productId) && created.productId > 0), 'a product is a positive whole number', created);
          must(created.url === undefined || created.url === url, 'the URL it came from, when short enough', created);
          mustHaveOrdinaryPrototypes(created, 'created');
        }
        if (planted !== undefined) must(created !== null, 'a well-formed answer within two levels is found', text.slice(0, 300));
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('finds in every answer what the schema-read version found, with the same fields', () => {
    const text = fc.oneof(
      { arbitrary: wrappedCreatePaymentAnswer.map(jsonText), weight: 6 },
      { arbitrary: mutatedJson(wrappedCreatePaymentAnswer).map(jsonText), weight: 3 },
      { arbitrary: mutatedText(wrappedCreatePaymentAnswer.map(jsonText)), weight: 2 },
      { arbitrary: fc.oneof(responseBodyText, hostileJson.map(jsonText)), weight: 1 },
      // Keys and action types on the edge of the 64 kept: counted in UTF-16 units by one rule, code points by the other.
      {
        arbitrary: fc
          .array(fc.tuple(fc.integer({ min: 62, max: 66 }), fc.constantFrom('k', '😀')), { minLength: 1, maxLength: 40 })
          .map((keys) => keys.map(([n, unit]) => unit.repeat(unit === 'k' ? n : Math.ceil(n / 2))))
          .map((keys) => jsonText({ payment: { id: '000000123410000595980000100001' }, merchantAction: { actionType: keys[0], showData: keys.map((key) => ({ key })) } })),
        weight: 2,
      },
    );
    const at = fc.oneof({ arbitrary: fc.constant(NOW), weight: 6 }, { arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 2 ** 60), weight: 1 });
    const url = fc.oneof({ arbitrary: pageUrl, weight: 6 }, { arbitrary: fc.integer({ min: 4090, max: 4100 }).map((n) => `https://shop.example/${'p'.repeat(n - 21)}`), weight: 1 });
    checkProperty(
      fc.property(text, url, at, (body, from, when) => {
        const now = findCreatedPayment(body, from, when);
        const before = findCreatedPaymentBefore(body, from, when);
        must(isDeepStrictEqual(now, before), 'the same payment as the schema read, or none', body.slice(0, 300), now, before);
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  const harEntries = fc.array(fc.oneof({ arbitrary: shortRawHarEntry, weight: 8 }, { arbitrary: fc.constantFrom(...HAR_FIXTURES), weight: 2 }), { maxLength: 2 });

  const page = fc.record({ startedDateTime: fc.oneof(fc.constant('2025-01-15T09:00:00.000Z'), shortHostileText), id: fc.constant('page_1'), title: pageUrl });

  const harDocument = fc
    .record({ version: fc.constantFrom('1.2', '1.1'), creator: fc.constant({ name: 'WebInspector', version: '537.36' }), pages: fc.array(page, { maxLength: 2 }), entries: harEntries }, { requiredKeys: ['entries'] })
    .map((log) => ({ log }));

  const harText = fc.oneof(
    { arbitrary: harDocument.map(jsonText), weight: 30 },
    { arbitrary: mutatedJson(harDocument).map(jsonText), weight: 9 },
    { arbitrary: mutatedText(harDocument.map(jsonText)), weight: 6 },
    // The whole checkout recording costs ten times a generated file: one file in fifty.
    { arbitrary: fc.oneof(fc.constant(CHECKOUT_HAR_TEXT), mutatedText(fc.constant(CHECKOUT_HAR_TEXT))), weight: 1 },
    { arbitrary: fc.oneof(hostileJson.map(jsonText), deepJsonText, shortHostileText, longText(1_000, 5_000)), weight: 2 },
    { arbitrary: fc.constantFrom('{"log":{"entries":[]}}', '{"format":"connect-devtools-timeline","version":1}', '{"log":null}', '{"log":{"entries":{}}}', ''), weight: 1 },
  );

  it('imports any HAR text into observations and timelines that export and import again, or a reason', () => {
    checkProperty(
      fc.property(harText, (text) => {
        const imported = importHar(text);
        mustBeResult(imported);
        if (!imported.ok) return;
        const { observations, payments, entries, skippedEntries } = imported.value;
        must(entries >= 0 && skippedEntries >= 0, 'counts of entries read and skipped');
        must(observations.every((o) => observationSchema.safeParse(o).success), 'every observation passes its schema');
        must(observations.some((o) => o.kind === 'client-api-call'), 'an import has Connect traffic');
        must(observations.every((o, i) => i === 0 || (observations[i - 1]?.at ?? -Infinity) <= o.at), 'observations in time order');
        must(payments.every((p) => exportedPaymentSchema.safeParse(p).success && p.records.length <= DEFAULT_MAX_RECORDS), 'every timeline passes the export schema, within the record bound');
        mustHaveOrdinaryPrototypes({ observations, payments }, 'import');
        // Export then import gives back the same timelines.
        const again = importTimelines(exportTimelines(payments, { redact: false, now: NOW, toolVersion: '0.1.0' }));
        must(again.ok && isDeepStrictEqual(again.value.payments, payments), 'the timelines export and import again unchanged', again);
      }),
    );
  }, PROPERTY_TIMEOUT_MS);
});

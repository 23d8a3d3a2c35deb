import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { errorCodesOf, errorResponseSchema, isSessionExpired } from '../../../src/core/connect/error-response.ts';
import { thirdPartyStatusResponseSchema } from '../../../src/core/connect/third-party-status-schema.ts';
import { classifyPollResponse, toPollResponse, type RawResponse } from '../../../src/core/poll/poll-request.ts';
import { parseRetryAfter } from '../../../src/core/poll/retry-after.ts';
import { MAX_BODY_CHARS, type PollOutcomeKind } from '../../../src/core/timeline/poll-record.ts';
import { pollOutcomeSchema, pollResponseSchema } from '../../../src/core/timeline/poll-record-schema.ts';
import { errorBody, responseBodyText, statusBody } from './connect-values.ts';
import { anyValue, hostileKey, hostileText, jsonText, longText, mutatedJson, ownObject } from './hostile-values.ts';
import { checkProperty, PROPERTY_TIMEOUT_MS, must, mustHaveOrdinaryPrototypes } from './property-run.ts';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

const retryAfter = fc.oneof(
  fc.constantFrom('0', '2', '120', '9999999999', '99999999999', '-1', '1.5', '5s', ' 3 ', '', 'Sun, 01 Jun 2025 12:00:05 GMT', 'Sunday, 01-Jun-25 12:00:05 GMT', 'Sun Jun  1 12:00:05 2025', 'Sun, 01 Jun 1900 00:00:00 GMT', 'Mon, 99 Foo 2025 99:99:99 GMT'),
  fc.integer({ min: 0, max: 2 ** 40 }).map(String),
  fc.integer({ min: NOW - 10 ** 9, max: NOW + 10 ** 10 }).map((ms) => new Date(ms).toUTCString()),
  hostileText,
);

const contentType = fc.oneof(fc.constantFrom('application/json', 'application/json;charset=UTF-8', 'text/html; charset=utf-8', 'text/plain', 'TEXT/HTML', ''), hostileText);

const responseHeaders = fc
  .tuple(
    fc.option(fc.tuple(fc.constantFrom('content-type', 'Content-Type', 'CONTENT-TYPE'), contentType), { nil: undefined }),
    fc.option(fc.tuple(fc.constantFrom('retry-after', 'Retry-After'), retryAfter), { nil: undefined }),
    fc.array(fc.tuple(fc.oneof(fc.constantFrom('date', 'content-length', 'x-request-id'), hostileKey), hostileText), { maxLength: 4 }),
  )
  .map(([type, retry, extra]) => ownObject([...(type ? [type] : []), ...(retry ? [retry] : []), ...extra]) as Record<string, string>);

const status = fc.oneof(
  { arbitrary: fc.constantFrom(200, 200, 200, 201, 204, 400, 401, 403, 403, 404, 404, 429, 500, 502, 503), weight: 6 },
  { arbitrary: fc.integer({ min: 0, max: 999 }), weight: 2 },
  { arbitrary: fc.constantFrom(-1, 0, 199, 300, 399, 600, 2 ** 31), weight: 1 },
);

const bodyText = fc.oneof(
  { arbitrary: responseBodyText, weight: 12 },
  { arbitrary: fc.constantFrom(MAX_BODY_CHARS - 1, MAX_BODY_CHARS, MAX_BODY_CHARS + 1).chain((n) => longText(n, n)), weight: 1 },
  {
    arbitrary: fc.integer({ min: MAX_BODY_CHARS - 40, max: MAX_BODY_CHARS + 40 }).map((n) => `{"thirdPartyStatus":"COMPLETED","pad":"${'x'.repeat(Math.max(0, n - 41))}"}`),
    weight: 1,
  },
);

const rawResponse: fc.Arbitrary<RawResponse> = fc.record({ status, headers: responseHeaders, bodyText });

/** What each HTTP status may come out as (poll-request.ts). */
function kindsFor(code: number): readonly PollOutcomeKind[] {
  if (code >= 200 && code < 300) return ['status', 'unknown-status', 'malformed'];
  if (code === 403) return ['session-expired', 'client-error'];
  if (code === 404) return ['not-found'];
  if (code === 429) return ['rate-limited'];
  if (code >= 500 && code < 600) return ['server-error'];
  if (code >= 400 && code < 500) return ['client-error'];
  return ['malformed'];
}

function parsedJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

describe('Client API answers', () => {
  it('sorts any answer into one outcome of the record schema, by its HTTP status', () => {
    checkProperty(
      fc.property(rawResponse, (raw) => {
        const outcome = classifyPollResponse(raw, NOW);
        must(pollOutcomeSchema.safeParse(outcome).success, 'the outcome fits the record schema', outcome);
        must(kindsFor(raw.status).includes(outcome.kind), `status ${raw.status} is ${kindsFor(raw.status).join(' or ')}`, outcome);
        mustHaveOrdinaryPrototypes(outcome, 'outcome');
        const json = raw.bodyText.length <= MAX_BODY_CHARS ? parsedJson(raw.bodyText) : { ok: false as const };
        if (outcome.kind === 'status') {
          must(json.ok && (json.value as { thirdPartyStatus?: unknown }).thirdPartyStatus === outcome.status, 'a status is what the body says', raw.bodyText);
        }
        if (outcome.kind === 'session-expired') must(json.ok && isSessionExpired(403, json.value), 'expired only on 403 with 9008', raw.bodyText);
        if (outcome.kind === 'rate-limited' && outcome.retryAfterMs !== undefined) {
          must(Number.isFinite(outcome.retryAfterMs) && outcome.retryAfterMs >= 0, 'a wait is a finite number of ms', outcome);
        }

        const kept = toPollResponse(raw);
        must(pollResponseSchema.safeParse(kept).success, 'the kept response fits the record schema', kept);
        must(kept.bodyText.length <= MAX_BODY_CHARS && (kept.bodyTruncated === true) === raw.bodyText.length > MAX_BODY_CHARS, 'the body is kept whole or cut and marked', raw.bodyText.length);
        must(Object.keys(kept.headers).every((name) => ['content-type', 'content-length', 'retry-after', 'date'].includes(name)), 'only the headers worth keeping', kept.headers);
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('reads any JSON against the error and third-party status schemas without throwing', () => {
    checkProperty(
      fc.property(fc.oneof(errorBody, statusBody, mutatedJson(errorBody), mutatedJson(statusBody), anyValue), (value) => {
        const error = errorResponseSchema.safeParse(value);
        if (error.success) {
          must(typeof error.data.errorId === 'string' && error.data.errors.every((e) => typeof e.code === 'string'), 'an error body has an errorId and coded errors', value);
        }
        const answer = thirdPartyStatusResponseSchema.safeParse(value);
        if (answer.success) must(typeof answer.data.thirdPartyStatus === 'string', 'a status answer has a text status', value);
        const expired = isSessionExpired(403, value);
        must(expired === (error.success && error.data.errors.some((e) => e.code === '9008')), 'expired exactly when the errors hold 9008', value);
        must(!isSessionExpired(401, value), 'only a 403 says expired', value);
        // The same value through JSON, as it comes over the network: read without throwing too.
        const wire = parsedJson(jsonText(value));
        if (wire.ok) {
          errorResponseSchema.safeParse(wire.value);
          thirdPartyStatusResponseSchema.safeParse(wire.value);
        }
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('errorCodesOf accepts exactly what errorResponseSchema accepts, and gives its codes in order', () => {
    checkProperty(
      fc.property(fc.oneof(errorBody, mutatedJson(errorBody), anyValue), (value) => {
        const wire = parsedJson(jsonText(value));
        for (const input of wire.ok ? [value, wire.value] : [value]) {
          const schema = errorResponseSchema.safeParse(input);
          const codes = errorCodesOf(input);
          const expected = schema.success ? schema.data.errors.map((e) => e.code) : undefined;
          must(isDeepStrictEqual(codes, expected), 'the codes the schema reads, or none where it refuses', input, codes, expected);
        }
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('reads any Retry-After as a finite wait, or none', () => {
    checkProperty(
      fc.property(fc.option(retryAfter, { nil: undefined }), fc.integer({ min: 0, max: 2 ** 42 }), (value, now) => {
        const wait = parseRetryAfter(value, now);
        must(wait === undefined || (Number.isFinite(wait) && wait >= 0), 'undefined or a finite wait', value, wait);
        if (value !== undefined && /^\d{1,10}$/.test(value.trim())) must(wait === Number(value.trim()) * 1000, 'seconds are read as seconds', value, wait);
      }),
    );
  }, PROPERTY_TIMEOUT_MS);
});

import { z } from '../zod.ts';
import { thirdPartyStatusSchema } from '../connect/third-party-status-schema.ts';
import { idText, urlText } from '../detect/observation.ts';
import { MAX_BODY_CHARS, MAX_HEADERS, STOP_REASONS } from './poll-record.ts';

/**
 * The schemas of a poll record (poll-record.ts), for what is read back from an imported file or
 * from storage. Everything here may come from outside, so every string is capped.
 */

const text = (max: number) => z.string().check(z.maxLength(max));

export const headersSchema = z
  .record(text(256), text(8192))
  .check(z.refine((headers) => Object.keys(headers).length <= MAX_HEADERS, `at most ${MAX_HEADERS} headers`));
export type HeaderMap = z.infer<typeof headersSchema>;

export const pollRequestSchema = z.object({
  method: z.literal('GET'),
  url: urlText,
  /** As sent, names in their sent case; the Authorization value is the real one until an exporter redacts it. */
  headers: headersSchema,
});
export type PollRequest = z.infer<typeof pollRequestSchema>;

export const pollResponseSchema = z.object({
  status: z.number().check(z.int()),
  /** A small subset (content type, length, Retry-After, date), names in lower case. */
  headers: headersSchema,
  bodyText: text(MAX_BODY_CHARS),
  /** The body was longer than MAX_BODY_CHARS and was cut. */
  bodyTruncated: z.optional(z.boolean()),
});
export type PollResponse = z.infer<typeof pollResponseSchema>;

/** What a body looked like, for answers that are not the documented JSON. */
export const bodyKindSchema = z.enum(['json', 'html', 'text', 'empty']);
export type BodyKind = z.infer<typeof bodyKindSchema>;

/** The platform's error body, reduced to the fields worth showing. */
export const platformErrorSchema = z.object({
  errorId: text(256),
  errors: z
    .array(
      z.object({
        code: text(64),
        id: z.optional(text(256)),
        category: z.optional(text(64)),
        message: z.optional(text(1024)),
      }),
    )
    .check(z.maxLength(16)),
});
export type PlatformError = z.infer<typeof platformErrorSchema>;

/** An HTTP error answer: the platform's error body when it is one, else what the body looked like. */
const errorAnswer = { error: z.optional(platformErrorSchema), body: bodyKindSchema };

export const pollOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('status'), status: thirdPartyStatusSchema }),
  /** Valid JSON with a value the platform does not document: a state, shown as what it is. */
  z.object({ kind: z.literal('unknown-status'), value: text(256) }),
  /** 403 with code 9008. */
  z.object({ kind: z.literal('session-expired'), error: platformErrorSchema }),
  z.object({ kind: z.literal('not-found'), ...errorAnswer }),
  /** 429; the wait the server asked for, when it said one in a form we understand. */
  z.object({ kind: z.literal('rate-limited'), retryAfterMs: z.optional(z.number().check(z.nonnegative())), ...errorAnswer }),
  z.object({ kind: z.literal('server-error'), ...errorAnswer }),
  z.object({ kind: z.literal('client-error'), ...errorAnswer }),
  /** An answer that is not a thirdpartystatus response, e.g. "HTML page" or "invalid JSON". */
  z.object({ kind: z.literal('malformed'), body: bodyKindSchema, description: text(256) }),
  z.object({ kind: z.literal('network-error'), message: text(1024) }),
  z.object({ kind: z.literal('timeout'), afterMs: z.number().check(z.nonnegative()) }),
]);
export type PollOutcome = z.infer<typeof pollOutcomeSchema>;
export type PollOutcomeKind = PollOutcome['kind'];

export const pollRecordSchema = z.object({
  /** Position in its payment's run, counting every poll made, kept or folded away. */
  seq: z.number().check(z.int(), z.nonnegative()),
  source: z.enum(['poll', 'har-import']),
  /** Epoch milliseconds. */
  startedAt: z.number(),
  endedAt: z.number(),
  request: pollRequestSchema,
  /** Absent when no answer came (network error, timeout). */
  response: z.optional(pollResponseSchema),
  outcome: pollOutcomeSchema,
  /** How many identical polls of the same timeline row this record also stands for (see fold-polls). */
  foldedPolls: z.optional(z.number().check(z.int(), z.positive())),
  /** How many polls right before this one were dropped whole, rows and all, to keep history bounded. */
  gapBefore: z.optional(z.number().check(z.int(), z.positive())),
});
export type PollRecord = z.infer<typeof pollRecordSchema>;

export const stopReasonSchema = z.enum(STOP_REASONS);
export type StopReason = z.infer<typeof stopReasonSchema>;

/** Why and when a poll run ended. */
export const pollStopSchema = z.object({
  kind: z.literal('stopped'),
  at: z.number(),
  reason: stopReasonSchema,
  message: text(512),
});
export type PollStop = z.infer<typeof pollStopSchema>;

/** The session a polled payment belongs to. */
export const pollTargetSchema = z.object({
  clientApiUrl: urlText,
  customerId: idText,
  paymentId: idText,
  clientSessionId: idText,
});
export type PollTarget = z.infer<typeof pollTargetSchema>;

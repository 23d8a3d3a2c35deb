import { z } from '../zod.ts';

/**
 * Raw facts, as observed. Everything the panel shows (sessions, payments, timelines) is derived
 * from a list of these by pure functions, so live capture, HAR import and file import agree.
 *
 * Limits on lengths keep a hostile page from filling memory through one giant string.
 */
const text = (max: number) => z.string().check(z.maxLength(max));
export const urlText = text(4096);
export const idText = text(256);

export const sdkIdentitySchema = z.object({
  /** As sent, e.g. `JavaScriptClientSDK/v6.0.6` or `rpp-JavaScriptClientSDK/v6.0.6`. */
  identifier: text(256),
  /** e.g. `JavaScriptClientSDK`, `AndroidClientSDK`, `SwiftClientSDK`. */
  name: text(128),
  version: z.optional(text(64)),
  creator: z.optional(text(256)),
});
export type SdkIdentity = z.infer<typeof sdkIdentitySchema>;

export const frameSchema = z.object({ frameId: z.number().check(z.int()), url: urlText });
export type Frame = z.infer<typeof frameSchema>;

/** A request the page made to a Connect Client API (`/client/v1/{customerId}/…` with `GCS v1Client:`). */
export const clientApiCallSchema = z.object({
  kind: z.literal('client-api-call'),
  /** Start of the request, epoch milliseconds. */
  at: z.number(),
  source: z.enum(['network', 'har-import']),
  url: urlText,
  method: text(16),
  /** 0 when the request never got an answer. */
  status: z.number().check(z.int()),
  durationMs: z.number(),
  clientSessionId: idText,
  customerId: idText,
  /** The base the SDK was given, normalised to end in `/client` (the SDK adds `/v1`). */
  clientApiUrl: urlText,
  /** The part after `/client/v1/{customerId}/`, without the query, e.g. `products` or `payments/1/thirdpartystatus`. */
  path: urlText,
  sdk: z.optional(sdkIdentitySchema),
  /** Set when the call was `payments/{paymentId}/thirdpartystatus`. */
  paymentId: z.optional(idText),
  /** The `thirdPartyStatus` value of a successful thirdpartystatus answer, as sent. */
  thirdPartyStatus: z.optional(text(64)),
  /** The `errors[].code` values of an error answer, e.g. `['9008']` for an expired session. */
  errorCodes: z.optional(z.array(text(32)).check(z.maxLength(16))),
});
export type ClientApiCall = z.infer<typeof clientApiCallSchema>;

/** The SDK globals the page hook watches: Connect v3–v6, Connect v1–v2 (2016), Online Payments. */
export const sdkGlobalSchema = z.enum(['connectsdk', 'GCsdk', 'onlinepaymentssdk']);

/** A `Session` the page created with a global SDK, seen by the page hook. Untrusted: any page script can forge one. */
export const sdkSessionSchema = z.object({
  kind: z.literal('sdk-session'),
  at: z.number(),
  global: sdkGlobalSchema,
  clientSessionId: idText,
  customerId: idText,
  clientApiUrl: urlText,
  assetUrl: urlText,
  /** The page set `document.GC.rppEnabledPage` when the session was made: a hosted checkout page. */
  hostedCheckout: z.optional(z.boolean()),
  /** Set by the service worker from the message sender, never by the page. */
  frame: frameSchema,
});
export type SdkSession = z.infer<typeof sdkSessionSchema>;

/** A payment id, and where it was learnt. */
export const paymentSeenSchema = z.object({
  kind: z.literal('payment'),
  at: z.number(),
  paymentId: idText,
  source: z.enum(['thirdpartystatus-call', 'create-payment-response', 'typed']),
  productId: z.optional(z.number().check(z.int())),
  actionType: z.optional(text(64)),
  showDataKeys: z.optional(z.array(text(64)).check(z.maxLength(32))),
  /** The session it belongs to, when known. */
  clientSessionId: z.optional(idText),
  /** The request that revealed it (create-payment response). */
  url: z.optional(urlText),
});
export type PaymentSeen = z.infer<typeof paymentSeenSchema>;

export const navigationSchema = z.object({
  kind: z.literal('navigation'),
  at: z.number(),
  url: urlText,
});
export type Navigation = z.infer<typeof navigationSchema>;

/**
 * The panel's own poll of this session was answered 403 with code 9008: the session has expired, or
 * it may not access that customer. The page's own calls say the same through their `errorCodes`.
 */
export const sessionRefusedSchema = z.object({
  kind: z.literal('session-refused'),
  at: z.number(),
  clientSessionId: idText,
  customerId: idText,
  source: z.literal('panel-poll'),
});
export type SessionRefused = z.infer<typeof sessionRefusedSchema>;

export const observationSchema = z.discriminatedUnion('kind', [
  clientApiCallSchema,
  sdkSessionSchema,
  paymentSeenSchema,
  navigationSchema,
  sessionRefusedSchema,
]);
export type Observation = z.infer<typeof observationSchema>;

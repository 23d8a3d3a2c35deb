import { z } from '../zod.ts';
import { safeParse } from '../safe-parse.ts';

/** The observations' limit on a URL (observation.ts `urlText`). */
const MAX_URL_LENGTH = 4096;
import { normaliseClientApiUrl, resolveProtocolRelative } from '../connect/client-api-url.ts';
import { parseClientSessionId, parseCustomerId } from '../connect/ids.ts';
import { fail, ok, type Result } from '../result.ts';
import { originOf } from '../url-origin.ts';
import { idText, sdkGlobalSchema, urlText } from './observation.ts';

/**
 * One session as the page hook reports it. Any page script can send one, so it gets the same
 * rules as values read from a request. It carries no time: a page's clock is its own, so the
 * extension stamps the arrival time. Unknown keys (an old hook's `at` above all) are dropped.
 */
export const pageSessionSchema = z.object({
  global: sdkGlobalSchema,
  clientSessionId: idText,
  customerId: idText,
  clientApiUrl: urlText,
  assetUrl: urlText,
  /** `document.GC.rppEnabledPage` was set: anything but `true` is left out. */
  hostedCheckout: z.catch(z.optional(z.literal(true)), undefined),
});
export type PageSession = z.infer<typeof pageSessionSchema>;

/** A page session that passed the checks; its clientApiUrl is normalised to end in `/client`. */
export type CheckedPageSession = PageSession;

/**
 * `frameUrl` is the URL of the frame that reported the session, from the message sender: a
 * protocol-relative clientApiUrl or assetUrl (`//host/client`) takes its scheme, as in the page.
 */
export function checkPageSession(raw: unknown, frameUrl?: string): Result<CheckedPageSession> {
  const parsed = safeParse(pageSessionSchema, raw);
  if (!parsed.success) return fail(describe(parsed.error));
  const { global, clientSessionId, customerId, clientApiUrl, hostedCheckout } = parsed.data;
  const asset = resolveProtocolRelative(parsed.data.assetUrl, frameUrl);
  const assetUrl = asset.ok ? asset.value : '';
  const id = parseClientSessionId(clientSessionId);
  if (!id.ok) return fail(`clientSessionId is ${id.reason}.`);
  const customer = parseCustomerId(customerId);
  if (!customer.ok) return fail(`customerId is ${customer.reason}.`);
  const url = normaliseClientApiUrl(clientApiUrl, frameUrl);
  if (!url.ok) return fail(`clientApiUrl cannot be used: ${url.reason}.`);
  return ok({
    global,
    clientSessionId: id.value,
    customerId: customer.value,
    clientApiUrl: url.value,
    // Only shown, never fetched: a value that is not an http(s) URL is not worth refusing the session for.
    assetUrl: assetUrl === '' || assetUrl.length > MAX_URL_LENGTH || originOf(assetUrl) === undefined ? '' : assetUrl,
    ...(hostedCheckout ? { hostedCheckout } : {}),
  });
}

/** Keeps the sessions that pass and counts the rest, for the service worker to drop and report. */
export function checkPageSessions(
  list: readonly unknown[],
  frameUrl?: string,
): { sessions: CheckedPageSession[]; dropped: number } {
  const sessions: CheckedPageSession[] = [];
  for (const raw of list) {
    const checked = checkPageSession(raw, frameUrl);
    if (checked.ok) sessions.push(checked.value);
  }
  return { sessions, dropped: list.length - sessions.length };
}

/** The first problem, as a sentence about the field: a page's report is not a file with paths. */
function describe(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  const field = issue?.path[0];
  if (issue === undefined || typeof field !== 'string') return 'A page session is an object with global, clientSessionId, customerId, clientApiUrl and assetUrl.';
  if (field === 'global') return 'global is none of connectsdk, GCsdk and onlinepaymentssdk.';
  if (issue.code === 'too_big') return `${field} is longer than ${String(issue.maximum)} characters.`;
  return `${field} is missing or not text.`;
}

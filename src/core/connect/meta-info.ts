import { z } from '../zod.ts';
import { fail, ok, type Result } from '../result.ts';
import type { SdkIdentity } from '../detect/observation.ts';
import { decodeBase64Text } from './base64-text.ts';
import { isJsonObject, parseJsonText } from './json-text.ts';

/**
 * A real header is a few hundred characters (a user agent plus four short fields);
 * anything past this is not worth decoding.
 */
export const META_INFO_MAX_HEADER_LENGTH = 8192;

/**
 * An optional text field: a value of the wrong type or size is dropped, not fatal to the rest. The type
 * is checked before the length: zod measures any `length`, and `{"length":{"toString":""}}` throws.
 */
const optionalText = (max: number) => z.catch(z.optional(z.pipe(z.string(), z.string().check(z.maxLength(max)))), undefined);

/**
 * `X-GCS-ClientMetaInfo`, decoded. JS SDKs send `screenSize`, `platformIdentifier` (the user agent),
 * `sdkIdentifier` and `sdkCreator`; the mobile SDKs add `appIdentifier`, `deviceBrand`, `deviceType`
 * and sometimes `ipAddress`. Every SDK sends `sdkIdentifier`, so without it this is not SDK meta info.
 */
export const metaInfoSchema = z.looseObject({
  sdkIdentifier: z.pipe(z.string(), z.string().check(z.minLength(1), z.maxLength(256))),
  sdkCreator: optionalText(256),
  platformIdentifier: optionalText(1024),
  screenSize: optionalText(64),
  appIdentifier: optionalText(256),
  deviceBrand: optionalText(128),
  deviceType: optionalText(128),
  ipAddress: optionalText(64),
});
export type MetaInfo = z.infer<typeof metaInfoSchema>;

export function decodeMetaInfo(header: string | undefined): Result<MetaInfo> {
  if (header === undefined) return fail('no X-GCS-ClientMetaInfo header');
  if (header.length > META_INFO_MAX_HEADER_LENGTH) {
    return fail(`header too long (${header.length} characters, limit ${META_INFO_MAX_HEADER_LENGTH})`);
  }
  const text = decodeBase64Text(header);
  if (!text.ok) return text;
  const json = parseJsonText(text.value, META_INFO_MAX_HEADER_LENGTH);
  if (!json.ok) return fail(`base64 of something that is ${json.reason}`);
  if (!isJsonObject(json.value)) {
    return fail(`JSON ${Array.isArray(json.value) ? 'array' : json.value === null ? 'null' : typeof json.value}, not an object`);
  }
  const parsed = metaInfoSchema.safeParse(json.value);
  if (!parsed.success) return fail('JSON object without a usable sdkIdentifier');
  return ok(parsed.data);
}

export type SdkIdentifierParts = {
  /** As sent. */
  identifier: string;
  /** Without the `rpp-` prefix and the version, e.g. `JavaScriptClientSDK`. */
  name: string;
  /** Without the leading `v`, e.g. `6.0.6`. */
  version?: string;
  /** `rpp-` prefix: the JS SDK adds it when `document.GC.rppEnabledPage` is set. */
  rpp: boolean;
};

/** `[rpp-]Name[/v1.2.3]`, e.g. `JavaScriptClientSDK/v6.0.6`, `AndroidClientSDK/v7.0.4`. */
const SDK_IDENTIFIER = /^(rpp-)?([A-Za-z][A-Za-z0-9._ -]{0,127})(?:\/v?([0-9A-Za-z][0-9A-Za-z.+_-]{0,63}))?$/;

export function parseSdkIdentifier(id: string): Result<SdkIdentifierParts> {
  const identifier = id.trim();
  if (identifier.length > 256) return fail(`too long (${identifier.length} characters, limit 256)`);
  const match = SDK_IDENTIFIER.exec(identifier);
  if (!match) return fail(`not of the form Name/vVersion: ${JSON.stringify(identifier.slice(0, 64))}`);
  const [, rpp, name = '', version] = match;
  return ok({ identifier, name: name.trim(), rpp: rpp !== undefined, ...(version ? { version } : {}) });
}

/** The identity shown for a call; an identifier of an unknown form is kept whole as the name. */
export function toSdkIdentity(meta: MetaInfo): SdkIdentity {
  const parts = parseSdkIdentifier(meta.sdkIdentifier);
  const creator = meta.sdkCreator ? { creator: meta.sdkCreator } : {};
  if (!parts.ok) return { identifier: meta.sdkIdentifier, name: meta.sdkIdentifier.slice(0, 128), ...creator };
  const { identifier, name, version } = parts.value;
  return { identifier, name, ...(version ? { version } : {}), ...creator };
}

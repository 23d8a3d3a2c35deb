import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { decodeMetaInfo, META_INFO_MAX_HEADER_LENGTH, metaInfoSchema, toSdkIdentity } from '../../../src/core/connect/meta-info.ts';
import { sdkIdentitySchema } from '../../../src/core/detect/observation.ts';
import { encodeClientMetaInfo } from '../../../src/core/poll/poll-request.ts';
import { metaInfoHeader, metaInfoObject } from './connect-values.ts';
import { base64Utf8, hostileText, jsonText, longText } from './hostile-values.ts';
import { checkProperty, PROPERTY_TIMEOUT_MS, must, mustBeResult, mustHaveOrdinaryPrototypes } from './property-run.ts';

const header = fc.oneof(
  { arbitrary: metaInfoHeader, weight: 30 },
  { arbitrary: longText(META_INFO_MAX_HEADER_LENGTH - 2, META_INFO_MAX_HEADER_LENGTH + 2), weight: 1 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);

/** The optional text fields and their caps (meta-info.ts). */
const CAPS = { sdkCreator: 256, platformIdentifier: 1024, screenSize: 64, appIdentifier: 256, deviceBrand: 128, deviceType: 128, ipAddress: 64 };

/** Lengths as zod measures them: in code points. */
const codePoints = (text: string) => [...text].length;

describe('X-GCS-ClientMetaInfo, decodeMetaInfo', () => {
  it('reads any header into meta info within the schema and its caps, or a reason', () => {
    checkProperty(
      fc.property(header, (value) => {
        const meta = decodeMetaInfo(value);
        mustBeResult(meta);
        if (value === undefined || value.length > META_INFO_MAX_HEADER_LENGTH) must(!meta.ok, 'no header, or one over the limit, is refused');
        if (!meta.ok) return;
        must(metaInfoSchema.safeParse(meta.value).success, 'passes its own schema', meta.value);
        mustHaveOrdinaryPrototypes(meta.value, 'meta');
        must(meta.value.sdkIdentifier.length >= 1 && codePoints(meta.value.sdkIdentifier) <= 256, 'sdkIdentifier is 1 to 256 characters');
        for (const [field, max] of Object.entries(CAPS)) {
          const text: unknown = meta.value[field];
          must(text === undefined || (typeof text === 'string' && codePoints(text) <= max), `${field} is text within ${max} characters`, text);
        }
        // What the panel shows of it always fits the observation limits.
        must(sdkIdentitySchema.safeParse(toSdkIdentity(meta.value)).success, 'the SDK identity fits the observation', meta.value);
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('reads the same object whichever base64 form an SDK wrote it in', () => {
    checkProperty(
      fc.property(metaInfoObject, (object) => {
        const text = jsonText(object);
        const padded = base64Utf8(text);
        // Two characters of room for the spaced form, so that both are under the length limit or neither is.
        fc.pre(padded.length + 2 <= META_INFO_MAX_HEADER_LENGTH);
        const urlSafe = padded.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
        const expected = decodeMetaInfo(padded);
        must(isDeepStrictEqual(decodeMetaInfo(`\t${urlSafe} `), expected), 'URL-safe, unpadded and among spaces, it reads the same', urlSafe);
        // Only sdkIdentifier decides whether it is meta info at all: the other fields are dropped when wrong.
        const identifier = (JSON.parse(text) as Record<string, unknown>).sdkIdentifier;
        const usable = typeof identifier === 'string' && identifier.length >= 1 && codePoints(identifier) <= 256;
        must(expected.ok === usable, 'read exactly when sdkIdentifier is text of 1 to 256 characters', text, expected);
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it("decodes this tool's own header back to what it said (round trip)", () => {
    checkProperty(
      fc.property(
        fc.stringMatching(/^\d{1,3}\.\d{1,3}\.\d{1,3}(-[0-9a-z.]{1,20})?$/),
        fc.oneof(fc.constant('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36'), hostileText.filter((t) => t.length <= 1024)),
        fc.option(fc.stringMatching(/^\d{1,5}x\d{1,5}$/), { nil: undefined }),
        (toolVersion, platformIdentifier, screenSize) => {
          const header = encodeClientMetaInfo({ toolVersion, platformIdentifier, ...(screenSize ? { screenSize } : {}) });
          // A user agent of a thousand control characters, each escaped to six, makes a header past the limit.
          fc.pre(header.length <= META_INFO_MAX_HEADER_LENGTH);
          const meta = decodeMetaInfo(header);
          must(meta.ok, 'its own header is read', header, meta);
          // JSON.stringify escapes a lone surrogate, so even that comes back as it was.
          must(
            isDeepStrictEqual(meta.value, {
              sdkIdentifier: `ConnectDevTools/v${toolVersion}`,
              sdkCreator: 'Connect DevTools',
              platformIdentifier,
              ...(screenSize ? { screenSize } : {}),
            }),
            'decodes to what was encoded',
            meta.value,
          );
          must(
            isDeepStrictEqual(toSdkIdentity(meta.value), { identifier: `ConnectDevTools/v${toolVersion}`, name: 'ConnectDevTools', version: toolVersion, creator: 'Connect DevTools' }),
            'names this tool and its version',
            meta.value,
          );
        },
      ),
    );
  }, PROPERTY_TIMEOUT_MS);
});

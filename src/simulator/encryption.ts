import {
  constants,
  createDecipheriv,
  createHmac,
  generateKeyPair,
  privateDecrypt,
  randomUUID,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import { promisify } from 'node:util';
import { z } from 'zod';
import { fail, ok, type Result } from '../core/result.ts';

/** The key behind `crypto/publickey`: a real RSA key, so the SDK's encryptor works unchanged. */
export type EncryptionKey = { keyId: string; publicKey: string; privateKey: KeyObject };

export async function createEncryptionKey(): Promise<EncryptionKey> {
  const { publicKey, privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return {
    keyId: randomUUID(),
    // Base64 DER SubjectPublicKeyInfo, the form the SDK feeds to forge's publicKeyFromAsn1.
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKey,
  };
}

const joseHeaderSchema = z.object({ alg: z.literal('RSA-OAEP'), enc: z.literal('A256CBC-HS512'), kid: z.string() });

/** What the SDK encrypts (connect-sdk-client-js Encryptor); only the fields the simulator uses are required. */
export const customerInputSchema = z
  .object({
    clientSessionId: z.string(),
    paymentProductId: z.number().int(),
    paymentValues: z.array(z.object({ key: z.string(), value: z.string() })).optional(),
  })
  .loose();
export type CustomerInput = z.infer<typeof customerInputSchema>;

const base64url = (part: string) => Buffer.from(part, 'base64url');

/**
 * Opens the SDK's JWE compact serialization: RSA-OAEP (SHA-1) wraps a 64-byte key whose first half
 * signs (HMAC-SHA-512, truncated) and whose second half encrypts (AES-256-CBC).
 */
export function decryptCustomerInput(jwe: string, key: EncryptionKey): Result<CustomerInput> {
  const parts = jwe.split('.');
  if (parts.length !== 5) return fail('not a 5-part JWE');
  const [protectedHeader = '', wrappedKey = '', iv = '', ciphertext = '', tag = ''] = parts;
  try {
    const header = joseHeaderSchema.safeParse(JSON.parse(base64url(protectedHeader).toString('utf8')));
    if (!header.success) return fail('unexpected JOSE header');
    if (header.data.kid !== key.keyId) return fail('encrypted for another key');

    const contentKey = privateDecrypt(
      { key: key.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
      base64url(wrappedKey),
    );
    if (contentKey.length !== 64) return fail('wrong content key length');

    const aad = Buffer.from(protectedHeader, 'ascii');
    const aadBits = Buffer.alloc(8);
    aadBits.writeBigUInt64BE(BigInt(aad.length * 8));
    const mac = createHmac('sha512', contentKey.subarray(0, 32))
      .update(Buffer.concat([aad, base64url(iv), base64url(ciphertext), aadBits]))
      .digest()
      .subarray(0, 32);
    const givenTag = base64url(tag);
    if (givenTag.length !== mac.length || !timingSafeEqual(mac, givenTag)) return fail('authentication tag mismatch');

    const decipher = createDecipheriv('aes-256-cbc', contentKey.subarray(32), base64url(iv));
    const plain = Buffer.concat([decipher.update(base64url(ciphertext)), decipher.final()]).toString('utf8');
    const input = customerInputSchema.safeParse(JSON.parse(plain));
    return input.success ? ok(input.data) : fail('unexpected payload');
  } catch (error) {
    return fail(`cannot decrypt: ${error instanceof Error ? error.message : String(error)}`);
  }
}

import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encryption of everything mentorflow hands to Temporal (workflow inputs and results, signals, updates,
 * activity arguments, memos): Temporal keeps them in its history in plain text otherwise, and they hold
 * teachers' personal data (152-FZ). AES-256-GCM, one random 96-bit IV per payload; the key id travels in the
 * payload's metadata so that keys can be rotated: new payloads use the first (active) key, older ones decode
 * with whichever configured key they name.
 */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
export const CIPHER_METADATA = 'encryption-cipher';
const CIPHER = 'AES-256-GCM';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface PayloadKey {
  readonly id: string;
  readonly key: Buffer;
}

export class PayloadKeyError extends Error {
  override readonly name = 'PayloadKeyError';
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/** `keyId:base64key[,keyId:base64key…]`, the first being the active key; each key is 32 bytes. */
export function parsePayloadKeys(spec: string): PayloadKey[] {
  const entries = spec
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0)
    throw new PayloadKeyError('TEMPORAL_PAYLOAD_KEYS is empty: expected keyId:base64key[,keyId:base64key…]');
  const keys = entries.map((entry) => {
    const separator = entry.indexOf(':');
    const id = separator < 0 ? '' : entry.slice(0, separator);
    if (!KEY_ID.test(id))
      throw new PayloadKeyError(
        `TEMPORAL_PAYLOAD_KEYS: key id "${id}" must be 1–64 characters of A–Z, a–z, 0–9, ".", "_", "-" followed by ":"`,
      );
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (key.length !== 32)
      throw new PayloadKeyError(
        `TEMPORAL_PAYLOAD_KEYS: key "${id}" must be 32 bytes in base64 (got ${key.length}); generate one with \`openssl rand -base64 32\``,
      );
    return { id, key };
  });
  const duplicate = keys.find((k, i) => keys.findIndex((other) => other.id === k.id) !== i);
  if (duplicate) throw new PayloadKeyError(`TEMPORAL_PAYLOAD_KEYS: key id "${duplicate.id}" is given twice`);
  return keys;
}

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly active: PayloadKey;
  private readonly byId: ReadonlyMap<string, Buffer>;

  constructor(keys: readonly PayloadKey[]) {
    if (keys.length === 0) throw new PayloadKeyError('At least one payload key is required');
    this.active = keys[0];
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  get activeKeyId(): string {
    return this.active.id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.active.key, iv);
      // The key id is authenticated: moving a payload under another id fails instead of decrypting garbage.
      cipher.setAAD(utf8(this.active.id));
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: {
          encoding: utf8(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: utf8(this.active.id),
          [CIPHER_METADATA]: utf8(CIPHER),
        },
        data: sealed,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      // Histories written before encryption (and the committed replay corpus) stay readable.
      if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
      const keyId = text(payload.metadata?.[KEY_ID_METADATA]) ?? '';
      const key = this.byId.get(keyId);
      if (!key) {
        throw new PayloadKeyError(
          `Temporal payload is encrypted with key "${keyId}", which is not in TEMPORAL_PAYLOAD_KEYS (known: ${[...this.byId.keys()].join(', ')})`,
        );
      }
      const sealed = Buffer.from(payload.data ?? new Uint8Array());
      if (sealed.length < IV_BYTES + TAG_BYTES)
        throw new PayloadKeyError(`Temporal payload encrypted with key "${keyId}" is truncated`);
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
      decipher.setAAD(utf8(keyId));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      let plain: Buffer;
      try {
        plain = Buffer.concat([
          decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
          decipher.final(),
        ]);
      } catch {
        throw new PayloadKeyError(
          `Temporal payload encrypted with key "${keyId}" failed authentication: it was altered or the key is wrong`,
        );
      }
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

/**
 * The codec for a process: the configured keys, or in development and tests (no key configured) a key
 * derived from a fixed label — the same format as production, but no secrecy. Production refuses to start
 * without keys, so personal data never reaches Temporal in plain text there.
 */
export function payloadCodecFor(spec: string | undefined, nodeEnv = process.env.NODE_ENV): AesGcmPayloadCodec {
  if (spec && spec.trim()) return new AesGcmPayloadCodec(parsePayloadKeys(spec));
  if (nodeEnv === 'production') {
    throw new PayloadKeyError(
      'TEMPORAL_PAYLOAD_KEYS is required in production (keyId:base64key[,…], 32-byte keys, e.g. `k1:$(openssl rand -base64 32)`): ' +
        'without it workflow payloads with personal data would be stored in Temporal in plain text',
    );
  }
  return new AesGcmPayloadCodec([
    { id: 'dev-insecure', key: createHash('sha256').update('mentorflow development payload key').digest() },
  ]);
}

/** The failure converter's module, for the data converter and for a workflow bundle built ahead (its sandbox loads it). */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/** The data converter every mentorflow Temporal client and worker uses. */
export const mentorflowDataConverter = (codec: PayloadCodec) => ({
  payloadCodecs: [codec],
  failureConverterPath: FAILURE_CONVERTER_PATH,
});

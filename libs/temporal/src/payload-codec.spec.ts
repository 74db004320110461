import { defaultPayloadConverter } from '@temporalio/common';
import { randomBytes } from 'node:crypto';
import {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  parsePayloadKeys,
  payloadCodecFor,
  PayloadKeyError,
} from './payload-codec';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const teacher = { fullName: 'Иванова Мария Петровна', education: 'Высшее педагогическое, СГСПУ, 2012' };
const text = (bytes?: Uint8Array | null) => Buffer.from(bytes ?? []).toString('utf8');

describe('AES-256-GCM payload codec', () => {
  const oldKey = key('2025');
  const newKey = key('2026');

  it('round-trips a payload and leaves no plain text in what Temporal would store', async () => {
    const codec = new AesGcmPayloadCodec(parsePayloadKeys(newKey));
    const payload = defaultPayloadConverter.toPayload(teacher);
    const [encoded] = await codec.encode([payload]);
    expect(text(encoded.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encoded.metadata?.[KEY_ID_METADATA])).toBe('2026');
    const stored = Buffer.concat([
      Buffer.from(encoded.data ?? []),
      ...Object.values(encoded.metadata ?? {}).map((v) => Buffer.from(v ?? [])),
    ]);
    expect(stored.includes(Buffer.from('Иванова'))).toBe(false);
    expect(stored.includes(Buffer.from('json/plain'))).toBe(false);
    const [decoded] = await codec.decode([encoded]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(teacher);
  });

  it('uses a fresh IV per payload: equal inputs give different ciphertexts', async () => {
    const codec = new AesGcmPayloadCodec(parsePayloadKeys(newKey));
    const payload = defaultPayloadConverter.toPayload(teacher);
    const [a, b] = await codec.encode([payload, payload]);
    expect(Buffer.from(a.data ?? []).equals(Buffer.from(b.data ?? []))).toBe(false);
  });

  it('refuses a tampered payload, and one moved under another key id', async () => {
    const codec = new AesGcmPayloadCodec(parsePayloadKeys(`${newKey},${oldKey}`));
    const [encoded] = await codec.encode([defaultPayloadConverter.toPayload(teacher)]);
    const flipped = Buffer.from(encoded.data ?? []);
    flipped[20] ^= 0x01;
    await expect(codec.decode([{ ...encoded, data: flipped }])).rejects.toThrow(/key "2026" failed authentication/);
    const relabelled = { ...encoded, metadata: { ...encoded.metadata, [KEY_ID_METADATA]: Buffer.from('2025') } };
    await expect(codec.decode([relabelled])).rejects.toThrow(PayloadKeyError);
    await expect(codec.decode([{ ...encoded, data: Buffer.from(encoded.data ?? []).subarray(0, 10) }])).rejects.toThrow(
      /truncated/,
    );
  });

  it('decodes payloads sealed with a retired key after rotation, and seals new ones with the active key', async () => {
    const before = new AesGcmPayloadCodec(parsePayloadKeys(oldKey));
    const [sealedWithOld] = await before.encode([defaultPayloadConverter.toPayload(teacher)]);
    const after = new AesGcmPayloadCodec(parsePayloadKeys(`${newKey},${oldKey}`));
    expect(defaultPayloadConverter.fromPayload((await after.decode([sealedWithOld]))[0])).toEqual(teacher);
    const [sealedNow] = await after.encode([defaultPayloadConverter.toPayload(teacher)]);
    expect(text(sealedNow.metadata?.[KEY_ID_METADATA])).toBe('2026');
    // Once the old key is dropped, payloads still sealed with it fail loudly, naming the key.
    const dropped = new AesGcmPayloadCodec(parsePayloadKeys(newKey));
    await expect(dropped.decode([sealedWithOld])).rejects.toThrow(
      /encrypted with key "2025", which is not in TEMPORAL_PAYLOAD_KEYS \(known: 2026\)/,
    );
  });

  it('passes through payloads that were never encrypted (histories recorded before, the replay corpus)', async () => {
    const codec = new AesGcmPayloadCodec(parsePayloadKeys(newKey));
    const plain = defaultPayloadConverter.toPayload(teacher);
    const empty = defaultPayloadConverter.toPayload(undefined);
    expect(await codec.decode([plain, empty])).toEqual([plain, empty]);
  });

  it('rejects malformed key configuration with the reason', () => {
    expect(() => parsePayloadKeys('')).toThrow(/empty/);
    expect(() => parsePayloadKeys('nokey')).toThrow(/key id ""/);
    expect(() => parsePayloadKeys(`k1:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes .*got 16/);
    expect(() => parsePayloadKeys(`${key('k1').replace('k1', 'bad id')}`)).toThrow(/key id "bad id"/);
    const same = key('k1');
    expect(() => parsePayloadKeys(`${same},${key('k1')}`)).toThrow(/"k1" is given twice/);
  });

  it('refuses to run in production without keys, and falls back to a development key elsewhere', async () => {
    expect(() => payloadCodecFor(undefined, 'production')).toThrow(/TEMPORAL_PAYLOAD_KEYS is required in production/);
    expect(() => payloadCodecFor('  ', 'production')).toThrow(/required in production/);
    expect(payloadCodecFor(undefined, 'development').activeKeyId).toBe('dev-insecure');
    expect(payloadCodecFor(newKey, 'production').activeKeyId).toBe('2026');
    // Two processes of a development system (API and worker) read each other's payloads.
    const [sealed] = await payloadCodecFor(undefined, 'test').encode([defaultPayloadConverter.toPayload(teacher)]);
    expect(defaultPayloadConverter.fromPayload((await payloadCodecFor(undefined, 'test').decode([sealed]))[0])).toEqual(
      teacher,
    );
  });
});

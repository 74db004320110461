import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, chainHash, chainHashOfCanonical, GENESIS_HASH } from './hash-chain';

/** The first implementation, which every stored chain was hashed with: the faster one must not differ. */
function referenceCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(referenceCanonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${referenceCanonicalJson(v)}`).join(',')}}`;
}

const referenceChainHash = (
  previous: string,
  e: { streamId: string; streamVersion: number; eventId: string; type: string; data: unknown; metadata: unknown },
) =>
  createHash('sha256')
    .update(previous)
    .update('\n')
    .update(referenceCanonicalJson([e.streamId, e.streamVersion, e.eventId, e.type, e.data, e.metadata]))
    .digest('hex');

describe('hash chain', () => {
  it('serialises any JSON value exactly as the original canonical JSON did', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.dictionary(fc.string(), fc.option(fc.jsonValue(), { nil: undefined })),
        (value, withUndefined) => {
          expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
          expect(canonicalJson(withUndefined)).toBe(referenceCanonicalJson(withUndefined));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('hashes events as before, so chains stored earlier still verify', () => {
    const event = {
      streamId: 'pair-1',
      streamVersion: 7,
      eventId: '0b6f3c1e-5a57-4c1b-9f43-2d0c9a7a1e11',
      type: 'MentorDiaryEntryRecorded',
      data: { text: 'Посетили урок «7 Б»', pairId: 'pair-1', nested: { b: [1, null, 'x'], a: true }, gone: undefined },
      metadata: { role: 'mentor', actorId: 'mentor-1' },
    };
    expect(chainHash(GENESIS_HASH, event)).toBe(referenceChainHash(GENESIS_HASH, event));
    expect(chainHashOfCanonical(GENESIS_HASH, event, canonicalJson(event.data), canonicalJson(event.metadata))).toBe(
      referenceChainHash(GENESIS_HASH, event),
    );
  });
});

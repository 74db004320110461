import { hash } from 'node:crypto';

/** The hash before a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level: jsonb does not keep key order, the hash must not depend on it.
 * Builds one string without intermediate arrays (the append path hashes every event); the output is the
 * same as sorting `Object.entries` with `<` and dropping undefined values, so stored chains still verify.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  // Default sort compares UTF-16 code units, as `a < b` does.
  const keys = Object.keys(value).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}

export interface HashedContent {
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  data: unknown;
  metadata: unknown;
}

export function chainHash(previousHash: string, event: HashedContent): string {
  return chainHashOfCanonical(previousHash, event, canonicalJson(event.data), canonicalJson(event.metadata));
}

/**
 * `chainHash` from already canonical data and metadata: the append sends these same strings as the
 * jsonb values, so each event is serialised once.
 */
export function chainHashOfCanonical(
  previousHash: string,
  event: Pick<HashedContent, 'streamId' | 'streamVersion' | 'eventId' | 'type'>,
  canonicalData: string,
  canonicalMetadata: string,
): string {
  // = canonicalJson([streamId, streamVersion, eventId, type, data, metadata]); one-shot hash avoids a Hash object per event.
  const content = `[${JSON.stringify(event.streamId)},${canonicalJson(event.streamVersion)},${JSON.stringify(event.eventId)},${JSON.stringify(event.type)},${canonicalData},${canonicalMetadata}]`;
  return hash('sha256', `${previousHash}\n${content}`, 'hex');
}

import { EventIdReuseError, WrongExpectedVersionError } from './event-store.errors';
import { canonicalJson, chainHash, chainHashOfCanonical, GENESIS_HASH } from './hash-chain';
import type { AppendResult, NewEvent, ReadAllCursor, RecordedEvent } from './event-store.types';
import { START_OF_STORE } from './event-store.types';

/** The one thing the store needs from a database client; TypeORM's DataSource and pg's Pool both fit. */
export interface SqlExecutor {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T[]>;
}

interface EventRow {
  position: string;
  transaction_id: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recorded_at: Date;
  hash: string | null;
}

const EVENT_COLUMNS =
  'position, transaction_id::text AS transaction_id, event_id, stream_id, stream_version, type, data, metadata, recorded_at, hash';

/**
 * One call appends the whole batch (migrations CreateAppendFunction, LeanAppendFunction): it inserts only when the stream is
 * at the expected version with the expected head hash and none of the ids is stored yet, so a retry or
 * a stale writer inserts nothing and no call ever commits half a batch. Data and metadata travel as one
 * jsonb array each, written as the same canonical JSON the hash covers (jsonb ignores key order).
 */
const APPEND_SQL =
  'SELECT append_events($1, $2, $3::uuid[], $4::text[], $5::jsonb, $6::jsonb, $7::text[], $8) AS position';
/** The same for one event with scalar parameters (migration SingleEventAppendFunction): NULL when rejected. */
const APPEND_ONE_SQL = 'SELECT append_event($1, $2, $3::uuid, $4, $5::jsonb, $6::jsonb, $7, $8) AS position';

const UNIQUE_VIOLATION = '23505';

export class EventStore {
  constructor(private readonly db: SqlExecutor) {}

  /**
   * Appends at `expectedVersion`. A writer that knows the hash of the stream's head (the one the last
   * append returned) passes it as `previousHash` and saves a round trip; the statement checks it.
   */
  async append(
    streamId: string,
    expectedVersion: number,
    events: readonly NewEvent[],
    options: { previousHash?: string | null } = {},
  ): Promise<AppendResult> {
    if (events.length === 0) {
      return {
        nextExpectedVersion: expectedVersion,
        positions: [],
        duplicate: false,
        lastHash: options.previousHash ?? null,
      };
    }
    const ids = events.map((e) => e.eventId);
    const known = expectedVersion === 0 ? GENESIS_HASH : options.previousHash;
    const previousHash = known ?? (await this.headHash(streamId, expectedVersion));
    const result = await this.tryAppend(streamId, expectedVersion, events, previousHash);
    if (result) return result;
    // The caller's head hash may have been stale while the version matched: read the head once and retry.
    if (known !== undefined && expectedVersion > 0 && (await this.streamVersion(streamId)) === expectedVersion) {
      const retried = await this.tryAppend(
        streamId,
        expectedVersion,
        events,
        await this.headHash(streamId, expectedVersion),
      );
      if (retried) return retried;
    }
    return this.resolveRejectedAppend(streamId, expectedVersion, ids);
  }

  private async tryAppend(
    streamId: string,
    expectedVersion: number,
    events: readonly NewEvent[],
    previousHash: string,
  ): Promise<AppendResult | undefined> {
    const { hashes, data, metadata } = chainHashes(streamId, expectedVersion, events, previousHash);
    let inserted: { position: string | null }[] = [];
    try {
      const [one] = events;
      inserted =
        events.length === 1 && one
          ? (
              await this.db.query<{ position: string | null }>(APPEND_ONE_SQL, [
                streamId,
                expectedVersion,
                one.eventId,
                one.type,
                data.one,
                metadata.one,
                hashes[0],
                previousHash,
              ])
            ).filter((r) => r.position !== null)
          : await this.db.query<{ position: string }>(APPEND_SQL, [
              streamId,
              expectedVersion,
              events.map((e) => e.eventId),
              events.map((e) => e.type),
              data.array,
              metadata.array,
              hashes,
              previousHash,
            ]);
    } catch (error) {
      // A concurrent writer won the same version or the same ids: the caller decides which it was.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    }
    if (inserted.length !== events.length) return undefined;
    return {
      nextExpectedVersion: expectedVersion + events.length,
      positions: inserted.map((r) => Number(r.position)),
      duplicate: false,
      lastHash: hashes.at(-1) ?? null,
    };
  }

  /**
   * Appends each batch to the end of its stream, all in ONE insert (a bulk import touches thousands of
   * streams: a statement per stream would cost a round trip each). The heads are read in one query and each
   * batch chains its hashes on its head; a writer that appends to one of the streams meanwhile makes the
   * insert violate (stream_id, stream_version) and nothing is stored (WrongExpectedVersionError, 409). Run it
   * in the transaction that writes what the events describe; a failed insert aborts that transaction.
   */
  async appendToStreams(batches: readonly { streamId: string; events: readonly NewEvent[] }[]): Promise<number> {
    const nonEmpty = batches.filter((b) => b.events.length > 0);
    if (nonEmpty.length === 0) return 0;
    const heads = new Map(
      (
        await this.db.query<{ stream_id: string; stream_version: number; hash: string | null }>(
          `SELECT DISTINCT ON (stream_id) stream_id, stream_version, hash FROM events
           WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, stream_version DESC`,
          [nonEmpty.map((b) => b.streamId)],
        )
      ).map((row) => [row.stream_id, row]),
    );
    const ids: string[] = [];
    const streams: string[] = [];
    const versions: number[] = [];
    const types: string[] = [];
    const data: string[] = [];
    const metadata: string[] = [];
    const hashes: string[] = [];
    for (const { streamId, events } of nonEmpty) {
      const head = heads.get(streamId);
      const version = head?.stream_version ?? 0;
      const chained = chainHashes(streamId, version, events, head?.hash ?? GENESIS_HASH);
      events.forEach((event, i) => {
        ids.push(event.eventId);
        streams.push(streamId);
        versions.push(version + i + 1);
        types.push(event.type);
        hashes.push(chained.hashes[i]!);
      });
      data.push(chained.data.array.slice(1, -1));
      metadata.push(chained.metadata.array.slice(1, -1));
    }
    try {
      await this.db.query(
        `INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata, hash)
         SELECT t.event_id, t.stream_id, t.stream_version, t.type, t.data, t.metadata, t.hash
           FROM ROWS FROM (unnest($1::uuid[]), unnest($2::text[]), unnest($3::int[]), unnest($4::text[]),
                           jsonb_array_elements($5::jsonb), jsonb_array_elements($6::jsonb), unnest($7::text[]))
                WITH ORDINALITY AS t(event_id, stream_id, stream_version, type, data, metadata, hash, n)
          ORDER BY t.n`,
        [ids, streams, versions, types, `[${data.join(',')}]`, `[${metadata.join(',')}]`, hashes],
      );
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      const [first] = nonEmpty;
      throw new WrongExpectedVersionError(first!.streamId, heads.get(first!.streamId)?.stream_version ?? 0, -1);
    }
    return ids.length;
  }

  private async headHash(streamId: string, version: number): Promise<string> {
    const [head] = await this.db.query<{ hash: string | null }>(
      'SELECT hash FROM events WHERE stream_id = $1 AND stream_version = $2',
      [streamId, version],
    );
    return head?.hash ?? GENESIS_HASH;
  }

  /**
   * Recomputes a stream's hash chain from its first event; the first event whose stored hash differs
   * was changed (or one before it was), and every later link is then unprovable.
   */
  async verifyStream(
    streamId: string,
  ): Promise<{ valid: boolean; events: number; firstBrokenVersion?: number; firstBrokenEventId?: string }> {
    const events = await this.readStream(streamId);
    let previous = GENESIS_HASH;
    for (const event of events) {
      const expected = chainHash(previous, event);
      if (event.hash !== expected) {
        return {
          valid: false,
          events: events.length,
          firstBrokenVersion: event.streamVersion,
          firstBrokenEventId: event.eventId,
        };
      }
      previous = expected;
    }
    return { valid: true, events: events.length };
  }

  private async resolveRejectedAppend(streamId: string, expectedVersion: number, ids: string[]): Promise<AppendResult> {
    const stored = await this.db.query<{
      event_id: string;
      stream_id: string;
      stream_version: number;
      position: string;
      hash: string | null;
    }>(
      'SELECT event_id, stream_id, stream_version, position, hash FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY position',
      [ids],
    );
    if (stored.length === ids.length && stored.every((r) => r.stream_id === streamId)) {
      return {
        nextExpectedVersion: Math.max(...stored.map((r) => r.stream_version)),
        positions: stored.map((r) => Number(r.position)),
        duplicate: true,
        lastHash: stored.at(-1)?.hash ?? null,
      };
    }
    if (stored.length > 0) {
      throw new EventIdReuseError(
        streamId,
        stored.map((r) => r.event_id),
      );
    }
    throw new WrongExpectedVersionError(streamId, expectedVersion, await this.streamVersion(streamId));
  }

  async streamVersion(streamId: string): Promise<number> {
    const [row] = await this.db.query<{ version: number }>(
      'SELECT coalesce(max(stream_version), 0)::int AS version FROM events WHERE stream_id = $1',
      [streamId],
    );
    return row?.version ?? 0;
  }

  async readStream(streamId: string, fromVersion = 1): Promise<RecordedEvent[]> {
    const rows = await this.db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version`,
      [streamId, fromVersion],
    );
    return rows.map(toRecorded);
  }

  /**
   * Events after `cursor`, only from transactions older than every one still running
   * (pg_snapshot_xmin), in (transaction id, position) order. An event whose transaction is still open
   * is held back, together with everything after it, until it commits or rolls back.
   */
  async readAll(cursor: ReadAllCursor = START_OF_STORE, limit = 500): Promise<RecordedEvent[]> {
    const rows = await this.db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE (transaction_id, position) > ($1::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       -- Qualified: the bare name would sort by the text alias in the select list ('1000' < '999').
       ORDER BY events.transaction_id, events.position
       LIMIT $3`,
      [cursor.transactionId, cursor.position, limit],
    );
    return rows.map(toRecorded);
  }
}

/**
 * The batch's hashes, each chained to the one before, the first to the stream's head, and the batch's
 * data and metadata as JSON arrays of the canonical texts the hashes cover (each event serialised once).
 */
function chainHashes(
  streamId: string,
  expectedVersion: number,
  events: readonly NewEvent[],
  head: string,
): { hashes: string[]; data: { array: string; one?: string }; metadata: { array: string; one?: string } } {
  let previous = head;
  const hashes: string[] = [];
  const data: string[] = [];
  const metadata: string[] = [];
  events.forEach((event, i) => {
    const canonicalData = canonicalJson(event.data);
    const canonicalMetadata = canonicalJson(event.metadata);
    previous = chainHashOfCanonical(
      previous,
      { streamId, streamVersion: expectedVersion + i + 1, eventId: event.eventId, type: event.type },
      canonicalData,
      canonicalMetadata,
    );
    hashes.push(previous);
    data.push(canonicalData);
    metadata.push(canonicalMetadata);
  });
  return {
    hashes,
    data: { array: `[${data.join(',')}]`, one: data[0] },
    metadata: { array: `[${metadata.join(',')}]`, one: metadata[0] },
  };
}

export const cursorOf = (event: RecordedEvent): ReadAllCursor => ({
  transactionId: event.transactionId,
  position: event.position,
});

function toRecorded(row: EventRow): RecordedEvent {
  return {
    position: Number(row.position),
    transactionId: row.transaction_id,
    eventId: row.event_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at.toISOString(),
    hash: row.hash,
  };
}

import { EventIdReuseError, WrongExpectedVersionError } from './event-store.errors';
import { chainHash, GENESIS_HASH } from './hash-chain';
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
 * One statement appends the whole batch: it inserts only when the stream is at the expected version
 * and none of the ids is stored yet, so a retry or a stale writer inserts nothing and the statement
 * never commits half a batch.
 */
const APPEND_SQL = `
  WITH current_version AS (
    SELECT coalesce(max(stream_version), 0) AS version FROM events WHERE stream_id = $1
  ), input AS (
    SELECT * FROM unnest($3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[], $7::text[])
      WITH ORDINALITY AS t(event_id, type, data, metadata, hash, n)
  )
  INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata, hash)
  SELECT i.event_id, $1, $2 + i.n, i.type, i.data, i.metadata, i.hash
  FROM input i, current_version c
  WHERE c.version = $2
    AND NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = ANY($3::uuid[]))
  ORDER BY i.n
  RETURNING position`;

const UNIQUE_VIOLATION = '23505';

export class EventStore {
  constructor(private readonly db: SqlExecutor) {}

  async append(streamId: string, expectedVersion: number, events: readonly NewEvent[]): Promise<AppendResult> {
    if (events.length === 0) {
      return { nextExpectedVersion: expectedVersion, positions: [], duplicate: false };
    }
    const ids = events.map((e) => e.eventId);
    const hashes = await this.chain(streamId, expectedVersion, events);
    let inserted: { position: string }[] = [];
    try {
      inserted = await this.db.query<{ position: string }>(APPEND_SQL, [
        streamId,
        expectedVersion,
        ids,
        events.map((e) => e.type),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => JSON.stringify(e.metadata)),
        hashes,
      ]);
    } catch (error) {
      // A concurrent writer won the same version or the same ids: decide below which it was.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    }
    if (inserted.length === events.length) {
      return {
        nextExpectedVersion: expectedVersion + events.length,
        positions: inserted.map((r) => Number(r.position)),
        duplicate: false,
      };
    }
    return this.resolveRejectedAppend(streamId, expectedVersion, ids);
  }

  /** Hashes for the batch, chained to the stream's head; a stale head only matters if the insert succeeds, and then it cannot be stale. */
  private async chain(streamId: string, expectedVersion: number, events: readonly NewEvent[]): Promise<string[]> {
    let previous = GENESIS_HASH;
    if (expectedVersion > 0) {
      const [head] = await this.db.query<{ hash: string | null }>('SELECT hash FROM events WHERE stream_id = $1 AND stream_version = $2', [
        streamId,
        expectedVersion,
      ]);
      previous = head?.hash ?? GENESIS_HASH;
    }
    return events.map((event, i) => {
      previous = chainHash(previous, { streamId, streamVersion: expectedVersion + i + 1, ...event });
      return previous;
    });
  }

  /**
   * Recomputes a stream's hash chain from its first event; the first event whose stored hash differs
   * was changed (or one before it was), and every later link is then unprovable.
   */
  async verifyStream(streamId: string): Promise<{ valid: boolean; events: number; firstBrokenVersion?: number; firstBrokenEventId?: string }> {
    const events = await this.readStream(streamId);
    let previous = GENESIS_HASH;
    for (const event of events) {
      const expected = chainHash(previous, event);
      if (event.hash !== expected) {
        return { valid: false, events: events.length, firstBrokenVersion: event.streamVersion, firstBrokenEventId: event.eventId };
      }
      previous = expected;
    }
    return { valid: true, events: events.length };
  }

  private async resolveRejectedAppend(streamId: string, expectedVersion: number, ids: string[]): Promise<AppendResult> {
    const stored = await this.db.query<{ event_id: string; stream_id: string; stream_version: number; position: string }>(
      'SELECT event_id, stream_id, stream_version, position FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY position',
      [ids],
    );
    if (stored.length === ids.length && stored.every((r) => r.stream_id === streamId)) {
      return {
        nextExpectedVersion: Math.max(...stored.map((r) => r.stream_version)),
        positions: stored.map((r) => Number(r.position)),
        duplicate: true,
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
       ORDER BY transaction_id, position
       LIMIT $3`,
      [cursor.transactionId, cursor.position, limit],
    );
    return rows.map(toRecorded);
  }
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

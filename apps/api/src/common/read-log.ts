import { randomUUID } from 'node:crypto';
import { EventStore, WrongExpectedVersionError, type SqlExecutor } from '@mentorflow/event-store';

/** Repeated reads of one resource by one reader (in one format) within this window are recorded once. */
export const AUDIT_READ_WINDOW_MS = 60_000;

/**
 * Records a read of personal or audit data as an event of `streamId` (who, when, what): one record per
 * reader and format a minute — a screen refreshed 200 times is one look at the data, not 200 events. The
 * reader's last read and the stream's version are read together; a read recorded in between moves the
 * version, so the append fails and the check runs again (concurrent reads by one reader record it once).
 * `event.data` must carry `readerId` and `format`; a read for another `reason` (the reader's own words) is
 * another record.
 */
export async function recordRead(
  db: SqlExecutor,
  store: EventStore,
  streamId: string,
  event: {
    type: string;
    data: { readerId: string; format: string; reason?: string } & Record<string, unknown>;
    metadata: Record<string, unknown>;
  },
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      // The database's clock on both sides: recorded_at is set by PostgreSQL.
      const [{ version, recent }] = await db.query<{ version: number; recent: boolean }>(
        `SELECT coalesce(max(stream_version), 0)::int AS version,
                coalesce(bool_or(data->>'readerId' = $2 AND data->>'format' = $3 AND coalesce(data->>'reason', '') = $5
                                  AND recorded_at > now() - make_interval(secs => $4)), false) AS recent
         FROM events WHERE stream_id = $1`,
        [streamId, event.data.readerId, event.data.format, AUDIT_READ_WINDOW_MS / 1000, event.data.reason ?? ''],
      );
      if (recent) return;
      await store.append(streamId, version, [{ eventId: randomUUID(), ...event }]);
      return;
    } catch (error) {
      // Two readers at once: the loser appends after the winner.
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
  }
}

/** A page of the reads recorded in `streamId`, oldest first (the stream grows with every read: never read whole). */
export async function recordedReads(store: EventStore, streamId: string, page: { limit: number; offset: number }) {
  // Versions are 1-based.
  const reads = (await store.readStream(streamId, page.offset + 1)).slice(0, page.limit);
  return reads.map((e) => ({ ...(e.data as object), recordedAt: e.recordedAt }));
}

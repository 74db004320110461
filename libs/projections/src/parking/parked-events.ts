import type { RecordedEvent, SqlExecutor } from '@mentorflow/event-store';

/** Enough to tell one failure from another; an error carrying more (a stack, a payload) is cut here. */
export const PARKED_ERROR_MAX_LENGTH = 500;

/** The error's message only, truncated: what is stored and shown (never the event's data). */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.length > PARKED_ERROR_MAX_LENGTH ? `${message.slice(0, PARKED_ERROR_MAX_LENGTH - 1)}…` : message;
}

/**
 * The failure count after one more failure of the same event, and whether that parks it: an event fails
 * `maxFailures` times in a row before the projector gives up on it (a transient error is retried meanwhile).
 */
export function nextFailure(previousFailures: number, maxFailures: number): { failures: number; park: boolean } {
  const failures = previousFailures + 1;
  return { failures, park: failures >= maxFailures };
}

/** Thrown after the projector committed what came before an event that failed and was not parked yet. */
export class ProjectionEventFailedError extends Error {
  constructor(
    readonly projection: string,
    readonly event: Pick<RecordedEvent, 'position' | 'type'>,
    readonly failures: number,
    readonly maxFailures: number,
    cause: string,
  ) {
    super(
      `Projection ${projection} failed on event ${event.type} at position ${event.position} (${failures} of ${maxFailures}): ${cause}`,
    );
    this.name = 'ProjectionEventFailedError';
  }
}

export interface ParkedEvent {
  id: string;
  projection: string;
  position: number;
  streamId: string;
  streamVersion: number;
  eventType: string;
  error: string;
  failures: number;
  firstFailedAt: Date;
  lastFailedAt: Date;
  parkedAt: Date | null;
  retriedAt: Date | null;
  resolvedAt: Date | null;
}

const COLUMNS = `id, projection, global_position::int AS position, stream_id AS "streamId",
  stream_version AS "streamVersion", event_type AS "eventType", error, failures,
  first_failed_at AS "firstFailedAt", last_failed_at AS "lastFailedAt", parked_at AS "parkedAt",
  retried_at AS "retriedAt", resolved_at AS "resolvedAt"`;

const OPEN = 'parked_at IS NOT NULL AND resolved_at IS NULL';

/** The failure counts of the events a projection stopped at (not parked yet), by store position. */
export async function pendingFailures(tx: SqlExecutor, projection: string): Promise<Map<number, number>> {
  const rows = await tx.query<{ position: string; failures: number }>(
    'SELECT global_position AS position, failures FROM projection_parked_events WHERE projection = $1 AND parked_at IS NULL',
    [projection],
  );
  return new Map(rows.map((r) => [Number(r.position), r.failures]));
}

/** The event applied after all: its count of failures is forgotten. */
export async function forgetFailure(tx: SqlExecutor, projection: string, position: number): Promise<void> {
  await tx.query(
    'DELETE FROM projection_parked_events WHERE projection = $1 AND global_position = $2 AND parked_at IS NULL',
    [projection, position],
  );
}

/** Counts one more failure of `event` (parking it when `park`), keeping when it first failed. */
export async function recordFailure(
  tx: SqlExecutor,
  projection: string,
  event: RecordedEvent,
  error: string,
  failure: { failures: number; park: boolean },
): Promise<void> {
  await tx.query(
    `INSERT INTO projection_parked_events
       (projection, global_position, stream_id, stream_version, event_type, error, failures, first_failed_at, last_failed_at, parked_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now(), CASE WHEN $8 THEN now() END)
     ON CONFLICT (projection, global_position) DO UPDATE SET error = excluded.error, failures = excluded.failures,
       last_failed_at = now(), parked_at = coalesce(projection_parked_events.parked_at, excluded.parked_at), resolved_at = NULL`,
    [
      projection,
      event.position,
      event.streamId,
      event.streamVersion,
      event.type,
      error,
      failure.failures,
      failure.park,
    ],
  );
}

/** Parked events not resolved yet, the oldest failure first (`projection`: of that read model only). */
export function openParkedEvents(
  db: SqlExecutor,
  page: { limit: number; offset: number },
  projection?: string,
): Promise<ParkedEvent[]> {
  return db.query<ParkedEvent>(
    `SELECT ${COLUMNS} FROM projection_parked_events WHERE ${OPEN} AND ($3::text IS NULL OR projection = $3)
     ORDER BY first_failed_at, id LIMIT $1 OFFSET $2`,
    [page.limit, page.offset, projection ?? null],
  );
}

/** Unresolved parked events per projection (health): empty when every read model is whole. */
export async function openParkedCounts(db: SqlExecutor): Promise<Record<string, number>> {
  const rows = await db.query<{ projection: string; count: number }>(
    `SELECT projection, count(*)::int AS count FROM projection_parked_events WHERE ${OPEN} GROUP BY projection ORDER BY projection`,
  );
  return Object.fromEntries(rows.map((r) => [r.projection, r.count]));
}

/** One parked event, locked for its retry. */
export async function parkedEventForRetry(tx: SqlExecutor, id: string): Promise<ParkedEvent | undefined> {
  const [row] = await tx.query<ParkedEvent>(
    `SELECT ${COLUMNS} FROM projection_parked_events WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return row;
}

/** The outcome of a retry: resolved, or still parked with the new error. */
export async function recordRetry(
  tx: SqlExecutor,
  id: string,
  retried: { by: string; reason?: string },
  error: string | undefined,
): Promise<ParkedEvent> {
  // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
  const [rows] = (await tx.query(
    `UPDATE projection_parked_events SET retried_at = now(), retried_by = $2, retry_reason = $4,
       resolved_at = CASE WHEN $3::text IS NULL THEN now() END,
       error = coalesce($3, error), failures = failures + CASE WHEN $3::text IS NULL THEN 0 ELSE 1 END,
       last_failed_at = CASE WHEN $3::text IS NULL THEN last_failed_at ELSE now() END
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, retried.by, error ?? null, retried.reason ?? null],
  )) as unknown as [ParkedEvent[], number];
  return rows[0] as ParkedEvent;
}

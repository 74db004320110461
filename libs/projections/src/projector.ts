import { EventStore, START_OF_STORE, cursorOf, type ReadAllCursor, type SqlExecutor } from '@mentorflow/event-store';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Projection } from './projection';
import {
  errorText,
  forgetFailure,
  nextFailure,
  parkedEventForRetry,
  pendingFailures,
  ProjectionEventFailedError,
  recordFailure,
  recordRetry,
  type ParkedEvent,
} from './parking/parked-events';

/** Consecutive failures of one event before it is parked (PROJECTION_MAX_FAILURES). */
export const DEFAULT_MAX_FAILURES = 5;

/** What an administrator's retry of a parked event came to. */
export type RetryOutcome =
  | { kind: 'notFound' }
  | { kind: 'alreadyResolved'; parked: ParkedEvent }
  | { kind: 'resolved' | 'failed'; parked: ParkedEvent };

const txExecutor = (runner: QueryRunner): SqlExecutor => ({
  query: <T>(sql: string, parameters?: unknown[]) => runner.query(sql, parameters) as Promise<T[]>,
});

/** Orders store positions: transaction id first (xid8, as text), then position. */
const compareCursors = (a: ReadAllCursor, b: ReadAllCursor): number => {
  const ta = BigInt(a.transactionId);
  const tb = BigInt(b.transactionId);
  return ta !== tb ? (ta < tb ? -1 : 1) : a.position - b.position;
};

/**
 * Catches read models up with the store. Each batch runs in one transaction holding an advisory lock
 * per projection, so two projector processes never apply the same batch and a crash loses nothing.
 */
export class Projector {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batchSize = 500,
    private readonly maxFailures = DEFAULT_MAX_FAILURES,
  ) {}

  /**
   * Applies everything committed so far; returns how many events were read. A batch that fails is applied
   * again one event at a time (issue 23): the events before the failing one commit with its failure count,
   * and `ProjectionEventFailedError` is thrown; once it has failed `maxFailures` times in a row it is
   * parked instead and the read model moves on.
   */
  async catchUp(projection: Projection): Promise<number> {
    let total = 0;
    // An event that failed last time goes alone first, so that its success forgets its count.
    let oneByOne = (await pendingFailures(this.dataSource, projection.name)).size > 0;
    for (;;) {
      let read: number;
      if (oneByOne) {
        const outcome = await this.inTransaction(projection, async (tx) => this.applyOneByOne(projection, tx));
        if (outcome instanceof ProjectionEventFailedError) throw outcome;
        read = outcome;
      } else {
        try {
          read = await this.inTransaction(projection, async (tx) => this.applyNextBatch(projection, tx));
        } catch {
          // Which event failed is not known yet: the same batch again, one event at a time.
          oneByOne = true;
          continue;
        }
      }
      oneByOne = false;
      total += read;
      if (read < this.batchSize) return total;
    }
  }

  /**
   * Applies a parked event again through its projection (after a fix): resolved when it applies, else it
   * stays parked with the new error. Takes the projection's lock, so the projector waits meanwhile.
   */
  async retryParked(
    projection: Projection,
    parkedId: string,
    retried: { by: string; reason?: string },
  ): Promise<RetryOutcome> {
    return this.inTransaction(projection, async (tx) => {
      const parked = await parkedEventForRetry(tx, parkedId);
      if (!parked || parked.projection !== projection.name) return { kind: 'notFound' };
      if (parked.resolvedAt) return { kind: 'alreadyResolved', parked };
      const [event] = await new EventStore(tx).readStream(parked.streamId, parked.streamVersion);
      const error = await this.attempt(tx, async () => {
        if (!event || event.position !== parked.position) throw new Error('the event is no longer in the store');
        await (projection.retry ?? projection.apply).call(projection, [event], tx);
      });
      const updated = await recordRetry(tx, parkedId, retried, error);
      return { kind: error === undefined ? 'resolved' : 'failed', parked: updated };
    });
  }

  /**
   * Catches several read models up together: each batch is read from the store once and applied to every
   * projection in one transaction with all their checkpoints (benchmark 5: eight projections each
   * reading and committing on their own could not keep up with 1,000 events/s). A projection ahead of
   * the others only skips what it has seen. If any projection fails, the whole batch rolls back and the
   * error is thrown: callers isolate the failing projection (`catchUp` alone) so the others move on.
   */
  async catchUpTogether(projections: readonly Projection[]): Promise<number> {
    if (projections.length === 1) return this.catchUp(projections[0] as Projection);
    const ordered = [...projections].sort((a, b) => a.name.localeCompare(b.name));
    let total = 0;
    for (;;) {
      const read = await this.inTransaction(ordered, async (tx) => this.applySharedBatch(ordered, tx));
      total += read;
      if (read < this.batchSize) return total;
    }
  }

  /** Recreates the read model from position 0 in one transaction: readers see the old model until it commits. */
  async rebuild(projection: Projection): Promise<number> {
    return this.inTransaction(projection, async (tx) => {
      await projection.reset(tx);
      await this.saveCheckpoint(tx, projection.name, START_OF_STORE);
      let total = 0;
      for (;;) {
        const read = await this.applyNextBatch(projection, tx);
        total += read;
        if (read < this.batchSize) return total;
      }
    });
  }

  async checkpoint(name: string, db: SqlExecutor = this.dataSource): Promise<ReadAllCursor> {
    const [row] = await db.query<{ transaction_id: string; position: string }>(
      'SELECT transaction_id::text AS transaction_id, position FROM projection_checkpoints WHERE name = $1',
      [name],
    );
    return row ? { transactionId: row.transaction_id, position: Number(row.position) } : START_OF_STORE;
  }

  private async applyNextBatch(projection: Projection, tx: SqlExecutor): Promise<number> {
    const cursor = await this.checkpoint(projection.name, tx);
    const events = await new EventStore(tx).readAll(cursor, this.batchSize);
    const last = events.at(-1);
    if (!last) return 0;
    const relevant = events.filter((e) => projection.eventTypes.has(e.type));
    if (relevant.length > 0) await projection.apply(relevant, tx);
    await this.saveCheckpoint(tx, projection.name, cursorOf(last));
    return events.length;
  }

  /**
   * The next batch, each event applied on its own (in a savepoint): a failing event is parked after
   * `maxFailures` consecutive failures and skipped; before that the checkpoint stops just before it and the
   * failure is returned, to throw once its count has committed.
   */
  private async applyOneByOne(projection: Projection, tx: SqlExecutor): Promise<number | ProjectionEventFailedError> {
    const cursor = await this.checkpoint(projection.name, tx);
    const events = await new EventStore(tx).readAll(cursor, this.batchSize);
    const last = events.at(-1);
    if (!last) return 0;
    const pending = await pendingFailures(tx, projection.name);
    let applied = cursor;
    for (const event of events) {
      if (projection.eventTypes.has(event.type)) {
        const error = await this.attempt(tx, () => projection.apply([event], tx));
        if (error === undefined) {
          if (pending.has(event.position)) await forgetFailure(tx, projection.name, event.position);
        } else {
          const failure = nextFailure(pending.get(event.position) ?? 0, this.maxFailures);
          await recordFailure(tx, projection.name, event, error, failure);
          if (!failure.park) {
            await this.saveCheckpoint(tx, projection.name, applied);
            return new ProjectionEventFailedError(projection.name, event, failure.failures, this.maxFailures, error);
          }
        }
      }
      applied = cursorOf(event);
    }
    await this.saveCheckpoint(tx, projection.name, cursorOf(last));
    return events.length;
  }

  /** Runs `work` in a savepoint: undefined when it succeeded, else its error's text (and nothing it did stays). */
  private async attempt(tx: SqlExecutor, work: () => Promise<void>): Promise<string | undefined> {
    await tx.query('SAVEPOINT projection_event');
    try {
      await work();
      await tx.query('RELEASE SAVEPOINT projection_event');
      return undefined;
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT projection_event');
      return errorText(error);
    }
  }

  private async applySharedBatch(projections: readonly Projection[], tx: SqlExecutor): Promise<number> {
    const names = projections.map((p) => p.name);
    const rows = await tx.query<{ name: string; transaction_id: string; position: string }>(
      'SELECT name, transaction_id::text AS transaction_id, position FROM projection_checkpoints WHERE name = ANY($1::text[])',
      [names],
    );
    const cursors = new Map<string, ReadAllCursor>(
      rows.map((r) => [r.name, { transactionId: r.transaction_id, position: Number(r.position) }]),
    );
    const cursorOfProjection = (name: string) => cursors.get(name) ?? START_OF_STORE;
    const from = names.map(cursorOfProjection).reduce((min, c) => (compareCursors(c, min) < 0 ? c : min));
    const events = await new EventStore(tx).readAll(from, this.batchSize);
    const last = events.at(-1);
    if (!last) return 0;
    const end = cursorOf(last);
    const moved: string[] = [];
    for (const projection of projections) {
      const seen = cursorOfProjection(projection.name);
      if (compareCursors(seen, end) >= 0) continue;
      const relevant = events.filter((e) => projection.eventTypes.has(e.type) && compareCursors(cursorOf(e), seen) > 0);
      if (relevant.length > 0) await projection.apply(relevant, tx);
      moved.push(projection.name);
    }
    await tx.query(
      `INSERT INTO projection_checkpoints (name, transaction_id, position, updated_at)
       SELECT name, $2::xid8, $3, now() FROM unnest($1::text[]) AS name
       ON CONFLICT (name) DO UPDATE SET transaction_id = excluded.transaction_id, position = excluded.position, updated_at = now()`,
      [moved, end.transactionId, end.position],
    );
    return events.length;
  }

  private async saveCheckpoint(tx: SqlExecutor, name: string, cursor: ReadAllCursor): Promise<void> {
    await tx.query(
      `INSERT INTO projection_checkpoints (name, transaction_id, position, updated_at) VALUES ($1, $2::xid8, $3, now())
       ON CONFLICT (name) DO UPDATE SET transaction_id = excluded.transaction_id, position = excluded.position, updated_at = now()`,
      [name, cursor.transactionId, cursor.position],
    );
  }

  private async inTransaction<T>(
    projection: Projection | readonly Projection[],
    work: (tx: SqlExecutor) => Promise<T>,
  ): Promise<T> {
    // Several projections lock in name order, so two projectors never wait on each other in a cycle.
    const names = (Array.isArray(projection) ? projection : [projection as Projection]).map(
      (p) => `projection:${p.name}`,
    );
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // A read model is rebuilt from the store and its checkpoint commits with its rows, so a crash can
      // only lose both together and the batch is applied again: its commit need not wait for the WAL
      // flush (projection lag, benchmark 5). Any later durable commit flushes it too.
      await runner.query(
        "SELECT set_config('synchronous_commit', 'off', true), pg_advisory_xact_lock(hashtext(name)) FROM unnest($1::text[]) AS name",
        [names],
      );
      const result = await work(txExecutor(runner));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}

import { EventStore, START_OF_STORE, cursorOf, type ReadAllCursor, type SqlExecutor } from '@mentorflow/event-store';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Projection } from './projection';

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
  ) {}

  /** Applies everything committed so far; returns how many events were read. */
  async catchUp(projection: Projection): Promise<number> {
    let total = 0;
    for (;;) {
      const read = await this.inTransaction(projection, async (tx) => this.applyNextBatch(projection, tx));
      total += read;
      if (read < this.batchSize) return total;
    }
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

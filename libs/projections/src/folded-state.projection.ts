import { EventStore, type RecordedEvent, type SqlExecutor } from '@mentorflow/event-store';
import type { Projection } from './projection';

export interface FoldedStateOptions<S> {
  name: string;
  table: string;
  /** Primary-key column holding the aggregate id. */
  idColumn: string;
  /** From `eventTypesOf<AggregateEvent>().every(…)`: the fold must see every event its `evolve` handles. */
  eventTypes: ReadonlySet<string>;
  /** The aggregate an event belongs to; undefined for events of other streams (shared types such as Task*). */
  aggregateId(event: RecordedEvent): string | undefined;
  /** The aggregate's own decider: the row is its `initialState` folded with its `evolve`. */
  decider: { initialState(): S; evolve(state: S, event: { type: string; data: unknown }): S };
  /**
   * Extra indexed columns derived from the state, for filters and lists; undefined while the stream has
   * not created the aggregate (e.g. a stray task event), which is then not a row and never blocks the
   * projector.
   */
  columns(state: S): Record<string, unknown> | undefined;
  /**
   * What of the state the row keeps, and how the fold resumes from it: lets a read model leave out a
   * write-side index that grows with every event (rewritten whole on each batch) and readers never use.
   */
  stored?: { write(state: S): unknown; read(stored: unknown): S };
}

/**
 * A read model that keeps, per aggregate, the domain's own `evolve` fold as jsonb plus a few columns
 * to filter on: the read side cannot drift from the write side's rules.
 */
export class FoldedStateProjection<S> implements Projection {
  readonly name: string;
  readonly eventTypes: ReadonlySet<string>;

  constructor(private readonly options: FoldedStateOptions<S>) {
    this.name = options.name;
    this.eventTypes = options.eventTypes;
  }

  async apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    const { table, idColumn } = this.options;
    const byAggregate = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      const id = this.options.aggregateId(event);
      if (id === undefined) continue;
      byAggregate.set(id, [...(byAggregate.get(id) ?? []), event]);
    }
    if (byAggregate.size === 0) return;
    // One read and one write for the whole batch, not two round trips per aggregate (benchmark 5).
    const stored = await tx.query<{ id: string; state: S; version: number }>(
      `SELECT ${idColumn}::text AS id, state, version FROM ${table} WHERE ${idColumn} = ANY($1) FOR UPDATE`,
      [[...byAggregate.keys()]],
    );
    const rows = new Map(stored.map((r) => [r.id, r]));
    const upserts: { values: unknown[]; names: string[] }[] = [];
    for (const [id, aggregateEvents] of byAggregate) {
      const row = rows.get(id);
      // Feeding an event twice must not fold it twice: the stream version says what was applied.
      const fresh = aggregateEvents.filter((e) => e.streamVersion > (row?.version ?? 0));
      const last = fresh.at(-1);
      if (!last) continue;
      const resumed = row ? (this.options.stored?.read(row.state) ?? row.state) : this.options.decider.initialState();
      const state = fresh.reduce((s, e) => this.options.decider.evolve(s, e), resumed);
      const columns = this.options.columns(state);
      if (!columns) continue;
      upserts.push({
        names: [idColumn, 'state', 'version', 'updated_at', ...Object.keys(columns)],
        values: [
          id,
          JSON.stringify(this.options.stored ? this.options.stored.write(state) : state),
          last.streamVersion,
          last.recordedAt,
          ...Object.values(columns),
        ],
      });
    }
    // One statement per column set (a `columns` function may leave a column out for some states).
    const bySignature = new Map<string, typeof upserts>();
    for (const u of upserts) bySignature.set(u.names.join(','), [...(bySignature.get(u.names.join(',')) ?? []), u]);
    for (const group of bySignature.values()) {
      const names = (group[0] as (typeof upserts)[number]).names;
      const values: unknown[] = [];
      const tuples = group.map((u) => `(${u.values.map((v) => `$${values.push(v)}`).join(', ')})`);
      const updates = names.slice(1).map((n) => `${n} = excluded.${n}`);
      await tx.query(
        `INSERT INTO ${table} (${names.join(', ')}) VALUES ${tuples.join(', ')}
         ON CONFLICT (${idColumn}) DO UPDATE SET ${updates.join(', ')}`,
        values,
      );
    }
  }

  /**
   * A parked event's aggregate folded again from its whole stream: the row already holds the later events
   * (its version is past the parked one), so applying the one event alone would change nothing.
   */
  async retry(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    const { table, idColumn } = this.options;
    for (const event of events) {
      const id = this.options.aggregateId(event);
      if (id === undefined) continue;
      const stream = await new EventStore(tx).readStream(event.streamId);
      await tx.query(`DELETE FROM ${table} WHERE ${idColumn} = $1`, [id]);
      await this.apply(
        stream.filter((e) => this.eventTypes.has(e.type)),
        tx,
      );
    }
  }

  async reset(tx: SqlExecutor): Promise<void> {
    await tx.query(`TRUNCATE ${this.options.table}`);
  }
}

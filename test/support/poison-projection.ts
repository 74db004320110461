import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventStore, type RecordedEvent } from '@mentorflow/event-store';
import { PROJECTIONS, type Projection } from '@mentorflow/projections';
import type { TestSystem } from './system';

/**
 * A read model whose handler throws on one event type while `broken` (issue 23: poison events), built the
 * way the projector's specs build theirs. It reads only the stream `append` writes (the shared test store
 * holds other specs' events); what it applied is a row of `test_poison_applied`, so it commits and rolls
 * back with the projector's transaction.
 */
export async function poisonProjection(db: DataSource, store: EventStore) {
  const streamId = `test-poison-${randomUUID()}`;
  await db.query(
    'CREATE TABLE IF NOT EXISTS test_poison_applied (projection text, position bigint, PRIMARY KEY (projection, position))',
  );
  const name = `poison-${randomUUID().slice(0, 8)}`;
  const control = { broken: true, failuresLeft: Infinity };
  const projection: Projection = {
    name,
    eventTypes: new Set(['TestFine', 'TestPoison']),
    async apply(events, tx) {
      for (const event of events.filter((e) => e.streamId === streamId)) {
        if (event.type === 'TestPoison' && control.broken && control.failuresLeft-- > 0)
          throw new TypeError(`Cannot read properties of undefined (reading 'stage') at ${event.position}`);
        await tx.query('INSERT INTO test_poison_applied VALUES ($1, $2) ON CONFLICT DO NOTHING', [
          name,
          event.position,
        ]);
      }
    },
    async reset(tx) {
      await tx.query('DELETE FROM test_poison_applied WHERE projection = $1', [name]);
    },
  };
  const applied = async () =>
    (
      await db.query<{ position: string }[]>(
        'SELECT position FROM test_poison_applied WHERE projection = $1 ORDER BY position',
        [name],
      )
    ).map((r) => Number(r.position));
  /** Appends one event of each of `types` to the projection's stream; returns their store positions. */
  const append = async (...types: ('TestFine' | 'TestPoison')[]): Promise<number[]> => {
    const version = await store.streamVersion(streamId);
    const events = types.map((type) => ({ eventId: randomUUID(), type, data: {}, metadata: { actorId: 'tester' } }));
    return (await store.append(streamId, version, events)).positions;
  };
  return { projection, control, applied, append };
}

/** Parks a stored event as if `projection` had failed on it N times (a fixture for the retry route); returns its id. */
export async function parkStoredEvent(db: DataSource, projection: string, event: RecordedEvent): Promise<string> {
  const [row] = await db.query<{ id: string }[]>(
    `INSERT INTO projection_parked_events (projection, global_position, stream_id, stream_version, event_type, error,
       failures, first_failed_at, last_failed_at, parked_at)
     VALUES ($1, $2, $3, $4, $5, 'Error: a fixture', 5, now(), now(), now()) RETURNING id`,
    [projection, event.position, event.streamId, event.streamVersion, event.type],
  );
  return (row as { id: string }).id;
}

/** A poison projection on the system's database, registered where the API's retry finds read models by name. */
export async function registeredPoison(system: TestSystem) {
  const db = system.api.get(DataSource);
  const poison = await poisonProjection(db, new EventStore(db));
  system.api.get<symbol, Projection[]>(PROJECTIONS, { strict: false }).push(poison.projection);
  return { db, ...poison };
}

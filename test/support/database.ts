import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@mentorflow/database';
import { EventStore, START_OF_STORE, cursorOf, type RecordedEvent } from '@mentorflow/event-store';

/** A DataSource on the database global setup migrated; each test file opens its own. */
export async function openTestDataSource(): Promise<DataSource> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run through the integration or e2e Jest project');
  const dataSource = new DataSource(dataSourceOptions(url));
  return dataSource.initialize();
}

/** The test database and an event store on it, as most integration specs open them in `beforeAll`. */
export async function openTestEventStore(): Promise<{ dataSource: DataSource; store: EventStore }> {
  const dataSource = await openTestDataSource();
  return { dataSource, store: new EventStore(dataSource) };
}

/** Every event in the store in `readAll` order, a thousand at a time. */
export async function readEverything(store: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let cursor = START_OF_STORE;
  for (;;) {
    const batch = await store.readAll(cursor, 1000);
    if (batch.length === 0) return all;
    all.push(...batch);
    cursor = cursorOf(batch.at(-1) as RecordedEvent);
  }
}

/** How many events the store holds: all of them, or those of one stream. */
export async function countEvents(db: DataSource, streamId?: string): Promise<number> {
  const rows: { n: number }[] =
    streamId === undefined
      ? await db.query('SELECT count(*)::int AS n FROM events')
      : await db.query('SELECT count(*)::int AS n FROM events WHERE stream_id = $1', [streamId]);
  return Number(rows[0]?.n);
}

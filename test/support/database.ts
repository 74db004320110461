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

/**
 * Every read model's rows reduced to one checksum per table (`count:md5`), the `*_view` tables, the report
 * tables and the `also` ones: what a rebuild must reproduce.
 */
export async function readModelChecksums(
  db: DataSource,
  also: readonly string[] = [],
): Promise<Record<string, string>> {
  const tables = await db.query<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND (table_name LIKE '%\\_view' OR table_name = ANY($1))
      ORDER BY table_name`,
    [['report_facts', 'report_subjects', ...also]],
  );
  const result: Record<string, string> = {};
  for (const { table_name } of tables) {
    const [row] = await db.query<{ sum: string | null; n: number }[]>(
      // A surrogate key (report_facts.id, a sequence) is not content: a rebuild numbers rows afresh.
      `SELECT md5(coalesce(string_agg((to_jsonb(t) - 'id')::text, '|' ORDER BY (to_jsonb(t) - 'id')::text), '')) AS sum, count(*)::int AS n FROM ${table_name} t`,
    );
    result[table_name] = `${row?.n}:${row?.sum}`;
  }
  return result;
}

import { Client } from 'pg';
import { EventStore } from '@mentorflow/event-store';

/**
 * npm run store:verify [-- --json]
 * Recomputes the hash chain of every stream in the event store (DATABASE_URL, by default the embedded PostgreSQL of
 * `npm start`) and names each stream whose chain is broken, with its first broken version. Exits 1 if any is.
 * `npm run restore` runs it on what it restored.
 */
async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const url =
    process.env.DATABASE_URL ??
    `postgres://postgres:postgres@127.0.0.1:${process.env.MENTORFLOW_PG_PORT ?? 54329}/mentorflow`;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const store = new EventStore({ query: async (sql, params) => (await client.query(sql, params)).rows });
    const streams = (await client.query<{ stream_id: string }>('SELECT DISTINCT stream_id FROM events ORDER BY 1'))
      .rows;
    let events = 0;
    const broken: { streamId: string; firstBrokenVersion?: number }[] = [];
    for (const { stream_id: streamId } of streams) {
      const verdict = await store.verifyStream(streamId);
      events += verdict.events;
      if (!verdict.valid) broken.push({ streamId, firstBrokenVersion: verdict.firstBrokenVersion });
    }
    const result = { streams: streams.length, events, broken };
    if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      for (const b of broken)
        process.stderr.write(`[store:verify] broken chain: ${b.streamId} from version ${b.firstBrokenVersion}\n`);
      process.stderr.write(`[store:verify] ${events} events in ${streams.length} streams, ${broken.length} broken\n`);
    }
    if (broken.length) process.exitCode = 1;
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[store:verify] failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

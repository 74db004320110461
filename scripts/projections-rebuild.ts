import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@mentorflow/database';
import { Projector, rebuildArguments, UnknownProjectionError } from '@mentorflow/projections';

/**
 * npm run projections:rebuild -- <name>
 * Empties one read model and folds the whole store into it again, in one transaction: readers see the
 * old model until it commits, and the running projector waits for it (same advisory lock). DATABASE_URL
 * defaults to the embedded PostgreSQL of `npm start`.
 */
async function main() {
  const projection = rebuildArguments(process.argv.slice(2));
  const url =
    process.env.DATABASE_URL ??
    `postgres://postgres:postgres@127.0.0.1:${process.env.MENTORFLOW_PG_PORT ?? 54329}/mentorflow`;
  const dataSource = await new DataSource(dataSourceOptions(url, { extra: { max: 2 } })).initialize();
  try {
    const started = Date.now();
    const events = await new Projector(dataSource).rebuild(projection);
    process.stderr.write(
      `[projections:rebuild] ${projection.name}: rebuilt from ${events} events in ${Date.now() - started} ms\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[projections:rebuild] failed: ${error instanceof UnknownProjectionError ? error.message : ((error as Error).stack ?? String(error))}\n`,
  );
  process.exit(error instanceof UnknownProjectionError ? 2 : 1);
});

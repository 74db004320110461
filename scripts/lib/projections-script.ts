import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@mentorflow/database';
import { UnknownProjectionError } from '@mentorflow/projections';

/**
 * Runs an operator's projections script (`projections:rebuild`, `projections:retry`): `parse` reads its
 * arguments before connecting, then `work` runs against DATABASE_URL, by default the embedded PostgreSQL
 * of `npm start`. An unknown projection name exits with 2, other errors with 1.
 */
export function runProjectionsScript<A>(
  tag: string,
  parse: (args: readonly string[]) => A,
  work: (dataSource: DataSource, args: A) => Promise<void>,
): void {
  const run = async () => {
    const args = parse(process.argv.slice(2));
    const url =
      process.env.DATABASE_URL ??
      `postgres://postgres:postgres@127.0.0.1:${process.env.MENTORFLOW_PG_PORT ?? 54329}/mentorflow`;
    const dataSource = await new DataSource(dataSourceOptions(url, { extra: { max: 2 } })).initialize();
    try {
      await work(dataSource, args);
    } finally {
      await dataSource.destroy();
    }
  };
  run().catch((error: unknown) => {
    process.stderr.write(
      `[${tag}] failed: ${error instanceof UnknownProjectionError ? error.message : ((error as Error).stack ?? String(error))}\n`,
    );
    process.exit(error instanceof UnknownProjectionError ? 2 : 1);
  });
}

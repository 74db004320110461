import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@mentorflow/database';

/** Applies pending TypeORM migrations to DATABASE_URL; the schema never changes any other way. */
async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    const applied = await dataSource.runMigrations();
    process.stderr.write(
      `[migrate] ${applied.length ? applied.map((m) => m.name).join(', ') : 'schema is up to date'}\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[migrate] failed: ${(error as Error).message}\n`);
  process.exit(1);
});

import type { DataSourceOptions } from 'typeorm';
import { EventEntity, eventStoreMigrations } from '@mentorflow/event-store';
import { readModelMigrations } from '@mentorflow/projections';
import { apiTableMigrations } from './migrations';
import { ParameterFreeTypeOrmLogger } from './typeorm-logger';

/** One definition of the database for the apps, the migration script and the tests. */
export function dataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [EventEntity],
    // TypeORM runs them by the timestamp in their names, whichever list holds them.
    migrations: [...eventStoreMigrations, ...readModelMigrations, ...apiTableMigrations],
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Failed queries only, and never their parameters (the events they carried).
    logger: new ParameterFreeTypeOrmLogger(),
    extra: { max: 20 },
    ...overrides,
  } as DataSourceOptions;
}

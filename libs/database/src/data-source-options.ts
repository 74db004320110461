import type { DataSourceOptions } from 'typeorm';
import { EventEntity, eventStoreMigrations } from '@mentorflow/event-store';
import { readModelMigrations } from '@mentorflow/projections';
import { ParameterFreeTypeOrmLogger } from './typeorm-logger';

/** One definition of the database for the apps, the migration script and the tests. */
export function dataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [EventEntity],
    migrations: [...eventStoreMigrations, ...readModelMigrations],
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Failed queries only, and never their parameters (the events they carried).
    logger: new ParameterFreeTypeOrmLogger(),
    extra: { max: 20 },
    ...overrides,
  } as DataSourceOptions;
}

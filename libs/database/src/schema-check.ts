import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** How the database's applied migrations differ from the code's: none of either, or the process must not start. */
export interface SchemaDifference {
  /** In the code, not applied: the schema is older than the code. */
  pending: string[];
  /** Applied, not in the code: the code is older than the schema (a rollback of the code without its migrations). */
  unknown: string[];
}

/** Compares TypeORM's table of applied migrations with the code's list (every migration set of the app). */
export async function schemaDifference(db: DataSource): Promise<SchemaDifference> {
  const known = db.migrations.map((m) => m.name ?? m.constructor.name);
  const table = db.options.migrationsTableName ?? 'migrations';
  const [exists] = await db.query<{ present: boolean }[]>(`SELECT to_regclass($1) IS NOT NULL AS present`, [table]);
  const applied = exists?.present
    ? (await db.query<{ name: string }[]>(`SELECT name FROM "${table}" ORDER BY timestamp, id`)).map((r) => r.name)
    : [];
  return {
    pending: known.filter((name) => !applied.includes(name)),
    unknown: applied.filter((name) => !known.includes(name)),
  };
}

/** The refusal's text: what differs and what to do about it. */
export function schemaMismatchMessage(process: string, { pending, unknown }: SchemaDifference): string | undefined {
  if (pending.length === 0 && unknown.length === 0) return undefined;
  return [
    `The database schema does not match this version of mentorflow: the ${process} does not start.`,
    ...(pending.length > 0
      ? [
          `  Not applied yet (${pending.length}): ${pending.join(', ')}`,
          '  Apply them first: npm run migration:run (Docker: docker compose run --rm migrate), then start again.',
        ]
      : []),
    ...(unknown.length > 0
      ? [
          `  Applied, but unknown to this code (${unknown.length}): ${unknown.join(', ')}`,
          '  The database was migrated by a newer version: deploy that version (or newer), not this one.',
        ]
      : []),
  ].join('\n');
}

export class SchemaMismatchError extends Error {
  override readonly name = 'SchemaMismatchError';
}

/**
 * Before the API or the worker starts: the schema is exactly the one their code expects, or they refuse to start
 * with the migrations named — instead of appends failing and being retried forever against an old schema.
 */
export async function assertSchemaCurrent(url: string, process: 'API' | 'worker'): Promise<void> {
  const db = await new DataSource(dataSourceOptions(url, { extra: { max: 1 } })).initialize();
  try {
    const message = schemaMismatchMessage(process, await schemaDifference(db));
    if (message !== undefined) throw new SchemaMismatchError(message);
  } finally {
    await db.destroy();
  }
}

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, schemaDifference } from '@mentorflow/database';
import { openTestDataSource } from '../support/database';

const root = join(__dirname, '..', '..');

/** Starts `apps/<app>/src/main.ts` as `npm start` does and waits for it to end (a refusal ends it at once). */
function startProcess(app: 'api' | 'worker', databaseUrl: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['-r', '@swc-node/register', `apps/${app}/src/main.ts`],
      {
        cwd: root,
        // No Temporal server is needed: the check comes before any connection (an address is only validated).
        env: { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: '127.0.0.1:1', PORT: '0' },
        timeout: 120_000,
      },
      (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
    );
  });
}

describe('schema check at start (issue 23)', () => {
  let admin: DataSource;
  let db: DataSource;
  const name = `schema_check_${process.pid}`;
  let url: string;

  beforeAll(async () => {
    admin = await openTestDataSource();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const base = new URL(process.env.DATABASE_URL as string);
    base.pathname = `/${name}`;
    url = base.toString();
    db = await new DataSource(dataSourceOptions(url)).initialize();
    await db.runMigrations();
  });
  afterAll(async () => {
    await db?.destroy();
    await admin?.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin?.destroy();
  });

  it('finds nothing to say on a schema migrated by the code', async () => {
    expect(await schemaDifference(db)).toEqual({ pending: [], unknown: [] });
  });

  it('refuses to start the API while a migration of the code is not applied, naming it and the command', async () => {
    const [last] = await db.query<{ id: number; timestamp: string; name: string }[]>(
      'SELECT id, timestamp, name FROM migrations ORDER BY id DESC LIMIT 1',
    );
    await db.query('DELETE FROM migrations WHERE id = $1', [last.id]);
    try {
      const { code, stderr } = await startProcess('api', url);
      expect(code).toBe(1);
      expect(stderr).toContain('The database schema does not match this version of mentorflow: the API does not start');
      expect(stderr).toContain(`Not applied yet (1): ${last.name}`);
      expect(stderr).toContain('npm run migration:run');
    } finally {
      await db.query('INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)', [
        last.id,
        last.timestamp,
        last.name,
      ]);
    }
  });

  it('refuses to start the worker on a schema a newer version migrated (a migration unknown to its code)', async () => {
    await db.query('INSERT INTO migrations (timestamp, name) VALUES ($1, $2)', [
      9999999999999,
      'FromANewerVersion9999999999999',
    ]);
    try {
      const { code, stderr } = await startProcess('worker', url);
      expect(code).toBe(1);
      expect(stderr).toContain('the worker does not start');
      expect(stderr).toContain('Applied, but unknown to this code (1): FromANewerVersion9999999999999');
      expect(stderr).not.toContain('Not applied yet');
    } finally {
      await db.query('DELETE FROM migrations WHERE name = $1', ['FromANewerVersion9999999999999']);
    }
  });
});

/**
 * What every benchmark needs from PostgreSQL: a durable throwaway cluster (or DATABASE_URL), the
 * commit mode it really runs with, and the commit flush rate it really sees.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@mentorflow/database';

export interface Server {
  url: string;
  /** True for the throwaway cluster this run started; false for DATABASE_URL. */
  own: boolean;
  stop(): Promise<void>;
}

/** The provisioning scripts are plain ESM; swc's CommonJS output would turn import() into require(). */
export const dynamicImport = new Function('url', 'return import(url)') as <T>(url: string) => Promise<T>;

export const scriptUrl = (relative: string) => pathToFileURL(join(__dirname, '..', '..', 'scripts', relative)).href;

/**
 * A throwaway cluster with PostgreSQL's default, durable settings. `persistent: false` would pass
 * `-c fsync=off -c synchronous_commit=off -c full_page_writes=off` on the postmaster command line,
 * which outranks ALTER SYSTEM (postgresql.auto.conf), so it cannot be made durable afterwards; in
 * `persistent` mode postgres.mjs passes no such flags, and this run deletes the directory itself.
 * The directory has the same shape as postgres.mjs' throwaway ones (mentorflow-pg-* with owner.pid),
 * so if this process dies, the next start of any embedded cluster sweeps it away.
 */
export async function startServer(log: (message: string) => void): Promise<Server> {
  const external = process.env.DATABASE_URL;
  if (external) return { url: external, own: false, stop: async () => {} };

  const { startEmbeddedPostgres } = await dynamicImport<typeof import('../../scripts/lib/postgres.mjs')>(
    scriptUrl('lib/postgres.mjs'),
  );
  const dir = mkdtempSync(join(tmpdir(), 'mentorflow-pg-'));
  chmodSync(dir, 0o711);
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  try {
    const postgres = await startEmbeddedPostgres({
      port: 0,
      persistent: true,
      dataDir: join(dir, 'data'),
      log: (message) => log(`postgres: ${message}`),
    });
    return {
      url: postgres.url,
      own: true,
      stop: async () => {
        try {
          await postgres.stop();
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Runs pending migrations; returns the names of all migrations the schema has, oldest first. */
export async function migrate(url: string, log: (message: string) => void): Promise<string[]> {
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    const applied = await dataSource.runMigrations();
    log(`migrations: ${applied.length ? `${applied.length} applied` : 'schema is up to date'}`);
    const stamp = (name: string) => Number(/(\d{13})$/.exec(name)?.[1] ?? 0);
    return dataSource.migrations.map((m) => m.name ?? m.constructor.name).sort((a, b) => stamp(a) - stamp(b));
  } finally {
    await dataSource.destroy();
  }
}

export const SETTING_NAMES = [
  'fsync',
  'synchronous_commit',
  'wal_sync_method',
  'full_page_writes',
  'commit_delay',
  'wal_level',
];

export interface Settings {
  version: string;
  values: Record<string, { setting: string; source: string }>;
}

export async function readSettings(pool: Pool): Promise<Settings> {
  const { rows } = await pool.query<{ name: string; setting: string; source: string }>(
    'SELECT name, setting, source FROM pg_settings WHERE name = ANY($1::text[])',
    [SETTING_NAMES],
  );
  const values: Settings['values'] = {};
  for (const row of rows) values[row.name] = { setting: row.setting, source: row.source };
  // The values in effect for the benchmark's own sessions, exactly as SHOW reports them.
  for (const name of ['fsync', 'synchronous_commit', 'wal_sync_method']) {
    const { rows: shown } = await pool.query<Record<string, string>>(`SHOW ${name}`);
    const value = shown[0]?.[name];
    if (value !== undefined) values[name] = { setting: value, source: values[name]?.source ?? '?' };
  }
  const { rows: version } = await pool.query<{ server_version: string }>('SHOW server_version');
  return { version: version[0]?.server_version ?? '?', values };
}

export const isDurable = (s: Settings) =>
  s.values.fsync?.setting === 'on' && s.values.synchronous_commit?.setting === 'on';

export const describeSettings = (s: Settings) =>
  SETTING_NAMES.map((name) => {
    const v = s.values[name];
    return v ? `${name}=${v.setting} (${v.source})` : `${name}=?`;
  }).join(', ');

export interface FlushProbe {
  loggedPerSecond: number;
  unloggedPerSecond: number;
  /** Extra time a logged commit takes over an unlogged one: the WAL flush. */
  flushMs: number;
}

/**
 * Single-row autocommit INSERTs on one connection into an UNLOGGED table (its commit writes no WAL that
 * must be flushed, so it never waits for fsync) and into a logged one (each commit waits for the WAL
 * flush). The difference per commit is the flush PostgreSQL itself sees.
 */
export async function probeFlush(url: string, seconds: number): Promise<FlushProbe> {
  const pool = new Pool({ connectionString: url, max: 1, options: '-c synchronous_commit=on' });
  const suffix = `${process.pid}_${Date.now()}`;
  const logged = `bench_fsync_logged_${suffix}`;
  const unlogged = `bench_fsync_unlogged_${suffix}`;
  try {
    await pool.query(`CREATE TABLE ${logged} (id bigint NOT NULL)`);
    await pool.query(`CREATE UNLOGGED TABLE ${unlogged} (id bigint NOT NULL)`);
    const rate = async (table: string) => {
      const start = performance.now();
      const deadline = start + seconds * 1000;
      let n = 0;
      do await pool.query(`INSERT INTO ${table} (id) VALUES ($1)`, [n++]);
      while (performance.now() < deadline);
      return n / ((performance.now() - start) / 1000);
    };
    const unloggedPerSecond = await rate(unlogged);
    const loggedPerSecond = await rate(logged);
    return { loggedPerSecond, unloggedPerSecond, flushMs: 1000 / loggedPerSecond - 1000 / unloggedPerSecond };
  } finally {
    await pool.query(`DROP TABLE IF EXISTS ${logged}, ${unlogged}`).catch(() => undefined);
    await pool.end();
  }
}

export const describeProbe = (p: FlushProbe) =>
  `${Math.round(p.loggedPerSecond).toLocaleString('en-US')} logged vs ${Math.round(p.unloggedPerSecond).toLocaleString('en-US')} unlogged single-row commits/s → ` +
  (p.flushMs > 0
    ? `WAL flush ≈ ${(p.flushMs * 1000).toFixed(0)} µs/commit ≈ ${Math.round(1000 / p.flushMs).toLocaleString('en-US')} flushes/s`
    : 'no measurable flush cost (commits are not waiting for fsync)');

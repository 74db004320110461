// npm run backup [-- --out DIR]
// A consistent backup of a running mentorflow: the application's database and Temporal's two databases in ONE
// physical base backup of the PostgreSQL server that holds all three (the production topology, `npm run
// start:cluster`, docker/compose.cluster.yaml), then the local store of signed scans. Why one base backup and not a
// dump per database, and why the scans come second: README «Operations» → «Backup and restore».
// DATABASE_URL names the application's database (default: the embedded server of `npm start`/`start:cluster`).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { ensurePgClient } from './lib/pg-client.mjs';
import { TEMPORAL_DATABASES } from './lib/temporal-server.mjs';

const execFileP = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (msg) => process.stderr.write(`[backup] ${msg}\n`);

/** Refusals an operator can act on: exit 2 with the message, no stack. */
class Refusal extends Error {}

export async function backup({ databaseUrl, out, scansDir, log: say = log }) {
  const url = new URL(databaseUrl);
  const connection = {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)),
  };
  const client = new pg.Client(connection);
  await client.connect();
  let facts;
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database');
    const names = new Set(rows.map((r) => r.datname));
    const missing = Object.values(TEMPORAL_DATABASES).filter((name) => !names.has(name));
    if (missing.length)
      throw new Refusal(
        `the server of ${connection.database} holds no ${missing.join(', ')}: Temporal does not keep its history here. ` +
          '`npm start` runs the dev server on a file (.data/temporal.db): stop it and copy .data/, or back up the ' +
          'production topology (`npm run start:cluster`), where one base backup captures all three databases at once.',
      );
    facts = await storeFacts(client);
  } finally {
    await client.end();
  }

  const { binDir, version } = await ensurePgClient({ log: say });
  await mkdir(out, { recursive: true });
  if ((await readdir(out)).length) throw new Refusal(`${out} is not empty: give a new directory with --out`);
  const started = Date.now();
  const label = `mentorflow ${new Date().toISOString()}`;
  say(`base backup of ${connection.host}:${connection.port} (all databases, WAL streamed alongside) into ${out}…`);
  await execFileP(
    path.join(binDir, 'pg_basebackup'),
    [
      '--host',
      connection.host,
      '--port',
      String(connection.port),
      '--username',
      connection.user,
      '--no-password',
      '--pgdata',
      path.join(out, 'postgres'),
      '--format',
      'tar',
      '--wal-method',
      'stream',
      '--checkpoint',
      'fast',
      '--manifest-checksums',
      'SHA256',
      '--label',
      label,
    ],
    { env: { ...process.env, PGPASSWORD: connection.password } },
  );
  await verifyBackup(binDir, out);

  // After the databases: a scan is stored before the event that names it, so every scan the snapshot's events name
  // is already in the directory now (later uploads in the copy are harmless: nothing refers to them).
  let scans = null;
  if (scansDir && existsSync(scansDir)) {
    await execFileP('tar', ['-cf', path.join(out, 'scans.tar'), '-C', scansDir, '.']);
    scans = { directory: path.relative(root, path.resolve(scansDir)) || '.', files: await countFiles(scansDir) };
  }
  const manifest = {
    format: 1,
    label,
    createdAt: new Date().toISOString(),
    seconds: (Date.now() - started) / 1000,
    postgres: {
      server: facts.serverVersion,
      tools: version,
      databases: [connection.database, ...Object.values(TEMPORAL_DATABASES)],
    },
    eventStore: facts.eventStore,
    migrations: facts.migrations,
    scans,
  };
  await writeFile(path.join(out, 'mentorflow-backup.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  say(
    `done in ${manifest.seconds.toFixed(1)} s: ${facts.eventStore.events} events in ${facts.eventStore.streams} streams` +
      `${scans ? `, ${scans.files} scans` : ''}; verified with pg_verifybackup. Restore: npm run restore -- ${path.relative(process.cwd(), out) || out}`,
  );
  return manifest;
}

/** Checks every file of a tar-format base backup against its manifest (sizes and SHA-256). */
export async function verifyBackup(binDir, dir) {
  // WAL is checked by the server when it replays it at restore; the tool cannot parse WAL inside a tar file.
  await execFileP(path.join(binDir, 'pg_verifybackup'), ['--no-parse-wal', '--quiet', path.join(dir, 'postgres')]);
}

async function storeFacts(client) {
  const [{ server_version: serverVersion }] = (await client.query('SHOW server_version')).rows;
  const [store] = (
    await client.query(
      'SELECT count(*)::int AS events, count(DISTINCT stream_id)::int AS streams, coalesce(max(position), 0)::text AS "lastPosition" FROM events',
    )
  ).rows;
  const migrations = (await client.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1')).rows[0]?.name ?? null;
  return { serverVersion, eventStore: store, migrations: { last: migrations } };
}

async function countFiles(dir) {
  let n = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) n += 1;
  return n;
}

function parseArgs(argv) {
  const args = { out: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) args.out = argv[++i];
    else throw new Refusal(`unknown argument ${argv[i]}\nusage: npm run backup [-- --out DIR]`);
  }
  return args;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const args = parseArgs(process.argv.slice(2));
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await backup({
      databaseUrl:
        process.env.DATABASE_URL ??
        `postgres://postgres:postgres@127.0.0.1:${process.env.MENTORFLOW_PG_PORT ?? 54329}/mentorflow`,
      out: path.resolve(args.out ?? path.join(root, '.data', 'backups', stamp)),
      scansDir:
        (process.env.SCAN_STORAGE ?? 'local') === 'local'
          ? path.resolve(root, process.env.SCAN_STORAGE_DIR ?? '.data/scans')
          : undefined,
    });
  } catch (error) {
    log(error instanceof Refusal ? error.message : `failed: ${error?.stderr || error?.stack || error}`);
    process.exit(error instanceof Refusal ? 2 : 1);
  }
}

export { Refusal };

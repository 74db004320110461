// npm run restore -- <backup dir> [--data-dir DIR] [--scans-dir DIR]
// Restores a backup of `npm run backup` into a FRESH PostgreSQL data directory (default .data/cluster/postgres, the
// one `npm run start:cluster` uses) and the scans into the scan store, then starts that PostgreSQL once so it replays
// the WAL to the backup's consistent point, verifies every event stream's hash chain and forgets the lost cluster's
// Temporal hosts before saying it is done.
// Nothing existing is overwritten: a non-empty data directory is refused.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { Refusal, verifyBackup } from './backup.mjs';
import { ensurePgClient } from './lib/pg-client.mjs';
import { startEmbeddedPostgres } from './lib/postgres.mjs';
import { TEMPORAL_DATABASES } from './lib/temporal-server.mjs';

const execFileP = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (msg) => process.stderr.write(`[restore] ${msg}\n`);

export async function restore({ from, dataDir, scansDir, log: say = log }) {
  const manifestFile = path.join(from, 'mentorflow-backup.json');
  if (!existsSync(manifestFile) || !existsSync(path.join(from, 'postgres', 'base.tar')))
    throw new Refusal(`${from} is not a mentorflow backup (no mentorflow-backup.json and postgres/base.tar)`);
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
  const { binDir } = await ensurePgClient({ log: say });
  say(`verifying ${from} against its manifest…`);
  await verifyBackup(binDir, from).catch((error) => {
    throw new Refusal(`the backup does not match its manifest, nothing restored:\n${error?.stderr ?? error}`);
  });

  if (existsSync(dataDir) && (await readdir(dataDir)).length)
    throw new Refusal(`${dataDir} is not empty: move it aside (or give --data-dir) — a restore never overwrites data`);
  await mkdir(dataDir, { recursive: true });
  await chmod(dataDir, 0o700); // PostgreSQL refuses a data directory others can read
  await execFileP('tar', ['-xf', path.join(from, 'postgres', 'base.tar'), '-C', dataDir]);
  await mkdir(path.join(dataDir, 'pg_wal'), { recursive: true });
  await execFileP('tar', ['-xf', path.join(from, 'postgres', 'pg_wal.tar'), '-C', path.join(dataDir, 'pg_wal')]);
  // As root the embedded server runs as the OS user `postgres` (scripts/lib/postgres.mjs): it must own its files.
  if (process.getuid?.() === 0) await execFileP('chown', ['-R', 'postgres:postgres', dataDir]);

  if (manifest.scans && scansDir) {
    await mkdir(scansDir, { recursive: true });
    // Scans are content-addressed: one already there is the same file, so it is kept.
    await execFileP('tar', ['-xf', path.join(from, 'scans.tar'), '-C', scansDir, '--skip-old-files']);
    say(`${manifest.scans.files} scans into ${scansDir}`);
  }

  say('starting PostgreSQL on the restored directory (it replays the WAL to the backup point)…');
  const server = await startEmbeddedPostgres({ dataDir, persistent: true, port: 0, log: say });
  try {
    const verdict = await verifyStore(server.url);
    if (verdict.events !== manifest.eventStore.events)
      throw new Error(
        `the restored store holds ${verdict.events} events, the backup recorded ${manifest.eventStore.events}`,
      );
    const forgotten = await forgetLostHosts(server.url);
    say(`forgot the ${forgotten} membership records of the lost cluster's Temporal hosts`);
    say(
      `restored ${manifest.label}: ${verdict.events} events in ${verdict.streams} streams, every hash chain verified. ` +
        'Start it with `npm run start:cluster` (the same TEMPORAL_PAYLOAD_KEYS as when it was backed up: README «Operations»).',
    );
    return verdict;
  } finally {
    await server.stop();
  }
}

/**
 * Deletes Temporal's cluster membership (the hosts that were heartbeating when the backup was taken). A restored
 * server seeds its gossip ring from the hosts seen in the last 20 s: it would try to join the lost cluster's dead
 * hosts and serve nothing («Not enough hosts») until the join gave up — once in CI, for good — or, were the original
 * still running somewhere (a restore drill), join that cluster's ring. The restored server writes its own records.
 */
async function forgetLostHosts(databaseUrl) {
  const url = new URL(databaseUrl);
  url.pathname = `/${TEMPORAL_DATABASES.persistence}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query('DELETE FROM cluster_membership')).rowCount ?? 0;
  } finally {
    await client.end();
  }
}

/** Runs scripts/verify-store.ts (the event store's own hash-chain check) against `databaseUrl`. */
async function verifyStore(databaseUrl) {
  const { stdout } = await execFileP(
    process.execPath,
    ['-r', '@swc-node/register', 'scripts/verify-store.ts', '--json'],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      maxBuffer: 1 << 26,
    },
  ).catch((error) => {
    throw new Error(`hash chains do not verify:\n${error?.stdout ?? ''}${error?.stderr ?? error}`);
  });
  return JSON.parse(stdout);
}

function parseArgs(argv) {
  const usage = 'usage: npm run restore -- <backup dir> [--data-dir DIR] [--scans-dir DIR]';
  const args = { from: undefined, dataDir: undefined, scansDir: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--data-dir' && argv[i + 1]) args.dataDir = argv[++i];
    else if (argv[i] === '--scans-dir' && argv[i + 1]) args.scansDir = argv[++i];
    else if (!argv[i].startsWith('--') && !args.from) args.from = argv[i];
    else throw new Refusal(`unknown argument ${argv[i]}\n${usage}`);
  }
  if (!args.from) throw new Refusal(`which backup?\n${usage}`);
  return args;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const args = parseArgs(process.argv.slice(2));
    await restore({
      from: path.resolve(args.from),
      dataDir: path.resolve(args.dataDir ?? path.join(root, '.data', 'cluster', 'postgres')),
      scansDir: path.resolve(root, args.scansDir ?? process.env.SCAN_STORAGE_DIR ?? '.data/scans'),
    });
  } catch (error) {
    log(error instanceof Refusal ? error.message : `failed: ${error?.stderr || error?.stack || error}`);
    process.exit(error instanceof Refusal ? 2 : 1);
  }
}

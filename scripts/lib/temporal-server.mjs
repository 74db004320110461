// The Temporal server a region runs (not the CLI's dev server): built from the Go module proxy like the CLI
// (scripts/lib/temporal-cli.mjs), cached, with its persistence and visibility on PostgreSQL. Used by
// `npm run start:cluster` (scripts/start.mjs --cluster) and the cluster e2e suite (test/cluster).
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { cacheDir, withCacheLock } from './cache.mjs';
import { freePort, isExecutable, which } from './process.mjs';

const execFileP = promisify(execFile);

/** Its `go.mod` has no `replace` and its `go` directive fits the installed Go (the issue checked v1.29.1). */
export const TEMPORAL_SERVER_VERSION = '1.29.1';
const MODULE = 'go.temporal.io/server';
/** History shards: fixed for the life of a cluster (Temporal cannot change it later), several to exercise sharding. */
export const HISTORY_SHARDS = 4;

const defaultLog = (msg) => process.stderr.write(`[temporal-server] ${msg}\n`);

const binDir = () => path.join(cacheDir(), 'bin', `temporal-server-${TEMPORAL_SERVER_VERSION}`);

/**
 * `{ server, sqlTool, schemaDir }`: the server binary, its schema tool and the PostgreSQL schema files of the same
 * release (from the module cache). Built once with `go install` (several minutes), then reused.
 */
export async function ensureTemporalServer({ log = defaultLog } = {}) {
  const dir = binDir();
  const server = path.join(dir, 'server');
  const sqlTool = path.join(dir, 'sql');
  const ready = async () => (await isExecutable(server)) && (await isExecutable(sqlTool));
  const go = await which('go');
  if (!(await ready())) {
    if (!go) throw new Error(`'go' is not on PATH: the Temporal server ${TEMPORAL_SERVER_VERSION} cannot be built`);
    await withCacheLock(
      'temporal-server',
      async () => {
        if (await ready()) return;
        log(`Building the Temporal server ${TEMPORAL_SERVER_VERSION} and its schema tool (several minutes once)…`);
        const t0 = Date.now();
        await goInstall(go, dir, [`${MODULE}/cmd/server@v${TEMPORAL_SERVER_VERSION}`], log);
        await goInstall(go, dir, [`${MODULE}/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`], log);
        log(`Built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      },
      { log },
    );
  }
  return { server, sqlTool, schemaDir: await schemaDir(go) };
}

async function schemaDir(go) {
  const { stdout } = await execFileP(
    go ?? 'go',
    ['mod', 'download', '-json', `${MODULE}@v${TEMPORAL_SERVER_VERSION}`],
    {
      env: { ...process.env, GOFLAGS: '-mod=mod' },
      cwd: cacheDir(),
    },
  );
  const dir = path.join(JSON.parse(stdout).Dir, 'schema/postgresql/v12');
  if (!existsSync(dir)) throw new Error(`no PostgreSQL schema in ${dir}`);
  return dir;
}

function goInstall(go, dir, args, log) {
  return new Promise((resolve, reject) => {
    const child = spawn(go, ['install', '-ldflags', '-s -w', ...args], {
      env: { ...process.env, CGO_ENABLED: '0', GOBIN: dir },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const t0 = Date.now();
    const heartbeat = setInterval(() => log(`…still building (${Math.round((Date.now() - t0) / 1000)} s)`), 30_000);
    child.on('error', (error) => {
      clearInterval(heartbeat);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(heartbeat);
      if (code === 0) resolve();
      else reject(new Error(`go install ${args.join(' ')} failed (exit ${code})`));
    });
  });
}

/** The two databases Temporal keeps: its persistence and its visibility (the list and search of workflows). */
export const TEMPORAL_DATABASES = { persistence: 'temporal', visibility: 'temporal_visibility' };

/**
 * Creates the databases when missing and brings their schema to the release's (`setup-schema` from 0.0 once, then
 * `update-schema` with the versioned files: idempotent, so every start runs it and an upgrade of the server is a
 * rebuild plus this).
 */
export async function prepareTemporalDatabases({ sqlTool, schemaDir, host, port, user, password, log = defaultLog }) {
  const admin = new pg.Client({ host, port, user, password, database: 'postgres' });
  await admin.connect();
  try {
    for (const database of Object.values(TEMPORAL_DATABASES)) {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (rowCount === 0) await admin.query(`CREATE DATABASE ${database}`);
    }
  } finally {
    await admin.end();
  }
  const parts = { persistence: 'temporal', visibility: 'visibility' };
  for (const [kind, database] of Object.entries(TEMPORAL_DATABASES)) {
    const common = [
      '--plugin',
      'postgres12',
      '--ep',
      host,
      '-p',
      String(port),
      '-u',
      user,
      '--pw',
      password,
      '--db',
      database,
    ];
    const versioned = path.join(schemaDir, parts[kind], 'versioned');
    const hasSchema = await tableExists({ host, port, user, password, database }, 'schema_version');
    if (!hasSchema) await execFileP(sqlTool, [...common, 'setup-schema', '-v', '0.0']);
    await execFileP(sqlTool, [...common, 'update-schema', '-d', versioned]);
    log(`${database}: schema up to date`);
  }
}

async function tableExists(connection, table) {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM information_schema.tables WHERE table_name = $1', [table]);
    return rowCount > 0;
  } finally {
    await client.end();
  }
}

/**
 * Writes the server's configuration (`<dir>/config/mentorflow.yaml`) and returns the arguments that start it.
 * Every service (frontend, history, matching, worker) in one process on loopback ports from `basePort`; a region runs
 * them as separate processes or pods with the same file (docker/compose.cluster.yaml).
 */
export async function temporalServerConfig({
  dir,
  host,
  port,
  user,
  password,
  frontendPort = 7233,
  otherPorts = defaultPorts(frontendPort),
  metricsPort,
}) {
  const configDir = path.join(dir, 'config');
  await mkdir(path.join(configDir, 'dynamicconfig'), { recursive: true });
  const store = (database, maxConns) => `      sql:
        pluginName: "postgres12"
        databaseName: "${database}"
        connectAddr: "${host}:${port}"
        connectProtocol: "tcp"
        user: "${user}"
        password: "${password}"
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: "1h"`;
  const ports = { frontend: [frontendPort, otherPorts.frontendMembership], ...otherPorts.services };
  const service = (name) => `  ${name}:
    rpc:
      grpcPort: ${ports[name][0]}
      membershipPort: ${ports[name][1]}
      bindOnLocalHost: true`;
  const yaml = `# Written by scripts/lib/temporal-server.mjs at every start: edit that file, not this one.
log:
  stdout: true
  level: warn
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: ${HISTORY_SHARDS}
  datastores:
    postgres-default:
${store(TEMPORAL_DATABASES.persistence, 20)}
    postgres-visibility:
${store(TEMPORAL_DATABASES.visibility, 4)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
${
  metricsPort
    ? `  metrics:
    prometheus:
      framework: "tally"
      timerType: "histogram"
      listenAddress: "127.0.0.1:${metricsPort}"
`
    : ''
}services:
${service('frontend')}
${service('history')}
${service('matching')}
${service('worker')}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${frontendPort}"
dcRedirectionPolicy:
  policy: "noop"
dynamicConfigClient:
  filepath: "${path.join(configDir, 'dynamicconfig/mentorflow.yaml')}"
  pollInterval: "10s"
`;
  await writeFile(path.join(configDir, 'mentorflow.yaml'), yaml);
  // Update-with-start and the schedules the worker creates need nothing beyond the defaults of this release.
  await writeFile(path.join(configDir, 'dynamicconfig/mentorflow.yaml'), '{}\n');
  return ['--root', dir, '--config', 'config', '--env', 'mentorflow', '--allow-no-auth', 'start'];
}

/** Temporal's usual layout around the frontend's port (7233: history 7234, matching 7235, worker 7239, membership 6933…). */
const defaultPorts = (frontend) => ({
  frontendMembership: frontend - 300,
  services: {
    history: [frontend + 1, frontend - 299],
    matching: [frontend + 2, frontend - 298],
    worker: [frontend + 6, frontend - 294],
  },
});

/** Seven more free ports (tests: nothing else may hold Temporal's usual ones). */
export async function freeServerPorts() {
  const next = async () => [await freePort(), await freePort()];
  return {
    frontendMembership: await freePort(),
    services: { history: await next(), matching: await next(), worker: await next() },
  };
}

/** The server starts without namespaces: the application's (`default` unless TEMPORAL_NAMESPACE) is registered once. */
export async function ensureNamespace({ cli, address, namespace = 'default', log = defaultLog }) {
  const args = ['--address', address, '--namespace', namespace];
  try {
    await execFileP(cli, ['operator', 'namespace', 'describe', ...args], { timeout: 30_000 });
    return;
  } catch {
    // missing: created below
  }
  await execFileP(cli, ['operator', 'namespace', 'create', ...args, '--retention', '720h'], { timeout: 60_000 });
  // Every service reads namespaces from a cache refreshed every 10 s: a worker polling sooner would be refused.
  await new Promise((resolve) => setTimeout(resolve, 11_000));
  log(`namespace ${namespace} registered`);
}

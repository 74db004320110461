#!/usr/bin/env node
// `npm start`: the whole system on embedded defaults, or on external services named by
// DATABASE_URL / TEMPORAL_ADDRESS. Ctrl-C stops everything; data persists under .data/.
// `npm run start:cluster` (--cluster): the production topology on this machine — the Temporal server (not the dev
// server) on PostgreSQL with several history shards, two workers and two API instances; data under .data/cluster/.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { developmentJwtSecret, developmentPayloadKeys } from './lib/dev-secret.mjs';
import { startEmbeddedPostgres } from './lib/postgres.mjs';
import { freePort, waitForPort } from './lib/process.mjs';
import { ensureTemporalCli } from './lib/temporal-cli.mjs';
import {
  ensureNamespace,
  ensureTemporalServer,
  HISTORY_SHARDS,
  prepareTemporalDatabases,
  temporalServerConfig,
} from './lib/temporal-server.mjs';
import { devServerOutput, temporalDevServerArgs, temporalUiWanted } from './lib/temporal-dev-server.mjs';
import { ensureTemporalUi, temporalUiConfig } from './lib/temporal-ui.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cluster = process.argv.includes('--cluster');
// The cluster keeps its own data: its workflows live in its Temporal databases, not in the dev server's file.
const dataDir = path.join(root, cluster ? '.data/cluster' : '.data');
const log = (message) => process.stderr.write(`[mentorflow] ${message}\n`);
const children = [];
/** The API and the worker: stopped before the servers they use. */
const apps = new Set();
const cleanups = [];
let stopping = false;

/** `quietWhenStopping`: its output is dropped once Ctrl-C is pressed (the Temporal dev server's shutdown warnings). */
function run(name, command, args, env, { onExit, quietWhenStopping = false } = {}) {
  const stdio = quietWhenStopping ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'];
  const child = spawn(command, args, { cwd: root, env, stdio });
  if (quietWhenStopping) {
    const copy = devServerOutput(
      (line) => process.stderr.write(line),
      () => !stopping,
    );
    child.stdout.on('data', copy);
    child.stderr.on('data', copy);
  }
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} exited (${signal ?? code}); stopping everything`);
      void stop(1);
    }
    onExit?.(code);
  });
  return child;
}

function runToEnd(name, command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} failed with exit code ${code}`))));
  });
}

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  // The API and the worker first (started last), then what they use: stopped together, the worker and the API
  // would log every call the vanishing Temporal server and database drop.
  const ended = (c) =>
    c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : undefined;
  for (const group of [children.filter((c) => apps.has(c)), children.filter((c) => !apps.has(c))]) {
    for (const child of group.reverse()) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(group.map(ended));
  }
  for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => log(`cleanup: ${e.message}`));
  process.exit(code);
}

async function main() {
  mkdirSync(dataDir, { recursive: true });
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const env = { ...process.env };
  env.JWT_SECRET = developmentJwtSecret(root);
  env.TEMPORAL_PAYLOAD_KEYS = developmentPayloadKeys(root);
  // The web app's "войти как…" picker: on this machine only (the API refuses it unless HOST is loopback).
  env.MENTORFLOW_DEV_SIGNIN ??= 'true';

  if (!env.DATABASE_URL) {
    log(`starting embedded PostgreSQL (data in ${path.relative(root, path.join(dataDir, 'postgres'))})…`);
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      port: Number(env.MENTORFLOW_PG_PORT ?? 54329),
      persistent: true,
      log,
    });
    env.DATABASE_URL = pg.url;
    cleanups.push(() => pg.stop());
  }

  log('running migrations…');
  await runToEnd('migrations', process.execPath, ['-r', '@swc-node/register', 'scripts/migrate.ts'], env);

  let temporalUi;
  if (cluster && !env.TEMPORAL_ADDRESS) {
    temporalUi = await startTemporalServer(env);
  } else if (!env.TEMPORAL_ADDRESS) {
    const cli = await ensureTemporalCli({ log });
    if (!cli)
      throw new Error(
        'No Temporal CLI: install Go (the project builds it) or set TEMPORAL_CLI_PATH / TEMPORAL_ADDRESS',
      );
    const port = Number(env.MENTORFLOW_TEMPORAL_PORT ?? 7233);
    const uiPort = Number(env.MENTORFLOW_TEMPORAL_UI_PORT ?? 8233);
    const codecPort = startCodecServer(env, uiPort);
    // No UI unless asked for: the embedded one cannot be made read-only (scripts/lib/temporal-dev-server.cjs).
    const ui = temporalUiWanted(env);
    log(`starting the Temporal dev server (history in .data/temporal.db${ui ? ', with its Web UI' : ', headless'})…`);
    run(
      'temporal',
      cli,
      temporalDevServerArgs({ port, uiPort, codecPort, dbFile: path.join(dataDir, 'temporal.db'), ui }),
      env,
      { quietWhenStopping: true },
    );
    await waitForPort(port, { timeoutMs: 60_000 });
    env.TEMPORAL_ADDRESS = `127.0.0.1:${port}`;
    temporalUi = ui
      ? `http://127.0.0.1:${uiPort}  (WARNING: it can terminate, signal and reset workflows)`
      : 'off (MENTORFLOW_TEMPORAL_UI=true starts it)';
  }

  // Notifications go by e-mail to a local mail catcher (maildev: an SMTP server with a web page to read
  // what was sent), on free ports, unless SMTP_URL names a real server.
  let mailCatcher;
  if (!env.SMTP_URL) {
    const smtpPort = Number(env.MENTORFLOW_MAIL_SMTP_PORT ?? (await freePort()));
    const webPort = Number(env.MENTORFLOW_MAIL_WEB_PORT ?? (await freePort()));
    log('starting the mail catcher (maildev)…');
    run(
      'maildev',
      process.execPath,
      [
        path.join(root, 'node_modules/maildev/bin/maildev'),
        '--ip',
        '127.0.0.1',
        '--smtp',
        String(smtpPort),
        '--web',
        String(webPort),
        '--silent',
      ],
      env,
    );
    await waitForPort(smtpPort, { timeoutMs: 30_000 });
    env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
    env.MAIL_FROM ??= 'Наставничество (mentorflow) <noreply@mentorflow.localhost>';
    mailCatcher = `http://127.0.0.1:${webPort}  (every notification e-mail, whoever it is addressed to)`;
  }

  // The web application is served by the API from apps/web/dist: build it once when it is missing.
  if (!env.WEB_DIST && !existsSync(path.join(root, 'apps/web/dist/index.html'))) {
    log('building the web application (apps/web)…');
    await runToEnd(
      'web build',
      process.execPath,
      [
        path.join(root, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'apps/web/vite.config.ts',
        '--logLevel',
        'warn',
      ],
      env,
    );
  }

  const register = ['-r', '@swc-node/register'];
  // Readable log lines at this terminal (pino-pretty); JSON lines everywhere else (LOG_PRETTY unset).
  env.LOG_PRETTY ??= 'true';
  // The heap is set explicitly: 2,000 cached workflows take ≈ 0.7 GB (bench 7), the rest is headroom.
  // The cluster: two of each. Workers share the task queue (Temporal balances them, either can die); the APIs are
  // two ports, each a whole API (no balancer here: a region puts its own in front, docker/compose.cluster.yaml).
  const instances = cluster ? 2 : 1;
  const apiPort = Number(env.PORT ?? 3000);
  const apiPorts = Array.from({ length: instances }, (_, i) => apiPort + i);
  for (let i = 0; i < instances; i++) {
    const workerEnv =
      env.WORKER_METRICS_PORT && i > 0
        ? { ...env, WORKER_METRICS_PORT: String(Number(env.WORKER_METRICS_PORT) + i) }
        : env;
    const worker = run(
      instances > 1 ? `worker ${i + 1}` : 'worker',
      process.execPath,
      [`--max-old-space-size=${process.env.WORKER_HEAP_MB ?? 1536}`, ...register, 'apps/worker/src/main.ts'],
      workerEnv,
    );
    const api = run(instances > 1 ? `api ${i + 1}` : 'api', process.execPath, [...register, 'apps/api/src/main.ts'], {
      ...env,
      PORT: String(apiPorts[i]),
    });
    apps.add(worker).add(api);
  }
  for (const port of apiPorts) await waitForPort(port, { timeoutMs: 180_000 });

  log('mentorflow is up:');
  log(`  Web app        http://127.0.0.1:${apiPort}/app/`);
  log(`  API            ${apiPorts.map((port) => `http://127.0.0.1:${port}`).join(', ')}`);
  if (cluster)
    log(`  Topology       Temporal server on PostgreSQL (${HISTORY_SHARDS} history shards), 2 workers, 2 APIs`);
  log(`  OpenAPI (UI)   http://127.0.0.1:${apiPort}/docs`);
  log(`  Health         http://127.0.0.1:${apiPort}/health`);
  log(`  Temporal UI    ${temporalUi ?? `(external Temporal at ${env.TEMPORAL_ADDRESS})`}`);
  log(`  Mail           ${mailCatcher ?? `(sent through SMTP_URL)`}`);
  log('  a token:       npm run token -- --role administrator');
  if (env.MENTORFLOW_DEV_SIGNIN === 'true')
    log(
      '  WARNING: development sign-in is on (MENTORFLOW_DEV_SIGNIN=true): anyone on this machine can sign in as any user',
    );
  log('Ctrl-C stops everything.');
}

/** The Temporal server on the embedded (or DATABASE_URL's) PostgreSQL, in databases of its own. */
async function startTemporalServer(env) {
  const cli = await ensureTemporalCli({ log });
  if (!cli) throw new Error('No Temporal CLI (it registers the namespace): install Go or set TEMPORAL_CLI_PATH');
  const binaries = await ensureTemporalServer({ log });
  const url = new URL(env.DATABASE_URL);
  const connection = {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
  log('preparing the Temporal databases (temporal, temporal_visibility)…');
  await prepareTemporalDatabases({ ...binaries, ...connection, log });
  const port = Number(env.MENTORFLOW_TEMPORAL_PORT ?? 7233);
  const args = await temporalServerConfig({ dir: path.join(dataDir, 'temporal'), ...connection, frontendPort: port });
  log(`starting the Temporal server ${HISTORY_SHARDS > 1 ? `(${HISTORY_SHARDS} history shards)` : ''}…`);
  run('temporal-server', binaries.server, args, env, { quietWhenStopping: true });
  await waitForPort(port, { timeoutMs: 120_000 });
  env.TEMPORAL_ADDRESS = `127.0.0.1:${port}`;
  await ensureNamespace({ cli, address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE ?? 'default', log });
  // The standalone UI reads a configuration file, so here it always runs, read-only (scripts/lib/temporal-ui.mjs).
  const uiPort = Number(env.MENTORFLOW_TEMPORAL_UI_PORT ?? 8233);
  const codecPort = startCodecServer(env, uiPort);
  const ui = await ensureTemporalUi({ log });
  const uiArgs = await temporalUiConfig({
    dir: path.join(dataDir, 'temporal-ui'),
    temporalAddress: env.TEMPORAL_ADDRESS,
    port: uiPort,
    codecEndpoint: `http://127.0.0.1:${codecPort}`,
  });
  run('temporal-ui', ui, uiArgs, env, { quietWhenStopping: true });
  await waitForPort(uiPort, { timeoutMs: 60_000 });
  return `http://127.0.0.1:${uiPort}  (read-only: it shows histories and cannot change a workflow)`;
}

/** Payloads are encrypted (README: Personal data); the codec server decrypts them for administrators' tokens. */
function startCodecServer(env, uiPort) {
  const codecPort = Number(env.MENTORFLOW_CODEC_PORT ?? 8888);
  run(
    'codec-server',
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      'scripts/codec-server.ts',
      '--port',
      String(codecPort),
      '--ui-origin',
      `http://127.0.0.1:${uiPort}`,
    ],
    env,
  );
  return codecPort;
}

main().catch(async (error) => {
  log(`start failed: ${error.message}`);
  await stop(1);
});

import * as processHelpers from '../../../scripts/lib/process.cjs';
import { temporalDevServerArgs } from '../../../scripts/lib/temporal-dev-server.cjs';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from '../../support/poll';

/**
 * Real processes the reliability tests crash on purpose: a worker, an embedded PostgreSQL and a
 * Temporal dev server. Nothing here is a mock; the tests kill these with real signals.
 */
export const repoRoot = join(__dirname, '..', '..', '..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Managed {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  /** Everything the process printed so far (both streams), for assertions and failure messages. */
  output(): string;
}

function manage(child: ChildProcess): Managed {
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, output: () => output };
}

/**
 * The end of what a process printed, without the stack traces a Go server's JSON log lines carry: one of those fills
 * the whole tail and hides the line's message (say, which port a listener could not bind).
 */
export function lastWords(managed: Managed | undefined, chars = 4000): string {
  return (managed?.output() ?? '').replace(/,"stacktrace":"(?:[^"\\]|\\.)*"/g, '').slice(-chars);
}

async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs: number,
  managed?: Managed,
): Promise<void> {
  let exited = false;
  void managed?.exited.then(() => (exited = true));
  await waitUntil(
    async () => {
      if (await check()) return true;
      // A process that died will never get there: say so now rather than after the whole timeout.
      if (exited) throw new Error(`${what}: the process exited first\n${lastWords(managed)}`);
      return false;
    },
    {
      timeoutMs,
      intervalMs: 50,
      timeoutMessage: () => `${what}: not within ${timeoutMs} ms\n${lastWords(managed)}`,
    },
  );
}

// The CommonJS copy of the helpers: required directly, also inside Jest's test VM (no import() of ESM there).
export const freePort = async (): Promise<number> => processHelpers.freePort();

export const portOpen = async (port: number): Promise<boolean> => processHelpers.portOpen(port);

const isAlive = async (pid: number): Promise<boolean> => processHelpers.isAlive(pid);

// ---------------------------------------------------------------- worker

export interface WorkerProcess extends Managed {
  readonly pid: number;
  /** Resolves once the worker polls its task queue. */
  readonly ready: Promise<void>;
}

/** `node -r @swc-node/register apps/worker/src/main.ts`, exactly what `npm start` runs. */
export function spawnWorker(env: {
  DATABASE_URL: string;
  TEMPORAL_ADDRESS: string;
  TEMPORAL_TASK_QUEUE: string;
  [name: string]: string | undefined;
}): WorkerProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      // 'info': readiness is the worker's own "Worker polling task queue" line.
      LOG_LEVEL: 'info',
      PROJECTOR_POLL_MS: '20',
      JWT_SECRET: process.env.JWT_SECRET ?? 'soak-secret-soak-secret-soak-secret-0123456789',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const managed = manage(child);
  const ready = waitFor(() => managed.output().includes('Worker polling task queue'), 'worker start', 120_000, managed);
  ready.catch(() => undefined);
  return { ...managed, pid: child.pid as number, ready };
}

export interface ApiProcess extends Managed {
  readonly url: string;
  /** Resolves once it accepts connections. */
  readonly ready: Promise<void>;
}

/** `node -r @swc-node/register apps/api/src/main.ts` on `port`, with this process's environment (the same servers). */
export function spawnApi(port: number): ApiProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const managed = manage(child);
  const ready = waitFor(() => portOpen(port), 'API start', 120_000, managed);
  ready.catch(() => undefined);
  return { ...managed, url: `http://127.0.0.1:${port}`, ready };
}

/** SIGKILL: no shutdown hook, no grace, the process is gone between two instructions. */
export async function killHard(worker: Managed): Promise<void> {
  worker.child.kill('SIGKILL');
  await worker.exited;
}

// ---------------------------------------------------------------- PostgreSQL

export interface PostgresProcess {
  url: string;
  port: number;
  dataDir: string;
  /** The postmaster's pid (the helper process only holds it). */
  postmasterPid: number;
  helper: Managed;
}

/** An embedded PostgreSQL of its own (port, data directory), so crashing it hurts no other test. */
export async function startPostgres(port: number, dataDir: string): Promise<PostgresProcess> {
  const child = spawn(
    process.execPath,
    ['scripts/soak/server.mjs', 'postgres', '--port', String(port), '--data-dir', dataDir],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const helper = manage(child);
  let line = '';
  await waitFor(
    () => {
      line =
        helper
          .output()
          .split('\n')
          .find((l) => l.startsWith('{"url"')) ?? '';
      return line !== '';
    },
    'postgres start',
    90_000,
    helper,
  );
  const info = JSON.parse(line) as { url: string; port: number; dataDir: string; pid: number };
  return { url: info.url, port: info.port, dataDir: info.dataDir, postmasterPid: info.pid, helper };
}

/**
 * Immediate shutdown (what `pg_ctl stop -m immediate` sends: SIGQUIT to the postmaster): every
 * backend quits without a checkpoint and the next start recovers from the WAL, like after a crash.
 */
export async function stopPostgresImmediately(server: PostgresProcess): Promise<void> {
  process.kill(server.postmasterPid, 'SIGQUIT');
  await waitFor(async () => !(await isAlive(server.postmasterPid)), 'postgres immediate shutdown', 30_000);
  server.helper.child.kill('SIGKILL');
  await server.helper.exited;
}

export async function stopPostgres(server: PostgresProcess): Promise<void> {
  if (server.helper.child.exitCode !== null || server.helper.child.signalCode !== null) return;
  server.helper.child.kill('SIGTERM');
  await server.helper.exited;
}

/** Applies the migrations the way `npm run migration:run` does. */
export async function migrate(databaseUrl: string): Promise<void> {
  const child = manage(
    spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/migrate.ts'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const { code } = await child.exited;
  if (code !== 0) throw new Error(`migrations failed\n${child.output()}`);
}

// ---------------------------------------------------------------- Temporal

let cliPath: string | undefined;

/** The same Temporal CLI `npm start` provisions (cached build or TEMPORAL_CLI_PATH). */
export async function temporalCli(): Promise<string> {
  if (cliPath) return cliPath;
  const helper = manage(
    spawn(process.execPath, ['scripts/soak/server.mjs', 'temporal-cli'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const { code } = await helper.exited;
  const line = helper
    .output()
    .split('\n')
    .find((l) => l.startsWith('{"path"'));
  const path = line ? (JSON.parse(line) as { path: string | null }).path : null;
  if (code !== 0 || !path || !existsSync(path)) throw new Error(`no Temporal CLI\n${helper.output()}`);
  cliPath = path;
  return path;
}

export interface TemporalProcess extends Managed {
  address: string;
  port: number;
}

/** A dev server whose state lives in `dbFile`, so a restarted server keeps every workflow. */
export async function startTemporal(port: number, dbFile: string): Promise<TemporalProcess> {
  const cli = await temporalCli();
  const child = spawn(cli, temporalDevServerArgs({ port, dbFile, logLevel: 'error' }), {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const managed = manage(child);
  await waitFor(() => portOpen(port), 'temporal start', 60_000, managed);
  return { ...managed, address: `127.0.0.1:${port}`, port };
}

/** The helper script's JSON line (scripts/soak/server.mjs <command> …), or an error with what it printed. */
async function serverScript<T>(args: string[]): Promise<T> {
  const helper = manage(
    spawn(process.execPath, ['scripts/soak/server.mjs', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  const { code } = await helper.exited;
  const line = helper
    .output()
    .split('\n')
    .find((l) => l.startsWith('{'));
  if (code !== 0) throw new Error(`server.mjs ${args[0]} failed\n${helper.output().slice(-4000)}`);
  return (line ? JSON.parse(line) : {}) as T;
}

/**
 * The Temporal server a region runs (not the dev server): persistence and visibility in databases of its own on
 * the PostgreSQL at `databaseUrl`, several history shards, its configuration under `dir`. Restartable on the same
 * port and databases.
 */
export async function startTemporalServer(port: number, databaseUrl: string, dir: string): Promise<TemporalProcess> {
  const { command, args } = await serverScript<{ command: string; args: string[] }>([
    'temporal-server',
    '--database-url',
    databaseUrl,
    '--port',
    String(port),
    '--dir',
    dir,
  ]);
  const managed = manage(spawn(command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }));
  await waitFor(() => portOpen(port), 'temporal server start', 120_000, managed);
  const address = `127.0.0.1:${port}`;
  await serverScript(['temporal-namespace', '--address', address]);
  return { ...managed, address, port };
}

/** The cluster's read-only Temporal Web UI (scripts/lib/temporal-ui.mjs) against `address`, serving on `port`. */
export async function startTemporalUi(address: string, port: number, dir: string): Promise<Managed> {
  const { command, args } = await serverScript<{ command: string; args: string[] }>([
    'temporal-ui',
    '--address',
    address,
    '--port',
    String(port),
    '--dir',
    dir,
  ]);
  const managed = manage(spawn(command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }));
  await waitFor(() => portOpen(port), 'temporal ui start', 60_000, managed);
  return managed;
}

export async function stopTemporal(server: TemporalProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill(signal);
  await server.exited;
}

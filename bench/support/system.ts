/**
 * The whole system in the benchmark's process, as test/support/system.ts runs it for end-to-end tests,
 * but on a durable PostgreSQL (support/postgres.ts) and a Temporal dev server (`temporal server
 * start-dev`, in-memory, through scripts/lib/temporal-cli.mjs), not the time-skipping test server.
 */
import { Client, Connection } from '@temporalio/client';
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Pool } from 'pg';
import { mentorflowDataConverter, payloadCodecFor } from '@mentorflow/temporal';
import { freePort, waitForPort } from '../../scripts/lib/process.cjs';
import { temporalDevServerArgs } from '../../scripts/lib/temporal-dev-server.cjs';
import { TestSystem } from '../../test/support/system';
import { cachedWorkflowBundle } from './bundle';
import {
  describeProbe,
  describeSettings,
  dynamicImport,
  migrate,
  probeFlush,
  readSettings,
  scriptUrl,
  startServer,
  type Server,
  type Settings,
} from './postgres';
import { finishReport, hostLine, reportHeading, type Section } from './stats';

let runtimeInstalled = false;

export interface BenchSystem {
  server: Server;
  migrations: string[];
  settings: Settings;
  temporalAddress: string;
  /** The API and worker in this process (null with `api: false`). */
  system: TestSystem | null;
  /** A raw pg pool on the same database (baselines). */
  pool: Pool;
  /** A raw Temporal client on the same server and namespace (baselines). */
  client: Client;
  taskQueue: string;
  stop(): Promise<void>;
}

export async function startBenchSystem(
  log: (message: string) => void,
  options: { api?: boolean; poolSize?: number } = {},
): Promise<BenchSystem> {
  // The SDK logs every worker state change at INFO to the console; the report goes to stdout.
  if (!runtimeInstalled) Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
  const server = await startServer(log);
  const stops: (() => Promise<unknown>)[] = [() => server.stop()];
  try {
    process.env.DATABASE_URL = server.url;
    const migrations = await migrate(server.url, log);
    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    if (!temporalAddress) {
      const { ensureTemporalCli } = await dynamicImport<typeof import('../../scripts/lib/temporal-cli.mjs')>(
        scriptUrl('lib/temporal-cli.mjs'),
      );
      const cli = await ensureTemporalCli({ log: (m: string) => log(`temporal-cli: ${m}`) });
      if (!cli)
        throw new Error(
          'no Temporal CLI (see scripts/lib/temporal-cli.mjs); set TEMPORAL_ADDRESS to use a running server',
        );
      temporalAddress = await startDevServer(cli, log, stops);
    }
    process.env.TEMPORAL_ADDRESS = temporalAddress;
    const taskQueue = `bench-${process.pid}-${Date.now()}`;
    const pool = new Pool({ connectionString: server.url, max: options.poolSize ?? 16 });
    pool.on('error', () => undefined);
    stops.unshift(() => pool.end());
    const settings = await readSettings(pool);
    const connection = await Connection.connect({ address: temporalAddress });
    stops.unshift(() => connection.close());
    // The same payload encryption as the API's client: the worker only reads sealed payloads.
    const client = new Client({
      connection,
      namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
      dataConverter: mentorflowDataConverter(payloadCodecFor(process.env.TEMPORAL_PAYLOAD_KEYS)),
    });
    let system: TestSystem | null = null;
    if (options.api !== false) {
      const codePath = await cachedWorkflowBundle(log);
      log('starting the API and the worker');
      system = await TestSystem.start(taskQueue, { workflowBundle: { codePath } });
      const running = system;
      stops.unshift(() => running.stop());
    }
    return {
      server,
      migrations,
      settings,
      temporalAddress,
      system,
      pool,
      client,
      taskQueue,
      stop: async () => {
        for (const stop of stops) await stop().catch((error: Error) => log(`stop: ${error.message}`));
      },
    };
  } catch (error) {
    for (const stop of stops) await stop().catch(() => undefined);
    throw error;
  }
}

/**
 * `temporal server start-dev` (in memory unless `dbFile`, no UI) as scripts/start.mjs runs it; its output goes to
 * stderr so that stdout stays the report.
 */
export async function startDevServer(
  cli: string,
  log: (message: string) => void,
  stops: (() => Promise<unknown>)[],
  /** A SQLite file for the server's state instead of memory. */
  dbFile?: string,
): Promise<string> {
  const port = await freePort();
  log(`starting the Temporal dev server on 127.0.0.1:${port}`);
  const child = spawn(cli, temporalDevServerArgs({ port, dbFile, logLevel: 'error' }), {
    stdio: ['ignore', process.stderr, process.stderr],
  });
  stops.unshift(
    () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(undefined);
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  );
  await waitForPort(port, {
    timeoutMs: 60_000,
    intervalMs: 100,
    what: 'the Temporal dev server',
    failIf: () => child.exitCode !== null && `the Temporal dev server exited (${child.exitCode})`,
  });
  return `127.0.0.1:${port}`;
}

/** The report's context lines every system and worker benchmark starts with: host, PostgreSQL's commit mode, flush probes. */
export function serverContext(bench: BenchSystem, loadBefore: number[], probes: string[]): string[] {
  return [
    `- ${hostLine(loadBefore)}`,
    `- PostgreSQL ${bench.settings.version}, ${bench.server.own ? 'throwaway embedded cluster with default (durable) settings' : 'DATABASE_URL'}: ${describeSettings(bench.settings)}`,
    ...probes,
  ];
}

/**
 * The main of the system and worker benchmarks: `run` goes between two commit-flush probes on the bench
 * system, which is stopped however it ends; the report opens with the server context and how Temporal ran.
 */
export interface BenchReport {
  title: string;
  started: Date;
  loadBefore: number[];
  smoke: boolean;
  /** What besides the dev server ran in this process, e.g. 'API (Nest on Fastify) and worker in this process; '. */
  inProcess: string;
  sections: Section[];
  problems: string[];
  unmet: string[];
  strict: boolean;
  log: (message: string) => void;
}

/** A report begun now: its start time and the load average before anything starts, no sections yet. */
export const beginReport = (
  title: string,
  inProcess: string,
  run: Pick<BenchReport, 'smoke' | 'strict' | 'problems' | 'unmet' | 'log'>,
): BenchReport => ({ title, inProcess, started: new Date(), loadBefore: loadavg(), sections: [], ...run });

export async function runOnBenchSystem(
  bench: BenchSystem,
  report: BenchReport,
  run: () => Promise<void>,
): Promise<number> {
  let probes: string[] = [];
  try {
    const probeBefore = await probeFlush(bench.server.url, report.smoke ? 0.03 : 1);
    await run();
    const probeAfter = await probeFlush(bench.server.url, report.smoke ? 0.03 : 1);
    probes = [
      `- commit flush probe, start: ${describeProbe(probeBefore)}`,
      `- commit flush probe, end: ${describeProbe(probeAfter)}`,
    ];
  } finally {
    await bench.stop();
  }
  const { title, started, loadBefore, smoke, inProcess, ...rest } = report;
  return finishReport({
    ...rest,
    heading: reportHeading(title, started, smoke),
    context: [
      ...serverContext(bench, loadBefore, probes),
      `- Temporal: dev server (\`temporal server start-dev\`, in-memory) at ${bench.temporalAddress}; ${inProcess}schema ${bench.migrations.length} migrations, latest ${bench.migrations.at(-1)}`,
    ],
  });
}

import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runClusterApiRestart } from './cluster-api-restart';
import { runClusterWorkerKill } from './cluster-worker-kill';
import {
  freePort,
  migrate,
  repoRoot,
  startPostgres,
  startTemporal,
  startTemporalServer,
  stopPostgres,
  stopTemporal,
} from './lib/processes';
import { runPostgresStop } from './postgres-stop';
import { runTemporalRestart } from './temporal-restart';
import { runWorkerKill } from './worker-kill';

/**
 * `npm run soak:<name> -- --option value …`: one long reliability run on servers of its own (an
 * embedded PostgreSQL and a Temporal dev server in a temporary directory), printing its figures and
 * saving them to reports/soak-<name>.json. Sizes come from the options (or SOAK_<OPTION> variables).
 * `cluster-worker-kill` (and any run with `--cluster`) uses the Temporal server on that PostgreSQL instead of the
 * dev server: the production topology of issue 23.
 */
const [name, ...args] = process.argv.slice(2);
const option = (key: string, fallback: number): number => {
  const i = args.indexOf(`--${key}`);
  const raw = i >= 0 ? args[i + 1] : process.env[`SOAK_${key.toUpperCase().replace(/-/g, '_')}`];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${key} must be a non-negative number, got ${raw}`);
  return value;
};
const log = (message: string) =>
  process.stderr.write(`[soak:${name}] ${new Date().toISOString().slice(11, 19)} ${message}\n`);

async function main() {
  // The API (this process) and the worker processes share the payload key, as in production.
  process.env.TEMPORAL_PAYLOAD_KEYS ??= `soak:${randomBytes(32).toString('base64')}`;
  process.env.LOG_LEVEL ??= 'warn';
  process.env.SOAK_LOG_API_ERRORS ??= '1';
  const dir = mkdtempSync(join(tmpdir(), 'mentorflow-soak-'));
  const postgres = await startPostgres(await freePort(), join(dir, 'postgres'));
  log(`PostgreSQL at ${postgres.url}`);
  await migrate(postgres.url);
  const onCluster = name?.startsWith('cluster-') === true || args.includes('--cluster');
  const startServer = (port: number) =>
    onCluster
      ? startTemporalServer(port, postgres.url, join(dir, 'temporal'))
      : startTemporal(port, join(dir, 'temporal.db'));
  let temporal = await startServer(await freePort());
  log(`Temporal at ${temporal.address}`);
  try {
    let figures: object;
    if (name === 'worker-kill') {
      figures = await runWorkerKill({
        databaseUrl: postgres.url,
        temporalAddress: temporal.address,
        routes: option('routes', 40),
        entriesPerRoute: option('entries', 10),
        concurrency: option('concurrency', 8),
        kills: option('kills', 10),
        killAfterMs: [option('kill-min-ms', 200), option('kill-max-ms', 4000)],
        log,
      });
    } else if (name === 'pg-stop') {
      figures = await runPostgresStop({
        temporalAddress: temporal.address,
        dataDir: join(dir, 'crashing-postgres'),
        commands: option('commands', 400),
        concurrency: option('concurrency', 8),
        stops: option('stops', 5),
        downMs: option('down-ms', 3000),
        log,
      });
    } else if (name === 'temporal-restart') {
      figures = await runTemporalRestart({
        databaseUrl: postgres.url,
        temporal,
        start: async () => (temporal = await startServer(temporal.port)),
        commands: option('commands', 400),
        concurrency: option('concurrency', 8),
        restarts: option('restarts', 5),
        downMs: option('down-ms', 3000),
        log,
      });
    } else if (name === 'cluster-worker-kill') {
      figures = await runClusterWorkerKill({
        databaseUrl: postgres.url,
        temporalAddress: temporal.address,
        commands: option('commands', 300),
        concurrency: option('concurrency', 8),
        kills: option('kills', 3),
        downMs: option('down-ms', 4000),
        log,
      });
    } else if (name === 'cluster-api-restart') {
      figures = await runClusterApiRestart({
        databaseUrl: postgres.url,
        temporalAddress: temporal.address,
        commands: option('commands', 300),
        concurrency: option('concurrency', 8),
        restarts: option('restarts', 4),
        log,
      });
    } else {
      throw new Error(
        'usage: run.ts worker-kill|pg-stop|temporal-restart|cluster-worker-kill|cluster-api-restart [--option value …] [--cluster]',
      );
    }
    const text = JSON.stringify(figures, null, 2);
    process.stdout.write(`${text}\n`);
    mkdirSync(join(repoRoot, 'reports'), { recursive: true });
    writeFileSync(join(repoRoot, 'reports', `soak-${name}.json`), text);
    const problems = (figures as { problems?: string[] }).problems ?? [];
    if (problems.length > 0) {
      log(`${problems.length} problem(s) found`);
      process.exitCode = 1;
    } else log('nothing lost, nothing duplicated');
  } finally {
    await stopTemporal(temporal);
    await stopPostgres(postgres);
    rmSync(dir, { recursive: true, force: true });
  }
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  })
  // The API's and the client's sockets must not keep a finished run alive.
  .finally(() => setTimeout(() => process.exit(), 500));

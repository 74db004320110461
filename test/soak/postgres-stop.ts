import { randomUUID } from 'node:crypto';
import { Api } from './lib/api';
import { freePort, migrate, spawnWorker, startPostgres, stopPostgres, stopPostgresImmediately, type PostgresProcess } from './lib/processes';
import { checkStore, pool, RouteLoad, waitForProjection, type LoadFigures, type StoreCheck } from './lib/route-load';

export interface PostgresStopOptions {
  temporalAddress: string;
  /** Where this run's own PostgreSQL keeps its data; nothing else uses that server. */
  dataDir: string;
  /** Portfolio entries in all (plus four commands per route to bring it to implementation). */
  commands: number;
  concurrency: number;
  stops: number;
  /** How long PostgreSQL stays down each time. */
  downMs: number;
  log?: (message: string) => void;
}

export interface PostgresStopFigures extends LoadFigures, StoreCheck {
  stops: number;
  workerExits: number;
  seconds: number;
}

/**
 * PostgreSQL is stopped hard (immediate shutdown: no checkpoint, recovery from the WAL on the next
 * start) again and again while commands run, then started on the same port and data directory. The
 * API and the worker are never restarted. Afterwards every acknowledged command is stored once, the
 * activities that failed during the outage retried and completed, and the projector caught up.
 */
export async function runPostgresStop(options: PostgresStopOptions): Promise<PostgresStopFigures> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const port = await freePort();
  let postgres: PostgresProcess = await startPostgres(port, options.dataDir);
  await migrate(postgres.url);
  const env = { DATABASE_URL: postgres.url, TEMPORAL_ADDRESS: options.temporalAddress, TEMPORAL_TASK_QUEUE: `pg-stop-${randomUUID()}` };
  const worker = spawnWorker(env);
  const api = await Api.start(env);
  try {
    await worker.ready;
    log(`worker polling after ${Math.round((Date.now() - started) / 1000)} s`);
    const load = new RouteLoad(api);
    await load.setUp();
    const routes = Math.max(2, Math.min(options.concurrency * 2, Math.ceil(options.commands / 5)));
    const ready = (await Promise.all(Array.from({ length: routes }, () => load.driveRoute()))).filter((id): id is string => id !== undefined);
    if (ready.length === 0) throw new Error(`no route reached implementation: ${JSON.stringify(load.figures())}`);
    log(`${ready.length} routes in implementation after ${Math.round((Date.now() - started) / 1000)} s`);

    let stops = 0;
    let sent = 0;
    const stopper = (async () => {
      while (stops < options.stops) {
        await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 1500));
        await stopPostgresImmediately(postgres);
        stops++;
        log(`PostgreSQL stopped (immediate) ${stops}/${options.stops} after ${load.sent.length} commands`);
        await new Promise((resolve) => setTimeout(resolve, options.downMs));
        postgres = await startPostgres(port, options.dataDir);
      }
    })();
    let failed = false;
    stopper.catch(() => (failed = true));
    const driver = pool(
      Array.from({ length: options.concurrency }, (_, i) => i),
      options.concurrency,
      async (lane) => {
        // Keep commands in flight until every stop has landed and the count is reached.
        while (!failed && (sent < options.commands || stops < options.stops)) {
          sent++;
          await load.portfolioEntry(ready[(sent + lane) % ready.length] as string);
        }
      },
    );
    await Promise.all([stopper, driver]);
    const behind = await waitForProjection(postgres.url, load.routeIds);
    const check = await checkStore(postgres.url, load);
    const workerExits = worker.child.exitCode === null && worker.child.signalCode === null ? 0 : 1;
    return {
      ...load.figures(),
      ...check,
      problems: [...check.problems, ...behind, ...(workerExits ? [`the worker exited: ${worker.output().slice(-2000)}`] : [])],
      stops,
      workerExits,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await api.close();
    worker.child.kill('SIGTERM');
    await worker.exited;
    await stopPostgres(postgres);
  }
}

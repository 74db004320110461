import { randomUUID } from 'node:crypto';
import { Api } from './lib/api';
import { spawnWorker, stopTemporal, type TemporalProcess } from './lib/processes';
import { checkStore, pool, RouteLoad, waitForProjection, type LoadFigures, type StoreCheck } from './lib/route-load';

export interface TemporalRestartOptions {
  databaseUrl: string;
  /** A dev server started with --db-filename, so a restart keeps its workflows. */
  temporal: TemporalProcess;
  /** Starts the server again on the same port and database file (after the run killed it). */
  start: () => Promise<TemporalProcess>;
  commands: number;
  concurrency: number;
  restarts: number;
  downMs: number;
  log?: (message: string) => void;
}

export interface TemporalRestartFigures extends LoadFigures, StoreCheck {
  restarts: number;
  /** What /health answered while the server was down, and once it was back and the worker polled again. */
  healthWhileDown: number[];
  healthAfter: number[];
  workerExits: number;
  seconds: number;
}

async function healthUntil(api: Api, wanted: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status } = await api.request('GET', '/health', undefined, undefined, 5000);
    if (status === wanted || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The Temporal server is killed and started again (same port, same database file) while commands run.
 * The API and the worker process are not restarted: they must reconnect by themselves, /health must say
 * 503 while no worker can poll and 200 again after, and the store must hold what clients were told.
 */
export async function runTemporalRestart(options: TemporalRestartOptions): Promise<TemporalRestartFigures> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  let temporal = options.temporal;
  const env = { DATABASE_URL: options.databaseUrl, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: `temporal-restart-${randomUUID()}` };
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
    const healthBefore = await healthUntil(api, 200, 30_000);
    if (healthBefore !== 200) throw new Error(`/health answered ${healthBefore} before any restart`);

    let restarts = 0;
    let sent = 0;
    const healthWhileDown: number[] = [];
    const healthAfter: number[] = [];
    const restarter = (async () => {
      while (restarts < options.restarts) {
        await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 1500));
        await stopTemporal(temporal, 'SIGKILL');
        const downSince = Date.now();
        healthWhileDown.push(await healthUntil(api, 503, Math.max(2000, options.downMs)));
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, options.downMs - (Date.now() - downSince))));
        temporal = await options.start();
        restarts++;
        healthAfter.push(await healthUntil(api, 200, 60_000));
        log(`Temporal restarted ${restarts}/${options.restarts} after ${load.sent.length} commands; /health ${healthWhileDown.at(-1)} → ${healthAfter.at(-1)}`);
      }
    })();
    let failed = false;
    restarter.catch(() => (failed = true));
    const driver = pool(
      Array.from({ length: options.concurrency }, (_, i) => i),
      options.concurrency,
      async (lane) => {
        while (!failed && (sent < options.commands || restarts < options.restarts)) {
          sent++;
          await load.portfolioEntry(ready[(sent + lane) % ready.length] as string);
        }
      },
    );
    await Promise.all([restarter, driver]);
    const behind = await waitForProjection(options.databaseUrl, load.routeIds);
    const check = await checkStore(options.databaseUrl, load);
    const workerExits = worker.child.exitCode === null && worker.child.signalCode === null ? 0 : 1;
    return {
      ...load.figures(),
      ...check,
      problems: [...check.problems, ...behind, ...(workerExits ? [`the worker exited: ${worker.output().slice(-2000)}`] : [])],
      restarts,
      healthWhileDown,
      healthAfter,
      workerExits,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await api.close();
    worker.child.kill('SIGTERM');
    await worker.exited;
  }
}

import { randomUUID } from 'node:crypto';
import { Api } from './lib/api';
import { killHard, spawnWorker, type WorkerProcess } from './lib/processes';
import { checkStore, pool, RouteLoad, type LoadFigures, type StoreCheck } from './lib/route-load';

export interface WorkerKillOptions {
  databaseUrl: string;
  temporalAddress: string;
  /** Routes driven from creation into implementation. */
  routes: number;
  /** Portfolio entries per route at least; more are sent until every kill has happened. */
  entriesPerRoute: number;
  concurrency: number;
  kills: number;
  /** A kill comes this long (random, ms) after the worker polls again. */
  killAfterMs: [number, number];
  log?: (message: string) => void;
}

export interface WorkerKillFigures extends LoadFigures, StoreCheck {
  kills: number;
  seconds: number;
}

/**
 * The worker process is SIGKILLed at random moments while routes are driven through the API (in this
 * process), and started again each time. Afterwards the store must hold exactly what clients were told.
 */
export async function runWorkerKill(options: WorkerKillOptions): Promise<WorkerKillFigures> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const env = { DATABASE_URL: options.databaseUrl, TEMPORAL_ADDRESS: options.temporalAddress, TEMPORAL_TASK_QUEUE: `worker-kill-${randomUUID()}` };
  let worker: WorkerProcess = spawnWorker(env);
  const api = await Api.start(env);
  try {
    await worker.ready;
    log(`worker polling after ${Math.round((Date.now() - started) / 1000)} s`);
    const load = new RouteLoad(api);
    await load.setUp();

    let kills = 0;
    let stop = false;
    const killer = (async () => {
      while (kills < options.kills) {
        const [min, max] = options.killAfterMs;
        await new Promise((resolve) => setTimeout(resolve, min + Math.random() * (max - min)));
        await killHard(worker);
        kills++;
        log(`kill ${kills}/${options.kills} after ${load.sent.length} commands`);
        worker = spawnWorker(env);
        await worker.ready;
      }
    })();
    killer.catch(() => (stop = true));

    const driver = pool(
      Array.from({ length: options.routes }, (_, i) => i),
      options.concurrency,
      async () => {
        const routeId = await load.driveRoute();
        if (!routeId) return;
        // Keep the load on until every kill has landed, so each one hits work in flight.
        for (let n = 0; !stop && (n < options.entriesPerRoute || kills < options.kills); n++) await load.portfolioEntry(routeId);
      },
    );
    await Promise.all([killer, driver]);
    const check = await checkStore(options.databaseUrl, load);
    return { ...load.figures(), ...check, kills, seconds: Math.round((Date.now() - started) / 1000) };
  } finally {
    await api.close();
    worker.child.kill('SIGTERM');
    await worker.exited;
  }
}

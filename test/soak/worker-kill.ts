import { killHard } from './lib/processes';
import { runUnderFaults } from './lib/fault-run';
import type { LoadFigures, StoreCheck } from './lib/route-load';

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
  const { faults, seconds, ...result } = await runUnderFaults({
    name: 'worker-kill',
    databaseUrl: options.databaseUrl,
    temporalAddress: options.temporalAddress,
    load: { kind: 'routes', routes: options.routes, entriesPerRoute: options.entriesPerRoute },
    concurrency: options.concurrency,
    workerSurvives: false,
    log: options.log,
    fault: {
      times: options.kills,
      pauseMs: options.killAfterMs,
      inject: (run) => killHard(run.worker()),
      repair: (run) => run.replaceWorker(),
      describe: (n, run) => `kill ${n}/${options.kills} after ${run.load.sent.length} commands`,
    },
  });
  // The worker is replaced on purpose here, so its exits are no figure of this run.
  const { workerExits, ...figures } = result;
  void workerExits;
  return { ...figures, kills: faults, seconds };
}

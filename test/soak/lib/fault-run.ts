import { randomUUID } from 'node:crypto';
import { Api } from './api';
import { spawnWorker, type WorkerProcess } from './processes';
import { checkStore, pool, RouteLoad, waitForProjection, type LoadFigures, type StoreCheck } from './route-load';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a fault can reach: the API in this process, the current worker process, the load. */
export interface FaultContext {
  readonly api: Api;
  readonly load: RouteLoad;
  /** The worker process now running (a fault that replaces it says so through replaceWorker). */
  worker(): WorkerProcess;
  /** Starts a new worker on the same servers and task queue and waits until it polls. */
  replaceWorker(): Promise<void>;
}

/** One kind of failure, injected `times` times while the load runs. */
export interface Fault {
  times: number;
  /** Pause before each injection, drawn uniformly from [min, max] ms. */
  pauseMs: [number, number];
  /** How long the fault lasts, from the end of `inject` to the start of `repair`; none: repaired at once. */
  downMs?: number;
  /** Checked once the load is ready, before the first injection (it throws if the system is not well). */
  before?(context: FaultContext): Promise<void>;
  inject(context: FaultContext): Promise<void>;
  /** Runs right after `inject` (within `downMs`), e.g. to record what clients see during the outage. */
  whileDown?(context: FaultContext): Promise<void>;
  repair(context: FaultContext): Promise<void>;
  /** Runs right after `repair` (after a 'repaired' fault has counted). */
  afterRepair?(context: FaultContext): Promise<void>;
  /** When a fault counts as landed (the load keeps going until all have): as soon as it is injected (default) or once repaired. */
  landsWhen?: 'injected' | 'repaired';
  /** The log line once fault `n` has landed (for 'repaired', after afterRepair). */
  describe(n: number, context: FaultContext): string;
}

/**
 * The load under the faults:
 * - `routes`: each of `routes` routes (at most `concurrency` at a time) is driven into implementation
 *   while faults land, then gets `entriesPerRoute` portfolio entries, more until every fault has landed;
 * - `entries`: routes are first driven into implementation, then `concurrency` clients send portfolio
 *   entries to them, `commands` in all, more until every fault has landed.
 */
export type FaultLoad =
  { kind: 'routes'; routes: number; entriesPerRoute: number } | { kind: 'entries'; commands: number };

/** What every portfolio-entries scenario is given: the servers, the load, and where progress is logged. */
export interface EntriesScenario {
  databaseUrl: string;
  temporalAddress: string;
  /** Portfolio entries in all (plus four commands per route to bring it to implementation). */
  commands: number;
  concurrency: number;
  log?: (message: string) => void;
}

/** The run options an entries scenario hands on as they are; the scenario adds its workers and its fault. */
export const entriesRun = (name: string, scenario: EntriesScenario) => ({
  name,
  databaseUrl: scenario.databaseUrl,
  temporalAddress: scenario.temporalAddress,
  load: { kind: 'entries', commands: scenario.commands } as const,
  concurrency: scenario.concurrency,
  log: scenario.log,
});

export interface FaultRunOptions {
  /** Names the task queue (`<name>-<uuid>`). */
  name: string;
  databaseUrl: string;
  temporalAddress: string;
  load: FaultLoad;
  concurrency: number;
  fault: Fault;
  /**
   * The worker is never restarted: afterwards wait for the projector to catch up, and report it as a
   * problem (and in `workerExits`) if the worker exited.
   */
  workerSurvives: boolean;
  /** When the run began, if the caller did work of its own first (seconds count from there). */
  started?: number;
  /**
   * Worker processes on the task queue (default 1). With two, a fault on `worker()` leaves the other polling: the
   * load goes on through it while the first is down (the cluster's takeover).
   */
  workers?: number;
  log?: (message: string) => void;
}

export interface FaultRunFigures extends LoadFigures, StoreCheck {
  /** Faults that landed. */
  faults: number;
  /** 1 if the worker exited (only with workerSurvives). */
  workerExits: number;
  seconds: number;
}

/**
 * One reliability run: a worker process and the API (this process) on the given servers, the load
 * driven while `fault` lands again and again; then the store is checked against what clients were told.
 * Each soak script says only which fault it injects.
 */
export async function runUnderFaults(options: FaultRunOptions): Promise<FaultRunFigures> {
  const log = options.log ?? (() => undefined);
  const started = options.started ?? Date.now();
  const { fault } = options;
  const env = {
    DATABASE_URL: options.databaseUrl,
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_TASK_QUEUE: `${options.name}-${randomUUID()}`,
  };
  let worker: WorkerProcess = spawnWorker(env);
  // The others stay up for the whole run; only `worker` is faulted and replaced.
  const standby = Array.from({ length: (options.workers ?? 1) - 1 }, () => spawnWorker(env));
  const api = await Api.start(env);
  try {
    await Promise.all([worker.ready, ...standby.map((w) => w.ready)]);
    log(`worker polling after ${Math.round((Date.now() - started) / 1000)} s`);
    const load = new RouteLoad(api);
    await load.setUp();
    const context: FaultContext = {
      api,
      load,
      worker: () => worker,
      replaceWorker: async () => {
        worker = spawnWorker(env);
        await worker.ready;
      },
    };

    let ready: string[] = [];
    if (options.load.kind === 'entries') {
      const routes = Math.max(2, Math.min(options.concurrency * 2, Math.ceil(options.load.commands / 5)));
      ready = (await Promise.all(Array.from({ length: routes }, () => load.driveRoute()))).filter(
        (id): id is string => id !== undefined,
      );
      if (ready.length === 0) throw new Error(`no route reached implementation: ${JSON.stringify(load.figures())}`);
      log(`${ready.length} routes in implementation after ${Math.round((Date.now() - started) / 1000)} s`);
    }
    await fault.before?.(context);

    let landed = 0;
    const onRepair = fault.landsWhen === 'repaired';
    const injector = (async () => {
      while (landed < fault.times) {
        const [min, max] = fault.pauseMs;
        await sleep(min + Math.random() * (max - min));
        await fault.inject(context);
        const downSince = Date.now();
        if (!onRepair) log(fault.describe(++landed, context));
        await fault.whileDown?.(context);
        if (fault.downMs !== undefined) await sleep(Math.max(0, fault.downMs - (Date.now() - downSince)));
        await fault.repair(context);
        if (onRepair) landed++;
        await fault.afterRepair?.(context);
        if (onRepair) log(fault.describe(landed, context));
      }
    })();
    let failed = false;
    injector.catch(() => (failed = true));

    // Keep the load on until every fault has landed, so each one hits work in flight.
    const { load: shape, concurrency } = options;
    let sent = 0;
    const driver =
      shape.kind === 'routes'
        ? pool(
            Array.from({ length: shape.routes }, (_, i) => i),
            concurrency,
            async () => {
              const routeId = await load.driveRoute();
              if (!routeId) return;
              for (let n = 0; !failed && (n < shape.entriesPerRoute || landed < fault.times); n++)
                await load.portfolioEntry(routeId);
            },
          )
        : pool(
            Array.from({ length: concurrency }, (_, i) => i),
            concurrency,
            async (lane) => {
              while (!failed && (sent < shape.commands || landed < fault.times)) {
                sent++;
                await load.portfolioEntry(ready[(sent + lane) % ready.length] as string);
              }
            },
          );
    await Promise.all([injector, driver]);

    const behind = options.workerSurvives ? await waitForProjection(options.databaseUrl, load.routeIds) : [];
    const check = await checkStore(options.databaseUrl, load);
    const gone = (w: WorkerProcess) => w.child.exitCode !== null || w.child.signalCode !== null;
    const standbyExits = standby.filter(gone);
    const workerExits = options.workerSurvives && gone(worker) ? 1 : 0;
    return {
      ...load.figures(),
      ...check,
      problems: [
        ...check.problems,
        ...behind,
        ...(workerExits ? [`the worker exited: ${worker.output().slice(-2000)}`] : []),
        ...standbyExits.map((w) => `a standby worker exited: ${w.output().slice(-2000)}`),
      ],
      faults: landed,
      workerExits,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await api.close();
    for (const w of [worker, ...standby]) w.child.kill('SIGTERM');
    await Promise.all([worker, ...standby].map((w) => w.exited));
  }
}

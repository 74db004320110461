import { entriesRun, runUnderFaults, type EntriesScenario } from './lib/fault-run';
import {
  freePort,
  migrate,
  startPostgres,
  stopPostgres,
  stopPostgresImmediately,
  type PostgresProcess,
} from './lib/processes';
import type { LoadFigures, StoreCheck } from './lib/route-load';

/** The run starts its own PostgreSQL, so it is given no database URL. */
export interface PostgresStopOptions extends Omit<EntriesScenario, 'databaseUrl'> {
  /** Where this run's own PostgreSQL keeps its data; nothing else uses that server. */
  dataDir: string;
  stops: number;
  /** How long PostgreSQL stays down each time. */
  downMs: number;
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
  const started = Date.now();
  const port = await freePort();
  let postgres: PostgresProcess = await startPostgres(port, options.dataDir);
  try {
    await migrate(postgres.url);
    const { faults, workerExits, seconds, ...figures } = await runUnderFaults({
      ...entriesRun('pg-stop', { ...options, databaseUrl: postgres.url }),
      workerSurvives: true,
      started,
      fault: {
        times: options.stops,
        pauseMs: [500, 2000],
        downMs: options.downMs,
        inject: () => stopPostgresImmediately(postgres),
        repair: async () => {
          postgres = await startPostgres(port, options.dataDir);
        },
        describe: (n, run) =>
          `PostgreSQL stopped (immediate) ${n}/${options.stops} after ${run.load.sent.length} commands`,
      },
    });
    return { ...figures, stops: faults, workerExits, seconds };
  } finally {
    await stopPostgres(postgres);
  }
}

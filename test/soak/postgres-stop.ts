import { runUnderFaults } from './lib/fault-run';
import {
  freePort,
  migrate,
  startPostgres,
  stopPostgres,
  stopPostgresImmediately,
  type PostgresProcess,
} from './lib/processes';
import type { LoadFigures, StoreCheck } from './lib/route-load';

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
  const started = Date.now();
  const port = await freePort();
  let postgres: PostgresProcess = await startPostgres(port, options.dataDir);
  try {
    await migrate(postgres.url);
    const { faults, workerExits, seconds, ...figures } = await runUnderFaults({
      name: 'pg-stop',
      databaseUrl: postgres.url,
      temporalAddress: options.temporalAddress,
      load: { kind: 'entries', commands: options.commands },
      concurrency: options.concurrency,
      workerSurvives: true,
      started,
      log: options.log,
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

import { eventually } from '../support/poll';
import type { Api } from './lib/api';
import { entriesRun, runUnderFaults, type EntriesScenario } from './lib/fault-run';
import { stopTemporal, type TemporalProcess } from './lib/processes';
import type { LoadFigures, StoreCheck } from './lib/route-load';

export interface TemporalRestartOptions extends Omit<EntriesScenario, 'temporalAddress'> {
  /** A dev server started with --db-filename, so a restart keeps its workflows. */
  temporal: TemporalProcess;
  /** Starts the server again on the same port and database file (after the run killed it). */
  start: () => Promise<TemporalProcess>;
  restarts: number;
  downMs: number;
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
  const health = async () => (await api.request('GET', '/health', undefined, undefined, 5000)).status;
  return eventually(health, (status) => status === wanted, { timeoutMs, intervalMs: 200 });
}

/**
 * The Temporal server is killed and started again (same port, same database file) while commands run.
 * The API and the worker process are not restarted: they must reconnect by themselves, /health must say
 * 503 while no worker can poll and 200 again after, and the store must hold what clients were told.
 */
export async function runTemporalRestart(options: TemporalRestartOptions): Promise<TemporalRestartFigures> {
  let temporal = options.temporal;
  const healthWhileDown: number[] = [];
  const healthAfter: number[] = [];
  const { faults, workerExits, seconds, ...figures } = await runUnderFaults({
    ...entriesRun('temporal-restart', { ...options, temporalAddress: temporal.address }),
    workerSurvives: true,
    fault: {
      times: options.restarts,
      pauseMs: [500, 2000],
      downMs: options.downMs,
      before: async ({ api }) => {
        const healthBefore = await healthUntil(api, 200, 30_000);
        if (healthBefore !== 200) throw new Error(`/health answered ${healthBefore} before any restart`);
      },
      inject: () => stopTemporal(temporal, 'SIGKILL'),
      whileDown: async ({ api }) => {
        healthWhileDown.push(await healthUntil(api, 503, Math.max(2000, options.downMs)));
      },
      repair: async () => {
        temporal = await options.start();
      },
      landsWhen: 'repaired',
      afterRepair: async ({ api }) => {
        healthAfter.push(await healthUntil(api, 200, 60_000));
      },
      describe: (n, run) =>
        `Temporal restarted ${n}/${options.restarts} after ${run.load.sent.length} commands; /health ${healthWhileDown.at(-1)} → ${healthAfter.at(-1)}`,
    },
  });
  return { ...figures, restarts: faults, healthWhileDown, healthAfter, workerExits, seconds };
}

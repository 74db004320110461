import { entriesRun, runUnderFaults, type EntriesScenario } from './lib/fault-run';
import { freePort, spawnApi, type ApiProcess } from './lib/processes';
import type { LoadFigures, StoreCheck } from './lib/route-load';

export interface ClusterApiRestartOptions extends EntriesScenario {
  /** Restarts in all, taking the two instances in turn. */
  restarts: number;
}

export interface ClusterApiRestartFigures extends LoadFigures, StoreCheck {
  restarts: number;
  /** Every answer clients got, retries included, by status: only 2xx, 0 (connection refused) and 503 may appear. */
  attempts: Record<string, number>;
  seconds: number;
}

/**
 * Two API instances (processes) in front of two workers on the Temporal server on PostgreSQL (issue 23). Each is
 * stopped (SIGTERM, as a rolling deploy does) and started again in turn while clients keep sending, each write with
 * an Idempotency-Key and retried on the other instance when refused or answered 503. No acknowledged command may be
 * lost or stored twice, and no client may see any other error.
 */
export async function runClusterApiRestart(options: ClusterApiRestartOptions): Promise<ClusterApiRestartFigures> {
  const instances: ApiProcess[] = [];
  let attempts: Record<string, number> = {};
  try {
    const { faults, workerExits, seconds, ...figures } = await runUnderFaults({
      ...entriesRun('cluster-api-restart', options),
      workers: 2,
      workerSurvives: true,
      fault: {
        times: options.restarts,
        pauseMs: [1000, 2500],
        before: async ({ api }) => {
          for (let i = 0; i < 2; i++) instances.push(spawnApi(await freePort()));
          await Promise.all(instances.map((instance) => instance.ready));
          api.failover(instances.map((instance) => instance.url));
          attempts = api.attempts;
        },
        inject: async () => {
          const instance = instances[0] as ApiProcess;
          instance.child.kill('SIGTERM');
          await instance.exited;
        },
        repair: async () => {
          const stopped = instances.shift() as ApiProcess;
          const again = spawnApi(Number(new URL(stopped.url).port));
          await again.ready;
          instances.push(again);
        },
        landsWhen: 'repaired',
        describe: (n, run) => `API instance restarted ${n}/${options.restarts} after ${run.load.sent.length} commands`,
      },
    });
    void workerExits;
    const problems = [...figures.problems];
    const unexpected = Object.keys(attempts).filter((status) => !/^(0|503|2\d\d)$/.test(status));
    if (unexpected.length > 0) problems.push(`clients saw ${unexpected.join(', ')}: ${JSON.stringify(attempts)}`);
    if (figures.unacknowledged > 0) problems.push(`${figures.unacknowledged} command(s) never acknowledged`);
    return { ...figures, problems, restarts: faults, attempts, seconds };
  } finally {
    for (const instance of instances) instance.child.kill('SIGTERM');
    await Promise.all(instances.map((instance) => instance.exited));
  }
}

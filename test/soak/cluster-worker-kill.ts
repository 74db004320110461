import { killHard } from './lib/processes';
import { entriesRun, runUnderFaults, type EntriesScenario } from './lib/fault-run';
import type { LoadFigures, RouteLoad, StoreCheck } from './lib/route-load';

export interface ClusterWorkerKillOptions extends EntriesScenario {
  kills: number;
  /** How long the killed worker stays dead: the other one alone carries the load meanwhile. */
  downMs: number;
}

export interface ClusterWorkerKillFigures extends LoadFigures, StoreCheck {
  kills: number;
  /** Commands acknowledged while one of the two workers was dead: the survivor took over. */
  acknowledgedWhileOneDown: number;
  seconds: number;
}

/**
 * Two workers on one task queue of the Temporal server on PostgreSQL (issue 23): one is SIGKILLed under load and
 * left dead for `downMs` before a new one joins. Clients must go on being answered through the survivor, and the
 * store must hold exactly what they were told.
 */
export async function runClusterWorkerKill(options: ClusterWorkerKillOptions): Promise<ClusterWorkerKillFigures> {
  const windows: [number, number][] = [];
  let load: RouteLoad | undefined;
  const { faults, workerExits, seconds, ...figures } = await runUnderFaults({
    ...entriesRun('cluster-worker-kill', options),
    workers: 2,
    workerSurvives: false,
    fault: {
      times: options.kills,
      pauseMs: [1000, 3000],
      downMs: options.downMs,
      inject: async (run) => {
        load = run.load;
        await killHard(run.worker());
        windows.push([Date.now(), Number.POSITIVE_INFINITY]);
      },
      repair: async (run) => {
        (windows.at(-1) as [number, number])[1] = Date.now();
        await run.replaceWorker();
      },
      landsWhen: 'repaired',
      describe: (n, run) => `worker killed and replaced ${n}/${options.kills} after ${run.load.sent.length} commands`,
    },
  });
  void workerExits;
  const acknowledgedWhileOneDown = (load?.sent ?? []).filter(
    (s) => s.status >= 200 && s.status < 300 && windows.some(([from, to]) => s.at > from && s.at < to),
  ).length;
  const problems = [...figures.problems];
  if (faults > 0 && acknowledgedWhileOneDown === 0)
    problems.push('no command was acknowledged while one worker was dead: the other did not take over');
  return { ...figures, problems, kills: faults, acknowledgedWhileOneDown, seconds };
}

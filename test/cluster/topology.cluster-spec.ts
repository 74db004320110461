import { runClusterApiRestart } from '../soak/cluster-api-restart';
import { runClusterWorkerKill } from '../soak/cluster-worker-kill';
import { testLog } from '../support/scripts';

/**
 * Issue 23's guarantees on the production topology: the Temporal server on PostgreSQL (test/cluster/setup.ts), two
 * workers, two API instances. Short versions of `npm run soak:cluster-worker-kill` and `soak:cluster-api-restart`.
 */
// Each run spawns worker and API processes (≈ 1 min each to start on a loaded 2-core machine) and drives routes.
const RUN_MS = 15 * 60_000;

describe('the cluster topology', () => {
  it(
    'goes on through the other worker while one is SIGKILLed, losing and duplicating nothing',
    async () => {
      const figures = await runClusterWorkerKill({
        databaseUrl: process.env.DATABASE_URL as string,
        temporalAddress: process.env.TEMPORAL_ADDRESS as string,
        commands: 40,
        concurrency: 4,
        kills: 2,
        downMs: 4000,
        log: testLog,
      });
      expect(figures.problems).toEqual([]);
      expect(figures.kills).toBe(2);
      expect(figures.unacknowledged).toBe(0);
      // Answered while one of the two workers was dead: the survivor took its work.
      expect(figures.acknowledgedWhileOneDown).toBeGreaterThan(0);
    },
    RUN_MS,
  );

  it(
    'loses no acknowledged command while the API instances restart in turn; clients see at most a retryable 503',
    async () => {
      const figures = await runClusterApiRestart({
        databaseUrl: process.env.DATABASE_URL as string,
        temporalAddress: process.env.TEMPORAL_ADDRESS as string,
        commands: 60,
        concurrency: 4,
        restarts: 2,
        log: testLog,
      });
      expect(figures.problems).toEqual([]);
      expect(figures.restarts).toBe(2);
      expect(figures.unacknowledged).toBe(0);
      expect(Object.keys(figures.attempts).filter((status) => !/^(0|503|2\d\d)$/.test(status))).toEqual([]);
    },
    RUN_MS,
  );
});

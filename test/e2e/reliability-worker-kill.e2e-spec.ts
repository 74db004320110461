import { runWorkerKill } from '../soak/worker-kill';
import { testLog } from '../support/scripts';

/**
 * Short version of `npm run soak:worker-kill`: the worker process is SIGKILLed twice while routes are
 * driven through the API; afterwards every acknowledged command is stored exactly once, nothing else
 * is, and every stream is gapless with an intact hash chain.
 */
describe('worker killed mid-transition', () => {
  it('loses and duplicates nothing across SIGKILLs of the worker process', async () => {
    const figures = await runWorkerKill({
      databaseUrl: process.env.DATABASE_URL as string,
      temporalAddress: process.env.TEMPORAL_ADDRESS as string,
      routes: 6,
      entriesPerRoute: 3,
      concurrency: 4,
      kills: 2,
      killAfterMs: [300, 2000],
      log: testLog,
    });
    expect(figures.problems).toEqual([]);
    expect(figures.kills).toBe(2);
    expect(figures.routes).toBe(6);
    // Under these kills the API waits for the worker rather than failing: every command answered 2xx.
    expect(figures.unacknowledged).toBe(0);
    expect(figures.events).toBeGreaterThan(6 * 8);
  });
});

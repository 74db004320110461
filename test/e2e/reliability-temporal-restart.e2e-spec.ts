import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startTemporal, stopTemporal, type TemporalProcess } from '../soak/lib/processes';
import { runTemporalRestart } from '../soak/temporal-restart';
import { testLog } from '../support/scripts';

/**
 * Short version of `npm run soak:temporal-restart`: a Temporal dev server of this test's own, keeping
 * its state in a database file, is killed and started again twice under load; the API (this process)
 * and the worker process reconnect by themselves and /health follows: 503 while down, 200 after.
 */
describe('Temporal server restarted under load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mentorflow-temporal-restart-'));
  let temporal: TemporalProcess | undefined;
  afterAll(async () => {
    if (temporal) await stopTemporal(temporal);
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing, and API and worker reconnect without a restart of their own', async () => {
    const dbFile = join(dir, 'temporal.db');
    temporal = await startTemporal(await freePort(), dbFile);
    const port = temporal.port;
    const figures = await runTemporalRestart({
      databaseUrl: process.env.DATABASE_URL as string,
      temporal,
      start: async () => (temporal = await startTemporal(port, dbFile)),
      commands: 24,
      concurrency: 3,
      restarts: 2,
      downMs: 2000,
      log: testLog,
    });
    expect(figures.problems).toEqual([]);
    expect(figures.restarts).toBe(2);
    expect(figures.workerExits).toBe(0);
    expect(figures.healthWhileDown).toEqual([503, 503]);
    expect(figures.healthAfter).toEqual([200, 200]);
    expect(figures.acknowledged).toBeGreaterThan(12);
  });
});

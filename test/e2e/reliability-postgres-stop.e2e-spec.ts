import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPostgresStop } from '../soak/postgres-stop';
import { testLog } from '../support/scripts';

/**
 * Short version of `npm run soak:pg-stop`. It starts an embedded PostgreSQL of its own (own port and
 * data directory) and stops it hard twice under concurrent commands, so the other tests' server is
 * never touched.
 */
describe('PostgreSQL stopped hard under load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mentorflow-pg-stop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged command, completes the interrupted ones once, and the projector catches up', async () => {
    const figures = await runPostgresStop({
      temporalAddress: process.env.TEMPORAL_ADDRESS as string,
      dataDir: join(dir, 'data'),
      commands: 24,
      concurrency: 3,
      stops: 2,
      downMs: 1000,
      log: testLog,
    });
    expect(figures.problems).toEqual([]);
    expect(figures.stops).toBe(2);
    expect(figures.workerExits).toBe(0);
    expect(figures.acknowledged).toBeGreaterThan(12);
    // A command refused for want of a database is a 503 the client may retry, never a 500.
    expect(Object.keys(figures.statuses).filter((status) => !['200', '201', '503'].includes(status))).toEqual([]);
    expect(figures.events).toBeGreaterThan(figures.routes * 8);
  });
});

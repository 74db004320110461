import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { programmeStream } from '@mentorflow/domain';
import { Api } from '../soak/lib/api';
import { spawnWorker, type WorkerProcess } from '../soak/lib/processes';
import { eventually } from '../support/poll';
import { createProgramme, places, registerOrganisation } from '../support/programme-setup';

/**
 * SIGTERM to a worker process while one of its activities is running: the activity finishes and
 * commits within WORKER_SHUTDOWN_GRACE, and the process exits 0. The activity is held mid-append
 * by a real PostgreSQL lock (an uncommitted row at the stream version it is about to write).
 */
describe('graceful shutdown of the worker process', () => {
  const taskQueue = `shutdown-${randomUUID()}`;
  const env = () => ({
    DATABASE_URL: process.env.DATABASE_URL as string,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS as string,
    TEMPORAL_TASK_QUEUE: taskQueue,
  });
  let api: Api;
  const workers: WorkerProcess[] = [];
  const blocker = new Client({ connectionString: process.env.DATABASE_URL });

  beforeAll(async () => {
    api = await Api.start(env());
    await blocker.connect();
  });
  afterAll(async () => {
    await blocker.end().catch(() => undefined);
    for (const worker of workers)
      if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    await api?.close();
  });

  it('lets the running activity commit, then exits 0 within the grace time', async () => {
    const worker = spawnWorker({ ...env(), WORKER_SHUTDOWN_GRACE: '30 seconds' });
    workers.push(worker);
    await worker.ready;

    const admin = api.token(randomUUID(), ['administrator']);
    const organisation = await registerOrganisation(api, admin, places.samara);
    expect(organisation.status).toBe(201);
    const organisationId = organisation.body.organisationId as string;
    const director = api.token(randomUUID(), ['director'], [organisationId]);
    const started = await createProgramme(api, organisationId, director, 'Программа 2026/27');
    expect(started.status).toBe(201);
    const programmeId = started.body.state.programmeId as string;
    const stream = programmeStream(programmeId);

    // Version 2 is where the next append goes: an open transaction holding it makes that append wait.
    await blocker.query('BEGIN');
    await blocker.query(
      `INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata) VALUES ($1, $2, 2, 'Blocker', '{}', '{}')`,
      [randomUUID(), stream],
    );
    const curatorId = randomUUID();
    const appointing = api.request('POST', `/programmes/${programmeId}/curator`, director, { curatorId });
    const waiting = async () =>
      Number(
        (
          await blocker.query(
            `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype = 'transactionid'`,
          )
        ).rows[0].n,
      );
    await eventually(waiting, (n) => n > 0, { timeoutMs: 20_000, intervalMs: 50 });
    expect(await waiting()).toBeGreaterThan(0);

    const signalledAt = Date.now();
    worker.child.kill('SIGTERM');
    // The activity is still blocked: a worker that quit now would abandon it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(worker.child.exitCode).toBeNull();
    await blocker.query('ROLLBACK');

    const exit = await worker.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(30_000);
    // Committed by the activity before the process left, not by a later retry.
    const stored = await blocker.query(
      'SELECT type, stream_version FROM events WHERE stream_id = $1 ORDER BY stream_version',
      [stream],
    );
    expect(stored.rows).toEqual([
      { type: 'ProgrammeStarted', stream_version: 1 },
      { type: 'CuratorAppointed', stream_version: 2 },
    ]);

    // The workflow task that completes the update needs a worker; the next one finishes it, adding nothing.
    const next = spawnWorker(env());
    workers.push(next);
    await next.ready;
    const appointed = await appointing;
    expect(appointed.status).toBe(200);
    expect(appointed.body.state).toMatchObject({ curatorId });
    const after = await blocker.query('SELECT type FROM events WHERE stream_id = $1 ORDER BY stream_version', [stream]);
    expect(after.rows.map((r) => r.type)).toEqual(['ProgrammeStarted', 'CuratorAppointed']);
    next.child.kill('SIGTERM');
    expect(await next.exited).toEqual({ code: 0, signal: null });
  });
});

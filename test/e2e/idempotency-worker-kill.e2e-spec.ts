import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { routeStream } from '@mentorflow/domain';
import { Api } from '../soak/lib/api';
import { killHard, spawnWorker, type WorkerProcess } from '../soak/lib/processes';
import { openTestDataSource } from '../support/database';
import { localDay } from '../support/dates';
import { eventually } from '../support/poll';
import { organisationBody, places } from '../support/programme-setup';
import { fourYearsLessADay, ictDeficit, routeBody, titlePage } from '../support/route-setup';

/**
 * Safe retries through a worker kill (issue 23): a command whose client gave up while the worker was dead is
 * sent again under the same Idempotency-Key once a new worker polls, until it is answered; the store holds it
 * once, and a further repeat gets the same answer.
 */
describe('a command retried under its key across a worker kill', () => {
  const env = {
    DATABASE_URL: process.env.DATABASE_URL as string,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS as string,
    TEMPORAL_TASK_QUEUE: `idempotency-kill-${randomUUID()}`,
  };
  const place = places.tolyatti;
  let worker: WorkerProcess;
  let api: Api;
  let db: DataSource;

  beforeAll(async () => {
    worker = spawnWorker(env);
    api = await Api.start(env);
    db = await openTestDataSource();
    await worker.ready;
  });
  afterAll(async () => {
    if (worker) await killHard(worker);
    await api?.close();
    await db?.destroy();
  });

  it('records diagnostics sent before the kill and again after the restart once', async () => {
    const admin = api.token(randomUUID(), ['administrator']);
    const organisation = await api.request('POST', '/organisations', admin, organisationBody(place));
    expect(organisation.status).toBe(201);
    const organisationId = organisation.body.organisationId as string;
    const [tutorId, methodologist, teacher] = [randomUUID(), randomUUID(), randomUUID()];
    const tutor = api.token(tutorId, ['tutor'], [organisationId]);
    api.token(methodologist, ['methodologist'], [organisationId]);
    api.token(teacher, ['mentee'], [organisationId]);
    const today = localDay(place.timeZone);
    const created = await api.request(
      'POST',
      `/organisations/${organisationId}/routes`,
      tutor,
      routeBody(teacher, methodologist, titlePage(today, fourYearsLessADay(today))),
    );
    expect(created.status).toBe(201);
    const routeId = created.body.state.routeId as string;

    await killHard(worker);
    const key = { 'Idempotency-Key': randomUUID() };
    const body = { diagnosticsId: randomUUID(), date: today, results: ictDeficit() };
    const send = (timeoutMs: number) =>
      api.request('POST', `/routes/${routeId}/record-diagnostics`, tutor, body, timeoutMs, key);
    // No worker: the API waits for one, the client gives up (status 0) — it cannot know whether it was recorded.
    expect((await send(3_000)).status).toBe(0);

    worker = spawnWorker(env);
    await worker.ready;
    // Retried as a client would: while the first attempt still runs the answer is 409, then the stored one.
    const answered = await eventually(
      () => send(30_000),
      (r) => r.status !== 409 && r.status !== 0,
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    expect(answered.status).toBe(200);
    const recorded = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM events WHERE stream_id = $1 AND type = 'DiagnosticsRecorded'`,
      [routeStream(routeId)],
    );
    expect(recorded[0]?.n).toBe(1);
    const again = await send(30_000);
    expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: answered.body });
  });
});

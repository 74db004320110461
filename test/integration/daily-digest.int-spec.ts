import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { dailyDigestWorkflow } from '@mentorflow/workflows/notifications/daily-digest.workflow';
import { createNotificationActivities } from '../../apps/worker/src/activities/notification.activities';
import { openTestDataSource } from '../support/database';
import { captureHistory } from '../support/replay';
import { useTimeSkippingWorker } from '../support/time-skipping';

/**
 * The daily digest workflow on the time-skipping server against the real outbox: one digest per person
 * and date however often the day is run, the held messages marked as told, and none on a holiday. The
 * dates are fixed (2026, in the shipped official calendar): nothing depends on today.
 */
describe('daily digest workflow', () => {
  const taskQueue = `digest-${randomUUID()}`;
  const worker = useTimeSkippingWorker({ taskQueue, activities: createNotificationActivities });
  // A zone of its own, so the organisations other specs register do not take part.
  const timeZone = 'Asia/Kamchatka';
  const organisationId = randomUUID();
  const personId = randomUUID();
  const dueToday = randomUUID();
  const later = randomUUID();

  let db: DataSource;
  beforeAll(async () => {
    db = await openTestDataSource();
  });
  // The rows are written straight into the read models (no events behind them): removed again, so the specs
  // that compare the read models with a rebuild from the shared store (projector-gaps) find only projected rows.
  afterAll(async () => {
    if (!db) return;
    await db.query('DELETE FROM notification_outbox WHERE recipient_id = $1', [personId]);
    await db.query('DELETE FROM notification_preferences WHERE person_id = $1', [personId]);
    await db.query('DELETE FROM tasks_view WHERE organisation_id = $1', [organisationId]);
    await db.query('DELETE FROM organisations_view WHERE organisation_id = $1', [organisationId]);
    await db.destroy();
  });

  const run = (date: string) =>
    worker.env.client.workflow.execute(dailyDigestWorkflow, {
      taskQueue,
      workflowId: `digest-${randomUUID()}`,
      args: [{ timeZone, date }],
    });

  it('enqueues one digest per person and date with the day’s, the overdue and the held tasks; none on a holiday', async () => {
    const sql = (text: string, parameters: unknown[]) => db.query<unknown[]>(text, parameters);
    await sql(
      `INSERT INTO organisations_view (organisation_id, name, region, municipality, time_zone, state, version, updated_at)
       VALUES ($1, 'Школа', 'Камчатский край', 'г. Петропавловск-Камчатский', $2, '{}', 1, now())`,
      [organisationId, timeZone],
    );
    const task = (taskId: string, dueLocalDate: string, status = 'open') =>
      sql(
        `INSERT INTO tasks_view (task_id, stream_id, organisation_id, assignee_id, assignee_role, kind, status, due_at,
           subject_type, subject_id, view, updated_at)
         VALUES ($1, 'route-x', $2, $3, 'methodologist', 'draftRoute', $5, now(), 'route', $1, $4, now())`,
        [taskId, organisationId, personId, JSON.stringify({ taskId, title: `Задача ${taskId}`, dueLocalDate }), status],
      );
    await task(dueToday, '2026-05-14');
    await task(later, '2026-05-29');
    const done = randomUUID();
    await task(done, '2026-05-20', 'done');
    await sql(`INSERT INTO notification_preferences (person_id, kind, delivery) VALUES ($1, 'TaskRaised', 'digest')`, [
      personId,
    ]);
    const hold = async (taskId: string) => {
      const id = randomUUID();
      await sql(
        `INSERT INTO notification_outbox (notification_id, kind, recipient_id, recipient_role, task_id, subject, body, created_at, held_at)
         VALUES ($1, 'TaskRaised', $2, 'methodologist', $3, 'Новая задача', '', now(), now())`,
        [id, personId, taskId],
      );
      return id;
    };
    const held = await hold(later);
    const heldOfDone = await hold(done);

    // Thursday 14 May 2026, a working day: run twice (a retried schedule, a manual re-run).
    expect(await run('2026-05-14')).toMatchObject({ date: '2026-05-14', workingOrganisations: 1, enqueued: 1 });
    expect(await run('2026-05-14')).toMatchObject({ enqueued: 0 });
    const digests = await sql(
      `SELECT notification_id AS id, subject, body FROM notification_outbox WHERE recipient_id = $1 AND kind = 'Digest'`,
      [personId],
    );
    expect(digests).toHaveLength(1);
    const [digest] = digests as { id: string; subject: string; body: string }[];
    expect(digest?.subject).toBe('Сводка задач на 14.05.2026');
    expect(JSON.parse(digest?.body ?? '{}')).toEqual({
      date: '2026-05-14',
      dueToday: [dueToday],
      overdue: [],
      news: [{ taskId: later, kind: 'TaskRaised' }],
    });
    const [marked] = (await sql('SELECT digest_id AS "digestId" FROM notification_outbox WHERE notification_id = $1', [
      held,
    ])) as { digestId: string }[];
    expect(marked?.digestId).toBe(digest?.id);
    // The news of a task done since is dropped (skipped), not told.
    const [dropped] = (await sql(
      'SELECT digest_id AS "digestId", skipped_at AS "skippedAt" FROM notification_outbox WHERE notification_id = $1',
      [heldOfDone],
    )) as { digestId: string | null; skippedAt: Date | null }[];
    expect(dropped).toMatchObject({ digestId: null, skippedAt: expect.any(Date) });

    // Friday 12 June 2026 is Russia Day (a public holiday): no digest, though a task is overdue.
    expect(await run('2026-06-12')).toMatchObject({ workingOrganisations: 0, dayOffOrganisations: 1, enqueued: 0 });
    // Monday 15 June 2026, the next working day: the overdue tasks.
    expect(await run('2026-06-15')).toMatchObject({ enqueued: 1 });

    const handle = await worker.env.client.workflow.start(dailyDigestWorkflow, {
      taskQueue,
      workflowId: `digest-replay-${randomUUID()}`,
      args: [{ timeZone, date: '2026-05-15' }],
    });
    await handle.result();
    await captureHistory('daily-digest', handle);
  });
});

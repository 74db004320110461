import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EventStore } from '@mentorflow/event-store';
import {
  NotificationDispatcher,
  notificationOutboxProjection,
  Projector,
  tasksProjection,
  type NotificationSender,
  type NotificationEnvelope,
  type NotificationRecipients,
  SmtpNotificationSender,
} from '@mentorflow/projections';
import { routeStream } from '@mentorflow/domain';
import { openTestDataSource } from '../support/database';
import { TestMailServer } from '../support/mail-server';
import { eventually } from '../support/poll';
import { draftRouteRaised } from '../support/task-events';

describe('notification outbox', () => {
  let dataSource: DataSource;
  let store: EventStore;
  const sent: NotificationEnvelope[] = [];
  const sender: NotificationSender = { send: async (n) => void sent.push(n) };
  const settings = {
    enabled: false,
    pollMs: 50,
    maxAttempts: 3,
    retryBaseMs: 1000,
    publicUrl: 'http://mentorflow.test',
    unsubscribeSecret: 'integration-unsubscribe-secret-0123456789',
  };

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    store = new EventStore(dataSource);
  });
  afterAll(() => dataSource.destroy());

  it('hands each new task, reminder and escalation to the sender exactly once, also after a rebuild', async () => {
    const taskId = randomUUID();
    const methodologist = { personId: randomUUID(), role: 'methodologist' };
    const tutor = { personId: randomUUID(), role: 'tutor' };
    const meta = { actorId: 'system' };
    await store.append(routeStream(randomUUID()), 0, [
      draftRouteRaised({ taskId, assignee: methodologist }),
      {
        eventId: randomUUID(),
        type: 'TaskReminded',
        data: { taskId, remindedAt: '2026-05-12T21:00:00.000Z', assignee: methodologist },
        metadata: meta,
      },
      {
        eventId: randomUUID(),
        type: 'TaskEscalated',
        data: { taskId, escalatedAt: '2026-05-14T21:00:00.000Z', escalatedTo: [tutor] },
        metadata: meta,
      },
    ]);
    const projector = new Projector(dataSource);
    await projector.catchUp(tasksProjection);
    await projector.catchUp(notificationOutboxProjection);
    const dispatcher = new NotificationDispatcher(dataSource, settings, sender);

    await dispatcher.dispatchPending(1000);
    const mine = () => sent.filter((n) => n.taskId === taskId);
    expect(mine().map((n) => [n.kind, n.recipientId])).toEqual([
      ['TaskRaised', methodologist.personId],
      ['TaskReminded', methodologist.personId],
      ['TaskEscalated', tutor.personId],
    ]);
    expect(mine()[1]?.subject).toBe('Напоминание: Составить проект ИОМ');
    expect(mine()[1]?.messageId).toBe(`<${mine()[1]?.notificationId}@mentorflow>`);

    await projector.rebuild(notificationOutboxProjection);
    await dispatcher.dispatchPending(1000);
    expect(mine()).toHaveLength(3);
  });

  it('retries a failed send after a growing wait and parks it after the last attempt, with the error and no address', async () => {
    const taskId = randomUUID();
    const teacher = { personId: randomUUID(), role: 'mentor' };
    await store.append(routeStream(randomUUID()), 0, [
      {
        eventId: randomUUID(),
        type: 'TaskRaised',
        data: {
          taskId,
          kind: 'periodicReport',
          title: 'Периодический отчёт',
          assignee: teacher,
          organisationId: randomUUID(),
          subject: { type: 'pair', id: randomUUID() },
          raisedAt: '2026-04-28T10:00:00.000Z',
          dueAt: '2026-05-14T21:00:00.000Z',
          dueLocalDate: '2026-05-14',
          remindAt: [],
        },
        metadata: { actorId: 'system' },
      },
    ]);
    const projector = new Projector(dataSource);
    await projector.catchUp(tasksProjection);
    await projector.catchUp(notificationOutboxProjection);
    const failing: NotificationSender = {
      send: async () => {
        throw new Error('451 4.3.0 <mentor@school.ru>: temporarily rejected');
      },
    };
    const dispatcher = new NotificationDispatcher(dataSource, { ...settings, retryBaseMs: 300 }, failing);
    const row = async () =>
      (
        await dataSource.query<{ attempts: number; failed: boolean; last_error: string; wait_ms: number }[]>(
          `SELECT attempts, failed_at IS NOT NULL AS failed, last_error,
                  (extract(epoch FROM next_attempt_at - now()) * 1000)::float8 AS wait_ms
           FROM notification_outbox WHERE task_id = $1`,
          [taskId],
        )
      )[0];

    await dispatcher.dispatchPending(1000);
    expect(await row()).toMatchObject({ attempts: 1, failed: false });
    expect((await row())?.wait_ms).toBeGreaterThan(200);
    await dispatcher.dispatchPending(1000); // not due yet: no attempt
    expect((await row())?.attempts).toBe(1);

    await eventually(
      async () => (await dispatcher.dispatchPending(1000), row()),
      (r) => r?.attempts === 3,
      { timeoutMs: 5000 },
    );
    expect(await row()).toMatchObject({
      attempts: 3,
      failed: true,
      last_error: '451 4.3.0 <адрес>: temporarily rejected',
    });
  });
  it('a crash after the SMTP server accepted a message, before its mark commits: only that message is sent again, with the same Message-ID, and marked sent once', async () => {
    const mail = await TestMailServer.start();
    try {
      const taskId = randomUUID();
      const methodologist = { personId: randomUUID(), role: 'methodologist' };
      const tutor = { personId: randomUUID(), role: 'tutor' };
      const curator = { personId: randomUUID(), role: 'curator' };
      await store.append(routeStream(randomUUID()), 0, [
        draftRouteRaised({ taskId, assignee: methodologist }),
        {
          eventId: randomUUID(),
          type: 'TaskEscalated',
          data: { taskId, escalatedAt: '2026-05-14T21:00:00.000Z', escalatedTo: [tutor, curator] },
          metadata: { actorId: 'system' },
        },
      ]);
      const projector = new Projector(dataSource);
      await projector.catchUp(tasksProjection);
      await projector.catchUp(notificationOutboxProjection);
      const address = (personId: string) => `${personId.slice(0, 8)}@school.test`;
      const recipients: NotificationRecipients = {
        contacts: async (ids) =>
          new Map(ids.map((id) => [id, { fullName: 'Тестова Мария Петровна', workEmail: address(id) }])),
      };
      const smtp = new SmtpNotificationSender(mail.url, 'noreply@mentorflow.test');
      let crashedOn: string | undefined;
      // The real send completes (the server said 250); then, for the tutor's escalation, the dispatcher's
      // database connection dies before the mark commits, as when the process is killed at that moment.
      const crashingOnce: NotificationSender = {
        send: async (n) => {
          await smtp.send(n);
          if (crashedOn !== undefined || n.recipientId !== tutor.personId) return;
          crashedOn = n.notificationId;
          const [killed] = await dataSource.query<{ killed: boolean }[]>(
            `SELECT bool_or(pg_terminate_backend(pid)) AS killed FROM pg_locks
             WHERE relation = 'notification_outbox'::regclass AND mode = 'RowShareLock' AND pid <> pg_backend_pid()
               AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          );
          expect(killed?.killed).toBe(true);
        },
      };
      await expect(
        new NotificationDispatcher(dataSource, settings, crashingOnce, recipients).dispatchPending(1000),
      ).rejects.toThrow();
      expect(crashedOn).toBeDefined();

      // The process starts again: a new dispatcher sends what the outbox still holds.
      const restarted = new NotificationDispatcher(dataSource, settings, crashingOnce, recipients);
      await restarted.dispatchPending(1000);
      await restarted.dispatchPending(1000); // nothing left to send
      const messageIds = (personId: string) => mail.to(address(personId)).map((m) => m.headers.get('message-id'));
      expect(messageIds(tutor.personId)).toEqual([`<${crashedOn}@mentorflow>`, `<${crashedOn}@mentorflow>`]);
      expect(messageIds(methodologist.personId)).toHaveLength(1);
      expect(messageIds(curator.personId)).toHaveLength(1);
      const rows = await dataSource.query<{ recipient_id: string; sent: boolean; attempts: number }[]>(
        `SELECT recipient_id, sent_at IS NOT NULL AS sent, attempts FROM notification_outbox WHERE task_id = $1`,
        [taskId],
      );
      expect(rows).toHaveLength(3);
      // The rolled-back attempt left no trace: each row marked sent once, on its one committed attempt.
      expect(rows.every((r) => r.sent && r.attempts === 1)).toBe(true);
    } finally {
      await mail.stop();
    }
  });
});

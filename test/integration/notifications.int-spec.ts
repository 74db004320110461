import type { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EventStore } from '@mentorflow/event-store';
import {
  NotificationDispatcher,
  notificationOutboxProjection,
  Projector,
  tasksProjection,
  type NotificationSender,
  type OutgoingNotification,
} from '@mentorflow/projections';
import { routeStream } from '@mentorflow/domain';
import { openTestDataSource } from '../support/database';

describe('notification outbox', () => {
  let dataSource: DataSource;
  let store: EventStore;
  const sent: OutgoingNotification[] = [];
  const sender: NotificationSender = { send: async (n) => void sent.push(n) };
  const config = { getOrThrow: () => ({ enabled: false, pollMs: 50 }) } as unknown as ConfigService;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    store = new EventStore(dataSource);
  });
  afterAll(() => dataSource.destroy());

  it('hands each reminder and escalation to the sender exactly once, also after a rebuild', async () => {
    const taskId = randomUUID();
    const methodologist = { personId: randomUUID(), role: 'methodologist' };
    const tutor = { personId: randomUUID(), role: 'tutor' };
    const meta = { actorId: 'system' };
    await store.append(routeStream(randomUUID()), 0, [
      {
        eventId: randomUUID(),
        type: 'TaskRaised',
        data: {
          taskId,
          kind: 'draftRoute',
          title: 'Составить проект ИОМ',
          assignee: methodologist,
          organisationId: randomUUID(),
          subject: { type: 'route', id: randomUUID() },
          raisedAt: '2026-04-28T10:00:00.000Z',
          dueAt: '2026-05-14T21:00:00.000Z',
          dueLocalDate: '2026-05-14',
          remindAt: ['2026-05-12T21:00:00.000Z'],
        },
        metadata: meta,
      },
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
    const dispatcher = new NotificationDispatcher(dataSource, config, sender);

    await dispatcher.dispatchPending(1000);
    const mine = () => sent.filter((n) => n.taskId === taskId);
    expect(mine().map((n) => [n.kind, n.recipientId])).toEqual([
      ['TaskReminded', methodologist.personId],
      ['TaskEscalated', tutor.personId],
    ]);
    expect(mine()[0]?.subject).toBe('Напоминание: Составить проект ИОМ');

    await projector.rebuild(notificationOutboxProjection);
    await dispatcher.dispatchPending(1000);
    expect(mine()).toHaveLength(2);
  });
});

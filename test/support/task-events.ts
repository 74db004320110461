import { randomUUID } from 'node:crypto';

/**
 * A TaskRaised event for the integration specs: a methodologist's «Составить проект ИОМ», due 14.05.2026 with a
 * reminder two days before; `data` replaces any field.
 */
export const draftRouteRaised = (
  data: { taskId: string } & Record<string, unknown>,
  metadata: { actorId: string; role?: string } = { actorId: 'system' },
) => ({
  eventId: randomUUID(),
  type: 'TaskRaised',
  data: {
    kind: 'draftRoute',
    title: 'Составить проект ИОМ',
    assignee: { personId: randomUUID(), role: 'methodologist' },
    organisationId: randomUUID(),
    subject: { type: 'route', id: randomUUID() },
    raisedAt: '2026-04-28T10:00:00.000Z',
    dueAt: '2026-05-14T21:00:00.000Z',
    dueLocalDate: '2026-05-14',
    remindAt: ['2026-05-12T21:00:00.000Z'],
    ...data,
  },
  metadata,
});

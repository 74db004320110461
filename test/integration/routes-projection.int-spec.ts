import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { programmeStream, routeStream, type RouteState } from '@mentorflow/domain';
import { EventStore } from '@mentorflow/event-store';
import { Projector, routesProjection } from '@mentorflow/projections';
import { openTestEventStore } from '../support/database';
import { randomRouteCode } from '../support/route-code';
import { draftRouteRaised } from '../support/task-events';

const actor = { actorId: 'tutor-1', role: 'tutor' };

describe('routes read model', () => {
  let dataSource: DataSource;
  let store: EventStore;
  beforeAll(async () => ({ dataSource, store } = await openTestEventStore()));
  afterAll(() => dataSource.destroy());

  const task = (taskId: string, subject: { type: string; id: string }, organisationId: string) =>
    draftRouteRaised(
      {
        taskId,
        assignee: { personId: 'method-1', role: 'methodologist' },
        organisationId,
        subject,
        raisedAt: '2026-04-28T07:00:00.000Z',
        dueAt: '2026-05-14T20:00:00.000Z',
        remindAt: [],
      },
      actor,
    );

  it("folds a route's own and task events by its stream, leaving other streams' tasks out", async () => {
    const routeId = randomUUID();
    const organisationId = randomUUID();
    const code = randomRouteCode(42);
    const draftTaskId = randomUUID();
    await store.append(routeStream(routeId), 0, [
      {
        eventId: randomUUID(),
        type: 'RouteCreated',
        data: {
          routeId,
          code,
          organisationId,
          teacherId: 'teacher-1',
          methodologistId: 'method-1',
          tutorId: 'tutor-1',
          titlePage: {
            position: 'Учитель',
            education: 'Высшее',
            teachingExperienceYears: 3,
            selfEducationTopic: 'Тема',
            startDate: '2026-05-04',
            endDate: '2030-05-03',
          },
          stage: 'diagnosticMotivational',
          createdAt: '2026-04-27T06:00:00.000Z',
          createdBy: 'tutor-1',
        },
        metadata: actor,
      },
      task(draftTaskId, { type: 'route', id: routeId }, organisationId),
    ]);
    // Another aggregate's task: the same event type in a programme stream.
    const programmeId = randomUUID();
    await store.append(programmeStream(programmeId), 0, [
      task(randomUUID(), { type: 'programme', id: programmeId }, organisationId),
    ]);

    await new Projector(dataSource).catchUp(routesProjection);

    const rows = await dataSource.query<
      { route_id: string; code: string; stage: string; teacher_id: string; version: number; state: RouteState }[]
    >('SELECT route_id, code, stage, teacher_id, version, state FROM routes_view WHERE route_id = ANY($1::uuid[])', [
      [routeId, programmeId],
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      route_id: routeId,
      code,
      stage: 'diagnosticMotivational',
      teacher_id: 'teacher-1',
      version: 2,
    });
    expect(rows[0]?.state.status === 'created' && Object.keys(rows[0].state.tasks)).toEqual([draftTaskId]);
  });
});

import { freshIds } from '../support/ids';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ProductionCalendar } from '@mentorflow/calendar';
import { participantStream, type TaskView } from '@mentorflow/domain';
import { EventStore } from '@mentorflow/event-store';
import { appendCalendarYear, loadProductionCalendar, Projector, tasksProjection } from '@mentorflow/projections';
import { fixtureCalendarYear } from '../support/calendar-fixture';
import { openTestEventStore } from '../support/database';
import { registerTestSchool } from '../support/organisation';

/**
 * The commission head's review of candidates, derived by the tasks projection on PostgreSQL: a review asked
 * for in a year the calendar lacks waits for it (no Mon–Fri guess), gets its date when the year is loaded,
 * and closes with the commission's decision.
 */
describe('review tasks in the tasks read model', () => {
  let dataSource: DataSource;
  let store: EventStore;
  beforeAll(async () => ({ dataSource, store } = await openTestEventStore()));
  afterAll(() => dataSource.destroy());

  const row = async (programmeId: string) => {
    const [found] = await dataSource.query<{ view: TaskView; due_at: Date | null; status: string }[]>(
      `SELECT view, due_at, status FROM tasks_view WHERE kind = 'candidateReview' AND subject_id = $1`,
      [programmeId],
    );
    return found;
  };

  it('waits for the calendar year, then is due 10 working days on; done once the candidate is decided', async () => {
    const [organisationId, programmeId, participantId] = freshIds(3);
    await registerTestSchool(store, organisationId, 'Школа');
    // A year neither shipped nor loaded by any test before.
    const known = await loadProductionCalendar(store);
    let year = 2150;
    while (known.hasYear(year)) year += 1;
    const registeredAt = `${year}-03-02T09:00:00.000Z`;
    const metadata = { actorId: 'curator-1', role: 'curator', organisationId };
    await store.append(participantStream(participantId), 0, [
      {
        eventId: randomUUID(),
        type: 'ParticipantRegistered',
        data: {
          participantId,
          organisationId,
          personId: 'person-1',
          programmeId,
          role: 'mentor',
          position: 'Учитель',
          teachingExperienceYears: 10,
          subjectExperienceYears: 5,
          eligibilityWarnings: [],
          registeredAt,
          registeredBy: 'curator-1',
          awaitsReview: true,
        },
        metadata,
      },
    ]);
    const projector = new Projector(dataSource);
    await projector.catchUp(tasksProjection);
    const pending = await row(programmeId);
    expect(pending).toMatchObject({ status: 'open', due_at: null });
    expect(pending?.view).toMatchObject({ deadlinePendingYear: year, assignee: { role: 'commissionHead' } });

    await appendCalendarYear(store, fixtureCalendarYear(year), 'admin-1', new Date().toISOString());
    await projector.catchUp(tasksProjection);
    const expected = new ProductionCalendar([fixtureCalendarYear(year)]).addWorkingDays(
      registeredAt,
      10,
      'Europe/Moscow',
    );
    const settled = await row(programmeId);
    expect(settled?.due_at?.toISOString()).toBe(new Date(expected.dueAt).toISOString());
    expect(settled?.view).toMatchObject({ dueLocalDate: expected.dueLocalDate, dueAt: expected.dueAt });
    expect(settled?.view.deadlinePendingYear).toBeUndefined();

    await store.append(participantStream(participantId), 1, [
      {
        eventId: randomUUID(),
        type: 'CandidateReviewed',
        data: {
          participantId,
          programmeId,
          personId: 'person-1',
          role: 'mentor',
          meeting: {
            meetingId: randomUUID(),
            body: 'methodicalCommission',
            date: `${year}-03-10`,
            minutesNumber: '3',
            membersPresent: ['Председатель'],
          },
          decision: 'approved',
          reviewedAt: `${year}-03-10T09:00:00.000Z`,
          reviewedBy: 'head-1',
        },
        metadata: { ...metadata, actorId: 'head-1', role: 'commissionHead' },
      },
    ]);
    await projector.catchUp(tasksProjection);
    expect(await row(programmeId)).toMatchObject({ status: 'done', view: { completedBy: 'head-1', awaiting: [] } });
  });
});

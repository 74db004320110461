import { freshIds } from '../support/ids';
import { localDateOf } from '@mentorflow/calendar';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { organisationWith, places } from '../support/programme-setup';
import {
  courseRow,
  fourYearsLessADay,
  mathsTeacherTitlePage,
  recordDiagnostics,
  routeBody,
} from '../support/route-setup';
import { TestSystem } from '../support/system';
import { addDays } from '../support/dates';

/** Issue 27: the tutor returns the teacher's own road map with a comment; she proposes again and it is approved. */
describe('the teacher’s own road map returned with a comment, through HTTP on real PostgreSQL and Temporal', () => {
  let system: TestSystem;
  const { timeZone } = places.tolyatti;
  const [admin, tutor, methodologist, teacher] = freshIds(4);
  let organisationId: string;
  let as: Record<'admin' | 'tutor' | 'methodologist' | 'teacher', string>;
  let routeId: string;

  const today = () => localDateOf(new Date(), timeZone);
  const post = (path: string, token: string, body: unknown = {}) =>
    system.request('POST', `/routes/${routeId}/${path}`, token, body);
  const comment = 'Добавьте стажировку по цифровизации образования';
  const controlPoints = () => [{ controlPointId: 'cp-1', date: addDays(today(), 60), description: 'Курс пройден' }];

  beforeAll(async () => {
    system = await TestSystem.start();
    await loadFixtureYearsAhead();
    let registered: { status: number };
    ({ organisationId, as, registered } = await organisationWith(
      system,
      places.tolyatti,
      {
        admin: [admin, 'administrator'],
        tutor: [tutor, 'tutor'],
        methodologist: [methodologist, 'methodologist'],
        teacher: [teacher, 'teacher'],
      },
      admin,
    ));
    expect(registered.status).toBe(201);
    const created = await system.request(
      'POST',
      `/organisations/${organisationId}/routes`,
      as.tutor,
      routeBody(teacher, methodologist, mathsTeacherTitlePage(today(), fourYearsLessADay(today()))),
    );
    expect(created.status).toBe(201);
    routeId = created.body.state.routeId as string;
    expect((await recordDiagnostics(system, routeId, as.tutor, today())).status).toBe(200);
  });
  afterAll(() => system?.stop());

  it('refuses a return with no proposal pending (422 naming it), and a blank comment (400 naming the field)', async () => {
    const none = await post('return-proposed-road-map', as.tutor, { comment });
    expect(none.status).toBe(422);
    expect(none.body).toMatchObject({
      code: 'route.proposalReturn.unmet',
      unmet: [{ code: 'proposal.missing', message: 'Педагог не представил собственную дорожную карту' }],
    });
    const blank = await post('return-proposed-road-map', as.tutor, { comment: '' });
    expect(blank.status).toBe(400);
    expect(JSON.stringify(blank.body)).toContain('comment');
  });

  it('the tutor returns the proposal; the teacher sees the comment, proposes again, and the tutor approves', async () => {
    const firstRows = [courseRow(addDays(today(), 120))];
    expect((await post('propose-own-road-map', as.teacher, { rows: firstRows })).status).toBe(200);

    // Only the route's tutor returns it.
    expect((await post('return-proposed-road-map', as.teacher, { comment })).status).toBe(403);
    const returned = await post('return-proposed-road-map', as.tutor, { comment: `  ${comment} ` });
    expect(returned.status).toBe(200);
    expect(returned.body.state.proposal).toBeUndefined();

    const seen = await system.eventually(
      () => system.request('GET', `/routes/${routeId}`, as.teacher),
      (r) => r.status === 200 && r.body.returnedProposal !== undefined,
    );
    expect(seen.body).toMatchObject({
      stage: 'design',
      returnedProposal: { comment, rows: firstRows, returnedBy: tutor },
    });
    // Nothing is pending: approving the returned proposal is refused.
    const early = await post('approve-proposed-road-map', as.tutor, { controlPoints: controlPoints() });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ unmet: [{ code: 'proposal.missing' }] });

    const reworked = [
      ...firstRows,
      {
        ...courseRow(addDays(today(), 200)),
        rowId: 'row-2',
        competence: 'digitalisation',
        activity: 'Стажировка в цифровой школе',
        activityKind: 'internship',
      },
    ];
    const again = await post('propose-own-road-map', as.teacher, { rows: reworked });
    expect(again.status).toBe(200);
    expect(again.body.state.returnedProposal).toBeUndefined();
    const approved = await post('approve-proposed-road-map', as.tutor, { controlPoints: controlPoints() });
    expect(approved.status).toBe(200);
    expect(approved.body.state).toMatchObject({
      stage: 'implementation',
      roadMap: { version: 1, origin: 'teacherProposal', rows: reworked },
    });

    const history = await system.request('GET', `/routes/${routeId}/history`, as.teacher);
    const ownEvents = history.body.filter((e: { type: string }) => /RoadMap/.test(e.type));
    expect(ownEvents.map((e: { event: string }) => e.event)).toEqual([
      'Педагог предложил собственную дорожную карту',
      'Тьютор вернул дорожную карту педагога на доработку',
      'Педагог предложил собственную дорожную карту',
      'Дорожная карта согласована',
    ]);
    expect(ownEvents[1]).toMatchObject({ actorId: tutor, data: { comment, proposedBy: teacher } });
  });
});

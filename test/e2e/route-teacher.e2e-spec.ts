import { freshIds } from '../support/ids';
import { localDateOf } from '@mentorflow/calendar';
import { places } from '../support/programme-setup';
import { courseRow, mathsTeacherTitlePage, routeInImplementation } from '../support/route-setup';
import { TestSystem } from '../support/system';
import { startWithOrganisation } from '../support/system-start';
import { addDays, addYears } from '../support/dates';

/** Issue 27: the teacher («педагог») as a role of her own marks road-map activities done; the tutor confirms. */
describe('the route’s teacher marks activities done through HTTP on real PostgreSQL and a real Temporal server', () => {
  let system: TestSystem;
  const { timeZone } = places.tolyatti;
  const [admin, tutor, methodologist, teacher, otherTeacher] = freshIds(5);
  let organisationId: string;
  let as: Record<'admin' | 'tutor' | 'methodologist' | 'teacher' | 'otherTeacher', string>;
  let routeId: string;

  const today = () => localDateOf(new Date(), timeZone);
  const post = (path: string, token: string, body: unknown = {}) =>
    system.request('POST', `/routes/${routeId}/${path}`, token, body);
  const result = 'Удостоверение о повышении квалификации, 36 ч';

  beforeAll(async () => {
    ({ system, organisationId, as } = await startWithOrganisation(
      places.tolyatti,
      { admin: [admin, 'administrator'], tutor, methodologist, teacher, otherTeacher: [otherTeacher, 'teacher'] },
      admin,
    ));
    // Started a month ago: the second activity's deadline has passed.
    const start = addDays(today(), -30);
    routeId = await routeInImplementation(system, organisationId, as, {
      teacherId: teacher,
      methodologistId: methodologist,
      titlePage: mathsTeacherTitlePage(start, addDays(addYears(start, 4), -1)),
      rows: [courseRow(addDays(today(), 120)), { ...courseRow(addDays(today(), -5)), rowId: 'row-2' }],
      today: today(),
    });
  });
  afterAll(() => system?.stop());

  it('lists for the teacher only her own routes', async () => {
    const own = await system.eventually(
      () => system.request('GET', '/routes', as.teacher),
      (r) => r.status === 200 && r.body.length === 1,
    );
    expect(own.body[0]).toMatchObject({ routeId, participants: { teacherId: teacher } });
    const other = await system.request('GET', '/routes', as.otherTeacher);
    expect(other.status).toBe(200);
    expect(other.body).toEqual([]);
  });

  it('takes the mark of the route’s teacher, the tutor confirms it, and the route shows it', async () => {
    const marked = await post('mark-activity-done', as.teacher, { rowId: 'row-1', doneOn: today(), result });
    expect(marked.status).toBe(200);
    expect(marked.body.state.activityCompletions).toEqual([
      expect.objectContaining({ rowId: 'row-1', doneOn: today(), result, markedBy: teacher }),
    ]);
    const awaiting = await system.eventually(
      () => system.request('GET', `/routes/${routeId}`, as.teacher),
      (r) => r.status === 200 && (r.body.activityCompletions ?? []).length === 1,
    );
    expect(awaiting.body.roadMapProgress).toEqual([
      expect.objectContaining({ rowId: 'row-1', status: 'awaitingConfirmation' }),
      { rowId: 'row-2', status: 'overdue' },
    ]);

    const confirmed = await post('confirm-activity-done', as.tutor, { rowId: 'row-1' });
    expect(confirmed.status).toBe(200);
    const shown = await system.eventually(
      () => system.request('GET', `/routes/${routeId}`, as.tutor),
      (r) => r.status === 200 && r.body.activityCompletions?.[0]?.confirmedBy === tutor,
    );
    expect(shown.body.roadMapProgress[0]).toMatchObject({
      rowId: 'row-1',
      status: 'confirmed',
      completion: { doneOn: today(), result, confirmedBy: tutor },
    });

    // A confirmed mark stays as confirmed.
    const changed = await post('mark-activity-done', as.teacher, { rowId: 'row-1', doneOn: today(), result: 'Иное' });
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('route.activity.confirmed');
  });

  it('refuses a date after today and an empty result naming each, and bad input with 400 naming the field', async () => {
    const refused = await post('mark-activity-done', as.teacher, {
      rowId: 'row-2',
      doneOn: addDays(today(), 1),
      result: ' ',
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'route.activity.invalid' });
    expect(refused.body.unmet.map((u: { code: string }) => u.code)).toEqual([
      'activity.doneOn.future',
      'activity.result.empty',
    ]);
    const bad = await post('mark-activity-done', as.teacher, { rowId: 'row-2', doneOn: 'вчера', result });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'doneOn' })]);
    const unmarked = await post('confirm-activity-done', as.tutor, { rowId: 'row-2' });
    expect(unmarked.status).toBe(422);
    expect(unmarked.body.code).toBe('route.activity.notMarked');
  });

  it('keeps another teacher out (404), and the tutor cannot mark in the teacher’s stead (the domain refuses), nor the teacher confirm (403)', async () => {
    const other = await post('mark-activity-done', as.otherTeacher, { rowId: 'row-2', doneOn: today(), result });
    expect(other.status).toBe(404);
    expect((await system.request('GET', `/routes/${routeId}`, as.otherTeacher)).status).toBe(404);
    const byTutor = await post('mark-activity-done', as.tutor, { rowId: 'row-2', doneOn: today(), result });
    expect(byTutor.status).toBe(422);
    expect(byTutor.body.code).toBe('route.forbidden');
    const teacherConfirms = await post('confirm-activity-done', as.teacher, { rowId: 'row-1' });
    expect(teacherConfirms.status).toBe(403);
  });
});

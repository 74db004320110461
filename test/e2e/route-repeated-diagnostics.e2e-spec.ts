import { freshIds } from '../support/ids';
import { randomUUID } from 'node:crypto';
import { localDateOf } from '@mentorflow/calendar';
import { ictDeficit, routeBody } from '../support/route-setup';
import { places } from '../support/programme-setup';
import { TestSystem } from '../support/system';
import { startWithOrganisation } from '../support/system-start';
import { addDays, addYears } from '../support/dates';

interface Task {
  taskId: string;
  kind: string;
  status: string;
  title: string;
  dueLocalDate?: string;
}

/**
 * 003 §5.1 (the title page): the date of the next diagnostics is planned; when it comes the tutor is asked to
 * hold them and records them through HTTP. The planned date is today in the organisation's zone (a planned
 * date may be today; the initial diagnostics, a fact, were held yesterday), so the task comes at once.
 */
describe('repeated diagnostics of an ИОМ through HTTP on real PostgreSQL and a real Temporal server', () => {
  let system: TestSystem;
  const { timeZone } = places.samara;
  const [admin, tutor, methodologist, teacher] = freshIds(4);
  let organisationId: string;
  let as: Record<'tutor' | 'methodologist' | 'teacher', string>;
  const today = () => localDateOf(new Date(), timeZone);
  const results = ictDeficit();

  beforeAll(async () => {
    ({ system, organisationId, as } = await startWithOrganisation(
      places.samara,
      { tutor, methodologist, teacher: [teacher, 'mentee'] },
      admin,
    ));
  });
  afterAll(() => system?.stop());

  const post = (routeId: string, path: string, token: string, body: unknown = {}) =>
    system.request('POST', `/routes/${routeId}/${path}`, token, body);
  const tasksOf = (route: { tasks: Record<string, Task> }) => Object.values(route.tasks);

  it('raises «Провести повторную диагностику» on the planned day; the tutor records them (a fact: not after today) and plans the next', async () => {
    const start = addDays(today(), -1);
    const created = await system.request(
      'POST',
      `/organisations/${organisationId}/routes`,
      as.tutor,
      routeBody(teacher, methodologist, {
        position: 'Учитель физики',
        education: 'Высшее педагогическое, УрГПУ, 2015',
        teachingExperienceYears: 9,
        selfEducationTopic: 'Цифровая лаборатория на уроках физики',
        startDate: start,
        endDate: addDays(addYears(start, 4), -1),
      }),
    );
    expect(created.status).toBe(201);
    const routeId = created.body.state.routeId as string;
    const diagnosed = await post(routeId, 'record-diagnostics', as.tutor, {
      diagnosticsId: randomUUID(),
      date: start,
      nextDiagnosticsDate: today(),
      results,
    });
    expect(diagnosed.status).toBe(200);

    const route = await system.eventually(
      () => system.request('GET', `/routes/${routeId}`, as.tutor),
      (r) => tasksOf(r.body).some((t) => t.kind === 'repeatedDiagnostics'),
      20_000,
    );
    const task = tasksOf(route.body).find((t) => t.kind === 'repeatedDiagnostics');
    expect(task).toMatchObject({ status: 'open', title: `Провести повторную диагностику по ИОМ ${route.body.code}` });
    expect(route.body.nextDiagnosticsDate).toBe(today());
    const inbox = await system.eventually(
      () => system.request('GET', '/tasks', as.tutor),
      (r) => Array.isArray(r.body) && r.body.some((t: Task) => t.taskId === task?.taskId),
    );
    expect(inbox.body.some((t: Task) => t.taskId === task?.taskId)).toBe(true);

    // Bad input names the field; a date after today is refused as a fact in the future; neither changes anything.
    const bad = await post(routeId, 'record-repeated-diagnostics', as.tutor, {
      diagnosticsId: randomUUID(),
      date: 'сегодня',
      results,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'date' })]);
    const ahead = await post(routeId, 'record-repeated-diagnostics', as.tutor, {
      diagnosticsId: randomUUID(),
      date: addDays(today(), 1),
      results,
    });
    expect(ahead.status).toBe(422);
    expect(ahead.body.unmet).toEqual([expect.objectContaining({ code: 'diagnostics.date.future' })]);
    // Only the route's tutor records them.
    const byTeacher = await post(routeId, 'record-repeated-diagnostics', as.teacher, {
      diagnosticsId: randomUUID(),
      date: today(),
      results,
    });
    expect([403, 422]).toContain(byTeacher.status);

    const next = addDays(today(), 365);
    const recorded = await post(routeId, 'record-repeated-diagnostics', as.tutor, {
      diagnosticsId: randomUUID(),
      date: today(),
      nextDiagnosticsDate: next,
      results: results.map((r) => ({ ...r, percent: r.area === 'ict' ? 55 : r.percent })),
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body.state.tasks[task?.taskId ?? '']).toMatchObject({ status: 'done' });

    const read = await system.eventually(
      () => system.request('GET', `/routes/${routeId}`, as.tutor),
      (r) => r.body.nextDiagnosticsDate === next,
    );
    expect(read.body.diagnosticsHistory.map((d: { kind: string; date: string }) => [d.kind, d.date])).toEqual([
      ['initial', start],
      ['repeated', today()],
    ]);
    expect(read.body.diagnosticsHistory[1].results).toContainEqual(
      expect.objectContaining({ area: 'ict', percent: 55, level: 'basic' }),
    );
  });
});

import { freshIds } from '../support/ids';
import { randomUUID } from 'node:crypto';
import { localDateOf, type ProductionCalendar } from '@mentorflow/calendar';
import { competenceAreas } from '@mentorflow/domain';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { places, registerOrganisation } from '../support/programme-setup';
import { courseRow, fourYearsLessADay, ictDeficit, mathsTeacherTitlePage, routeBody } from '../support/route-setup';
import { TestSystem } from '../support/system';
import { addDays } from '../support/dates';

describe('individual educational routes (ИОМ) through HTTP on real PostgreSQL and a real Temporal server', () => {
  let system: TestSystem;
  const timeZone = 'Europe/Samara';
  const [admin, curator, tutor, methodologist, teacher] = freshIds(5);
  let organisationId: string;
  /** The shipped years plus fixture years for any later year the deadlines below can reach from today. */
  let calendar: ProductionCalendar;
  let as: Record<'admin' | 'curator' | 'tutor' | 'methodologist' | 'teacher' | 'colleague' | 'outsider', string>;

  const today = () => localDateOf(new Date(), timeZone);
  const titlePage = () => mathsTeacherTitlePage(today(), fourYearsLessADay(today()));
  const rows = () => [courseRow(addDays(today(), 120))];

  async function registerSchool(): Promise<string> {
    const response = await registerOrganisation(system, system.token(admin, ['administrator']), places.tolyatti);
    expect(response.status).toBe(201);
    return response.body.organisationId as string;
  }

  const createRoute = (body: Record<string, unknown> = {}, token = as.tutor, organisation = organisationId) =>
    system.request(
      'POST',
      `/organisations/${organisation}/routes`,
      token,
      routeBody(teacher, methodologist, titlePage(), body),
    );

  beforeAll(async () => {
    system = await TestSystem.start();
    calendar = await loadFixtureYearsAhead();
    organisationId = await registerSchool();
    as = {
      admin: system.token(admin, ['administrator']),
      curator: system.token(curator, ['curator'], [organisationId]),
      tutor: system.token(tutor, ['tutor'], [organisationId]),
      methodologist: system.token(methodologist, ['methodologist'], [organisationId]),
      teacher: system.token(teacher, ['mentee'], [organisationId]),
      colleague: system.token(randomUUID(), ['mentee'], [organisationId]),
      outsider: system.token(randomUUID(), ['tutor'], [randomUUID()]),
    };
    const staffed = await system.request('POST', `/organisations/${organisationId}/staff`, as.admin, {
      personId: curator,
      role: 'curator',
    });
    expect(staffed.status).toBe(200);
  });
  afterAll(() => system?.stop());

  it('registers each route under the next code of the registry: region, organisation number, year, sequence', async () => {
    const first = await createRoute();
    expect(first.status).toBe(201);
    const year = today().slice(0, 4);
    expect(first.body.state).toMatchObject({
      stage: 'diagnosticMotivational',
      organisationId,
      participants: { teacherId: teacher, methodologistId: methodologist, tutorId: tutor },
    });
    expect(first.body.state.code).toMatch(new RegExp(`^63-\\d{4}-${year}-000001$`));
    const organisationNumber = (first.body.state.code as string).slice(3, 7);

    // The domain refuses an invalid route before a number is spent on it.
    const invalid = await createRoute({ titlePage: { ...titlePage(), endDate: addDays(today(), -1) } });
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({ code: 'route.invalid', unmet: [{ code: 'titlePage.period.invalid' }] });

    // The organisation keeps its number; the region code may be left out once it is registered.
    const second = await createRoute({ regionCode: undefined });
    expect(second.status).toBe(201);
    expect(second.body.state.code).toBe(`63-${organisationNumber}-${year}-000002`);

    const otherRegion = await createRoute({ regionCode: '77' });
    expect(otherRegion.status).toBe(422);
    expect(otherRegion.body.code).toBe('route.registry.regionMismatch');

    const newOrganisation = await registerSchool();
    const unregistered = await createRoute(
      { regionCode: undefined },
      system.token(tutor, ['tutor'], [newOrganisation]),
      newOrganisation,
    );
    expect(unregistered.status).toBe(422);
    expect(unregistered.body.code).toBe('route.registry.regionCodeRequired');
    const elsewhere = await createRoute({}, system.token(tutor, ['tutor'], [newOrganisation]), newOrganisation);
    expect(elsewhere.body.state.code).toMatch(new RegExp(`^63-\\d{4}-${year}-000001$`));
    expect((elsewhere.body.state.code as string).slice(3, 7)).not.toBe(organisationNumber);

    const found = await system.eventually(
      () => system.request('GET', `/routes?code=${first.body.state.code as string}`, as.curator),
      (r) => r.status === 200 && r.body.length === 1,
    );
    expect(found.body[0]).toMatchObject({ routeId: first.body.state.routeId, code: first.body.state.code });
  });

  it('answers bad input with 400 naming the field, the wrong role with 403, and outsiders with 404', async () => {
    const bad = await createRoute({
      teacherId: 'not-a-uuid',
      titlePage: { ...titlePage(), teachingExperienceYears: -1 },
      extra: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'teacherId', constraint: 'isUuid' }),
        expect.objectContaining({ field: 'titlePage.teachingExperienceYears', constraint: 'min' }),
        expect.objectContaining({ field: 'extra', constraint: 'whitelistValidation' }),
      ]),
    );
    expect((await createRoute({}, as.curator)).status).toBe(403);
    expect((await createRoute({}, as.outsider)).status).toBe(404);

    const created = await createRoute();
    const routeId = created.body.state.routeId as string;
    expect((await system.request('GET', `/routes/${routeId}/history`, as.outsider)).status).toBe(404);
    expect((await system.request('GET', `/routes/${routeId}/history`, as.colleague)).status).toBe(404);
    expect(
      (await system.request('POST', `/routes/${routeId}/propose-own-road-map`, as.colleague, { rows: rows() })).status,
    ).toBe(404);
    const outsiderList = await system.request('GET', '/routes', as.outsider);
    expect(outsiderList.body).toEqual([]);
  });

  it("puts the draft in the methodologist's inbox only; the methodologist submits it, and the route runs on to completion", async () => {
    const created = await createRoute();
    const routeId = created.body.state.routeId as string;

    const diagnosed = await system.request('POST', `/routes/${routeId}/record-diagnostics`, as.tutor, {
      diagnosticsId: randomUUID(),
      date: today(),
      results: ictDeficit(),
    });
    expect(diagnosed.status).toBe(200);
    expect(diagnosed.body.state.stage).toBe('design');

    const inbox = await system.eventually(
      () => system.request('GET', '/tasks?kind=draftRoute', as.methodologist),
      (r) => r.body.some((t: { subject: { id: string } }) => t.subject.id === routeId),
    );
    const draft = inbox.body.find((t: { subject: { id: string } }) => t.subject.id === routeId);
    // 10 working days on the production calendar from the moment the results were recorded, Samara time.
    const due = calendar.addWorkingDays(draft.raisedAt, 10, timeZone);
    expect(draft).toMatchObject({
      kind: 'draftRoute',
      status: 'open',
      assignee: { personId: methodologist, role: 'methodologist' },
      dueAt: due.dueAt,
      dueLocalDate: due.dueLocalDate,
    });
    expect(
      (await system.request('GET', '/tasks', as.tutor)).body.filter(
        (t: { subject: { id: string } }) => t.subject.id === routeId,
      ),
    ).toEqual([]);
    expect((await system.request('GET', '/tasks', as.curator)).body).toEqual([]);

    // Someone else's task does not exist for them; the draft is closed by submitting it, not by hand.
    expect(
      (await system.request('POST', `/tasks/${draft.taskId}/complete`, as.tutor, { result: 'Готово' })).status,
    ).toBe(404);
    const byHand = await system.request('POST', `/tasks/${draft.taskId}/complete`, as.methodologist, {
      result: 'Готово',
    });
    expect(byHand.status).toBe(422);
    expect(byHand.body.code).toBe('route.task.completedByCommand');

    // The route's participants act by who they are: another methodologist is refused by the domain.
    const notTheirs = await system.request(
      'POST',
      `/routes/${routeId}/submit-draft`,
      system.token(randomUUID(), ['methodologist'], [organisationId]),
      { rows: rows() },
    );
    expect(notTheirs.status).toBe(422);
    expect(notTheirs.body.code).toBe('route.forbidden');

    const submitted = await system.request('POST', `/routes/${routeId}/submit-draft`, as.methodologist, {
      rows: rows(),
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.state.draft).toMatchObject({ taskId: draft.taskId, onTime: true });
    await system.eventually(
      () => system.request('GET', '/tasks', as.methodologist),
      (r) => !r.body.some((t: { taskId: string }) => t.taskId === draft.taskId),
    );

    const proposed = await system.request('POST', `/routes/${routeId}/propose-own-road-map`, as.teacher, {
      rows: rows(),
    });
    expect(proposed.status).toBe(200);
    const agreed = await system.request('POST', `/routes/${routeId}/agree-road-map`, as.tutor, {
      controlPoints: [{ controlPointId: 'cp-1', date: addDays(today(), 90), description: 'Курс пройден' }],
    });
    expect(agreed.status).toBe(200);
    expect(agreed.body.state).toMatchObject({
      stage: 'implementation',
      roadMap: { version: 1, origin: 'methodologistDraft' },
    });
    const entry = await system.request('POST', `/routes/${routeId}/record-portfolio-entry`, as.teacher, {
      entryId: randomUUID(),
      rowId: 'row-1',
      product: 'Урок с цифровым тренажёром',
      selfAssessment: 'Ученики работали активнее',
    });
    expect(entry.status).toBe(200);

    const read = await system.eventually(
      () => system.request('GET', `/routes/${routeId}`, as.teacher),
      (r) => r.status === 200 && r.body.portfolio?.length === 1,
    );
    expect(read.body).toMatchObject({
      routeId,
      stage: 'implementation',
      draftDeliveredOnTime: true,
      uncoveredDeficitAreas: [],
    });
    const history = await system.request('GET', `/routes/${routeId}/history`, as.methodologist);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual([
      'RouteCreated',
      'RouteGoalFixed',
      'DiagnosticsRecorded',
      'RouteStageChanged',
      'TaskRaised',
      'RouteDraftSubmitted',
      'TaskCompleted',
      'RoadMapProposed',
      'RoadMapAgreed',
      'RouteStageChanged',
      'PortfolioEntryRecorded',
    ]);
    expect(history.body[5]).toMatchObject({ actorId: methodologist, role: 'methodologist' });
    expect(history.body[10]).toMatchObject({ actorId: teacher, role: 'mentee' });

    const mine = await system.eventually(
      () => system.request('GET', `/routes?teacherId=${teacher}&organisationId=${organisationId}`, as.teacher),
      (r) => r.body.some((route: { routeId: string }) => route.routeId === routeId),
    );
    expect(
      mine.body.every((route: { participants: { teacherId: string } }) => route.participants.teacherId === teacher),
    ).toBe(true);

    // Reflection raises the tutor's control diagnostics task; recording them closes it; then the route completes.
    const reflecting = await system.request('POST', `/routes/${routeId}/start-reflection`, as.tutor, {
      comment: 'Мероприятия выполнены',
    });
    expect(reflecting.status).toBe(200);
    const control = await system.eventually(
      () => system.request('GET', '/tasks?kind=controlDiagnostics', as.tutor),
      (r) => r.body.some((t: { subject: { id: string } }) => t.subject.id === routeId),
    );
    expect(control.body.find((t: { subject: { id: string } }) => t.subject.id === routeId)).toMatchObject({
      dueLocalDate: titlePage().endDate,
    });
    const measured = await system.request('POST', `/routes/${routeId}/record-control-diagnostics`, as.tutor, {
      diagnosticsId: randomUUID(),
      date: today(),
      results: competenceAreas.map((area) => ({ area, percent: area === 'ict' ? 60 : 75 })),
    });
    expect(measured.status).toBe(200);
    expect(
      measured.body.state.controlDiagnostics.dynamics.find((d: { area: string }) => d.area === 'ict'),
    ).toMatchObject({ change: 25, after: { level: 'basic' } });
    const completed = await system.request('POST', `/routes/${routeId}/complete`, as.tutor);
    expect(completed.status).toBe(200);
    expect(completed.body.state).toMatchObject({ stage: 'completed', draft: { onTime: true } });
    const afterwards = await system.request('POST', `/routes/${routeId}/record-portfolio-entry`, as.teacher, {
      entryId: randomUUID(),
      product: 'Ещё',
      selfAssessment: 'Поздно',
    });
    expect(afterwards.status).toBe(422);
    expect(afterwards.body.code).toBe('route.completed');
  });
});

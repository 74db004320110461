import { freshIds } from '../support/ids';
import { randomUUID } from 'node:crypto';
import { localDateOf } from '@mentorflow/calendar';
import { competenceAreas } from '@mentorflow/domain';
import { selectParticipants } from '../support/participants';
import { places } from '../support/programme-setup';
import { courseRow, ictDeficit, mathsTeacherTitlePage, routeBody } from '../support/route-setup';
import { TestSystem } from '../support/system';
import { startWithOrganisation } from '../support/system-start';
import { addDays, addYears } from '../support/dates';

/** The route regulations of 003 (issue 19) through HTTP: monthly checks, deficit levels, the period, fact dates. */
describe('ИОМ regulations through HTTP on real PostgreSQL and a real Temporal server', () => {
  let system: TestSystem;
  const { timeZone } = places.tolyatti;
  const [admin, tutor, methodologist, teacher] = freshIds(4);
  let organisationId: string;
  let as: Record<'admin' | 'tutor' | 'methodologist' | 'teacher', string>;

  const today = () => localDateOf(new Date(), timeZone);
  const titlePage = (extra: Record<string, unknown> = {}) => ({
    ...mathsTeacherTitlePage(today(), addDays(addYears(today(), 4), -1)),
    ...extra,
  });
  const rows = () => [courseRow(addDays(today(), 120))];

  const createRoute = (body: Record<string, unknown> = {}) =>
    system.request(
      'POST',
      `/organisations/${organisationId}/routes`,
      as.tutor,
      routeBody(teacher, methodologist, titlePage(), body),
    );
  const post = (routeId: string, path: string, token: string, body: unknown = {}) =>
    system.request('POST', `/routes/${routeId}/${path}`, token, body);

  /** A new route through the tutor's diagnostics (an ICT deficit, dated today): its id, in the design stage. */
  async function inDesign(): Promise<string> {
    const created = await createRoute();
    expect(created.status).toBe(201);
    const routeId = created.body.state.routeId as string;
    const diagnosed = await post(routeId, 'record-diagnostics', as.tutor, {
      diagnosticsId: randomUUID(),
      date: today(),
      results: ictDeficit(),
    });
    expect(diagnosed.status).toBe(200);
    return routeId;
  }

  /** A route through diagnostics and the methodologist's draft to an agreed road map with these control points. */
  async function inImplementation(controlPoints: { controlPointId: string; date: string; description: string }[]) {
    const routeId = await inDesign();
    expect((await post(routeId, 'submit-draft', as.methodologist, { rows: rows() })).status).toBe(200);
    const agreed = await post(routeId, 'agree-road-map', as.tutor, { controlPoints });
    expect(agreed.status).toBe(200);
    return routeId;
  }

  beforeAll(async () => {
    ({ system, organisationId, as } = await startWithOrganisation(
      places.tolyatti,
      { admin: [admin, 'administrator'], tutor, methodologist, teacher: [teacher, 'mentee'] },
      admin,
    ));
  });
  afterAll(() => system?.stop());

  it('defect 6: the monthly check records each control point of the month as passed, not passed or moved; a point not passed is missed for the tutor and the methodologist', async () => {
    const later = addDays(today(), 45);
    const routeId = await inImplementation([
      { controlPointId: 'cp-1', date: today(), description: 'Курс пройден' },
      { controlPointId: 'cp-2', date: today(), description: 'Открытый урок проведён' },
      { controlPointId: 'cp-3', date: today(), description: 'Статья подготовлена' },
      { controlPointId: 'cp-4', date: later, description: 'Отчёт о стажировке' },
    ]);
    const month = today().slice(0, 7);

    const bad = await post(routeId, 'record-control-point-check', as.tutor, {
      month,
      outcomes: [{ controlPointId: 'cp-1', outcome: 'skipped' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'outcomes.0.outcome', constraint: 'isIn' })]);

    // Every point due this month needs an outcome; a point of a later month is not this month's; a move needs its reason.
    const incomplete = await post(routeId, 'record-control-point-check', as.tutor, {
      month,
      outcomes: [
        { controlPointId: 'cp-1', outcome: 'passed' },
        { controlPointId: 'cp-3', outcome: 'moved', newDate: addDays(today(), 30) },
        { controlPointId: 'cp-4', outcome: 'passed' },
      ],
    });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.code).toBe('route.controlPointCheck.invalid');
    expect(incomplete.body.unmet.map((u: { code: string }) => u.code).sort()).toEqual([
      'controlPointCheck.point.missing',
      'controlPointCheck.point.notDue',
      'controlPointCheck.reason.empty',
    ]);

    const future = await post(routeId, 'record-control-point-check', as.tutor, {
      month: addDays(`${month}-01`, 40).slice(0, 7),
      outcomes: [],
    });
    expect(future.status).toBe(422);
    expect(future.body.unmet).toEqual([expect.objectContaining({ code: 'controlPointCheck.month.future' })]);

    const newDate = addDays(today(), 30);
    const checked = await post(routeId, 'record-control-point-check', as.tutor, {
      month,
      outcomes: [
        { controlPointId: 'cp-1', outcome: 'passed' },
        { controlPointId: 'cp-2', outcome: 'notPassed', reason: 'Урок перенесён администрацией' },
        { controlPointId: 'cp-3', outcome: 'moved', newDate, reason: 'Журнал принимает статьи позже' },
      ],
    });
    expect(checked.status).toBe(200);
    expect(
      checked.body.state.controlPoints.find((p: { controlPointId: string }) => p.controlPointId === 'cp-3'),
    ).toMatchObject({
      date: newDate,
    });

    for (const token of [as.tutor, as.methodologist]) {
      const read = await system.eventually(
        () => system.request('GET', `/routes/${routeId}`, token),
        (r) => r.status === 200 && (r.body.missedControlPoints?.length ?? 0) > 0,
      );
      expect(read.body.missedControlPoints).toEqual([
        expect.objectContaining({ controlPointId: 'cp-2', date: today(), cause: 'notPassed' }),
      ]);
      expect(read.body.controlPointChecks).toHaveLength(3);
    }
    const history = await system.request('GET', `/routes/${routeId}/history`, as.methodologist);
    expect(history.body.map((e: { type: string }) => e.type).slice(-2)).toEqual([
      'ControlPointsChecked',
      'ControlPointsMissed',
    ]);
  });

  it('defect 7: deficit levels are entered per competence by the methodologist or the tutor, never derived from the percentage', async () => {
    const created = await createRoute();
    const routeId = created.body.state.routeId as string;
    const diagnosticsId = randomUUID();
    const diagnosed = await post(routeId, 'record-diagnostics', as.tutor, {
      diagnosticsId,
      date: today(),
      results: competenceAreas.map((area) =>
        area === 'digitalisation'
          ? { area, percent: 45, deficitLevel: 'minimal' }
          : { area, percent: area === 'ict' ? 35 : 70 },
      ),
    });
    expect(diagnosed.status).toBe(200);
    const results = diagnosed.body.state.diagnostics.results as { area: string; deficitLevel?: string }[];
    // 35 % is a deficit (below 50 %, 003 §5.4), but nobody has said how deep: no invented «средний».
    expect(results.find((r) => r.area === 'ict')).toEqual({ area: 'ict', percent: 35, level: 'deficit' });
    expect(results.find((r) => r.area === 'digitalisation')).toMatchObject({ deficitLevel: 'minimal' });

    const notDeficit = await post(routeId, 'enter-deficit-levels', as.methodologist, {
      diagnosticsId,
      levels: [{ area: 'methodical', deficitLevel: 'high' }],
    });
    expect(notDeficit.status).toBe(422);
    expect(notDeficit.body.unmet).toEqual([expect.objectContaining({ code: 'deficitLevel.notDeficit' })]);
    const byTeacher = await post(routeId, 'enter-deficit-levels', as.teacher, {
      diagnosticsId,
      levels: [{ area: 'ict', deficitLevel: 'high' }],
    });
    expect(byTeacher.status).toBe(403);

    const entered = await post(routeId, 'enter-deficit-levels', as.methodologist, {
      diagnosticsId,
      levels: [{ area: 'ict', deficitLevel: 'high' }],
    });
    expect(entered.status).toBe(200);
    const read = await system.eventually(
      () => system.request('GET', `/routes/${routeId}`, as.tutor),
      (r) =>
        r.status === 200 &&
        r.body.diagnostics?.results.some(
          (x: { area: string; deficitLevel?: string }) => x.area === 'ict' && x.deficitLevel,
        ),
    );
    expect(read.body.diagnostics.results.find((r: { area: string }) => r.area === 'ict')).toEqual({
      area: 'ict',
      percent: 35,
      level: 'deficit',
      deficitLevel: 'high',
    });
  });

  it('defect 9: the period is what the teacher sets — no one-year minimum; over five years asks for confirmation, it is not refused', async () => {
    const short = await createRoute({ titlePage: titlePage({ endDate: addDays(today(), 90) }) });
    expect(short.status).toBe(201);
    expect(short.body.state.titlePage.endDate).toBe(addDays(today(), 90));

    const long = titlePage({ endDate: addDays(addYears(today(), 6), -1) });
    const unconfirmed = await createRoute({ titlePage: long });
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.body.unmet).toEqual([
      expect.objectContaining({
        code: 'titlePage.period.confirmationRequired',
        message: expect.stringMatching(/больше пяти лет.*подтвердите/),
      }),
    ]);
    const notBoolean = await createRoute({ titlePage: long, confirmLongPeriod: 'да' });
    expect(notBoolean.status).toBe(400);
    expect(notBoolean.body.errors).toEqual([
      expect.objectContaining({ field: 'confirmLongPeriod', constraint: 'isBoolean' }),
    ]);

    const confirmed = await createRoute({ titlePage: long, confirmLongPeriod: true });
    expect(confirmed.status).toBe(201);
    const history = await system.request('GET', `/routes/${confirmed.body.state.routeId as string}/history`, as.tutor);
    expect(history.body[0]).toMatchObject({ type: 'RouteCreated', data: { longPeriodConfirmed: true } });
  });

  it('defect 11: diagnostics, control diagnostics and portfolio results cannot be dated after today in the organisation zone', async () => {
    const created = await createRoute();
    const routeId = created.body.state.routeId as string;
    const results = ictDeficit();
    const ahead = await post(routeId, 'record-diagnostics', as.tutor, {
      diagnosticsId: randomUUID(),
      date: addDays(today(), 21),
      results,
    });
    expect(ahead.status).toBe(422);
    expect(ahead.body.unmet).toEqual([
      expect.objectContaining({
        code: 'diagnostics.date.future',
        message: expect.stringContaining('Дата входной диагностики'),
      }),
    ]);
    // Nothing was recorded: no draft task runs from a diagnostics that has not happened.
    const history = await system.request('GET', `/routes/${routeId}/history`, as.tutor);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual(['RouteCreated', 'RouteGoalFixed']);

    const implemented = await inImplementation([
      { controlPointId: 'cp-1', date: addDays(today(), 30), description: 'Курс' },
    ]);
    const futureResult = await post(implemented, 'record-portfolio-entry', as.teacher, {
      entryId: randomUUID(),
      date: addDays(today(), 2),
      product: 'Урок с цифровым тренажёром',
      selfAssessment: 'Получилось',
    });
    expect(futureResult.status).toBe(422);
    expect(futureResult.body.unmet).toEqual([
      expect.objectContaining({ code: 'portfolio.date.future', message: expect.stringContaining('Дата результата') }),
    ]);
    const pastResult = await post(implemented, 'record-portfolio-entry', as.teacher, {
      entryId: randomUUID(),
      date: today(),
      product: 'Урок с цифровым тренажёром',
      selfAssessment: 'Получилось',
    });
    expect(pastResult.status).toBe(200);

    expect((await post(implemented, 'start-reflection', as.tutor)).status).toBe(200);
    const control = await post(implemented, 'record-control-diagnostics', as.tutor, {
      diagnosticsId: randomUUID(),
      date: addDays(today(), 1),
      results,
    });
    expect(control.status).toBe(422);
    expect(control.body.unmet).toEqual([
      expect.objectContaining({
        code: 'diagnostics.date.future',
        message: expect.stringContaining('Дата контрольной диагностики'),
      }),
    ]);
  });

  it('ИОМ self-determination and reflection: the desired image at the diagnostic stage, the reflective analysis per deficit agreed by the tutor', async () => {
    const created = await createRoute();
    const routeId = created.body.state.routeId as string;
    const image = 'Учитель, который уверенно применяет цифровые сервисы и делится опытом с коллегами';
    const imaged = await post(routeId, 'record-desired-image', as.teacher, { desiredImage: image });
    expect(imaged.status).toBe(200);
    expect(imaged.body.state.desiredImage).toMatchObject({ text: image, recordedBy: teacher });

    // Continue this route to reflection: its only initial deficit is ИКТ (35 %).
    await post(routeId, 'record-diagnostics', as.tutor, {
      diagnosticsId: randomUUID(),
      date: today(),
      results: ictDeficit(),
    });
    expect((await post(routeId, 'submit-draft', as.methodologist, { rows: rows() })).status).toBe(200);
    expect(
      (
        await post(routeId, 'agree-road-map', as.tutor, {
          controlPoints: [{ controlPointId: 'cp-1', date: addDays(today(), 30), description: 'Курс' }],
        })
      ).status,
    ).toBe(200);
    expect((await post(routeId, 'start-reflection', as.tutor)).status).toBe(200);

    const early = await post(routeId, 'agree-reflection', as.tutor);
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('route.reflection.missing');
    const entry = {
      area: 'ict',
      whatChanged: 'Использую цифровые тренажёры на уроках',
      evidence: 'Открытый урок, удостоверение о повышении квалификации',
      nearnessToImage: 'Стала ближе: делюсь опытом на методическом объединении',
    };
    const missing = await post(routeId, 'record-reflection', as.teacher, {
      entries: [{ ...entry, area: 'methodical' }],
    });
    expect(missing.status).toBe(422);
    expect(missing.body.unmet).toEqual([expect.objectContaining({ code: 'reflection.deficit.missing' })]);
    expect((await post(routeId, 'record-reflection', as.teacher, { entries: [entry] })).status).toBe(200);
    const agreed = await post(routeId, 'agree-reflection', as.tutor);
    expect(agreed.status).toBe(200);
    expect(agreed.body.state.reflection).toMatchObject({ entries: [entry], agreedBy: tutor });
  });

  it('issue 27: the tutor returns the teacher’s own road map with a comment; she sees it, proposes again and the tutor approves', async () => {
    const routeId = await inDesign();
    const comment = 'Добавьте стажировку по цифровизации образования';
    const controlPoints = () => [{ controlPointId: 'cp-1', date: addDays(today(), 60), description: 'Курс пройден' }];
    // No proposal pending: 422 naming it; a blank comment: 400 naming the field.
    const none = await post(routeId, 'return-proposed-road-map', as.tutor, { comment });
    expect(none.status).toBe(422);
    expect(none.body).toMatchObject({
      code: 'route.proposalReturn.unmet',
      unmet: [{ code: 'proposal.missing', message: 'Педагог не представил собственную дорожную карту' }],
    });
    const blank = await post(routeId, 'return-proposed-road-map', as.tutor, { comment: '' });
    expect(blank.status).toBe(400);
    expect(JSON.stringify(blank.body)).toContain('comment');

    const firstRows = rows();
    expect((await post(routeId, 'propose-own-road-map', as.teacher, { rows: firstRows })).status).toBe(200);

    // Only the route's tutor returns it.
    expect((await post(routeId, 'return-proposed-road-map', as.teacher, { comment })).status).toBe(403);
    const returned = await post(routeId, 'return-proposed-road-map', as.tutor, { comment: `  ${comment} ` });
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
    const early = await post(routeId, 'approve-proposed-road-map', as.tutor, { controlPoints: controlPoints() });
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
    const again = await post(routeId, 'propose-own-road-map', as.teacher, { rows: reworked });
    expect(again.status).toBe(200);
    expect(again.body.state.returnedProposal).toBeUndefined();
    const approved = await post(routeId, 'approve-proposed-road-map', as.tutor, { controlPoints: controlPoints() });
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

  it('the mentee’s route (002 §2): linked to the pair whose mentee the teacher is, and the pair and the route link each other', async () => {
    const [director, curator, mentor] = freshIds(3);
    const asDirector = system.token(director, ['director'], [organisationId]);
    const asCurator = system.token(curator, ['curator'], [organisationId]);
    system.token(mentor, ['mentor'], [organisationId]);
    const programmeId = (
      await system.request('POST', `/organisations/${organisationId}/programmes`, asDirector, { title: 'Программа' })
    ).body.state.programmeId as string;
    await system.request('POST', `/programmes/${programmeId}/curator`, asDirector, { curatorId: curator });
    // Only participants the commission selected are paired (002 §4.4).
    await selectParticipants(system, programmeId, asCurator, [
      { personId: mentor, role: 'mentor' },
      { personId: teacher, role: 'mentee' },
    ]);
    const formed = await system.request('POST', `/programmes/${programmeId}/pairs`, asDirector, {
      form: 'teacherTeacher',
      kind: 'traditional',
      mentorId: mentor,
      menteeIds: [teacher],
      consents: [
        { personId: mentor, date: addDays(today(), -5) },
        { personId: teacher, date: addDays(today(), -5) },
      ],
      order: { number: '15-к', date: addDays(today(), -2), signedBy: 'Директор' },
      term: { start: today(), end: addDays(today(), 364) },
    });
    expect(formed.status).toBe(201);
    const pairId = formed.body.state.pairId as string;
    await system.eventually(
      () => system.request('GET', `/pairs/${pairId}`, asCurator),
      (r) => r.status === 200,
    );

    // The mentor is not the pair's mentee: refused, naming why.
    const notMentee = await createRoute({ pairId, teacherId: mentor });
    expect(notMentee.status).toBe(422);
    expect(notMentee.body.unmet).toEqual([expect.objectContaining({ code: 'pairId.teacherNotMentee' })]);
    const unknown = await createRoute({ pairId: randomUUID() });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('route.pair.notFound');

    const linked = await createRoute({ pairId });
    expect(linked.status).toBe(201);
    const routeId = linked.body.state.routeId as string;
    expect(linked.body.state.pairId).toBe(pairId);
    const route = await system.eventually(
      () => system.request('GET', `/routes/${routeId}`, as.tutor),
      (r) => r.status === 200,
    );
    expect(route.body.pairLink).toEqual({ pairId });
    const pair = await system.eventually(
      () => system.request('GET', `/pairs/${pairId}`, asCurator),
      (r) => r.body.menteeRoutes?.length === 1,
    );
    // The teacher named beside the id (issue 18): here an account with no card, so the account's name.
    expect(pair.body.menteeRoutes).toEqual([
      {
        routeId,
        code: linked.body.state.code,
        teacherId: teacher,
        teacherName: `Пользователь ${teacher.slice(0, 8)}`,
        teacherShortName: expect.stringMatching(/^Пользователь /),
      },
    ]);
  });
});

import { freshIds } from '../support/ids';
import { randomUUID } from 'node:crypto';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { places, registerOrganisation, startProgramme } from '../support/programme-setup';
import { TestSystem } from '../support/system';

describe('programme through HTTP on real PostgreSQL and a real Temporal server', () => {
  let system: TestSystem;
  const [admin, director, curator] = freshIds(3);
  const nextYear = new Date().getUTCFullYear() + 1;

  beforeAll(async () => {
    system = await TestSystem.start();
    // The stage plan below ends on 25 December of next year: its reminder counts working days in that year.
    await loadFixtureYearsAhead();
  });
  afterAll(() => system?.stop());

  async function registerSchool() {
    const response = await registerOrganisation(system, system.token(admin, ['administrator']), places.tolyatti);
    expect(response.status).toBe(201);
    return response.body.organisationId as string;
  }

  it('starts a programme in its preparatory stage and serves it and its history', async () => {
    const organisationId = await registerSchool();
    const directorToken = system.token(director, ['director'], [organisationId]);

    const started = await system.request('POST', `/organisations/${organisationId}/programmes`, directorToken, {
      title: 'Программа наставничества 2026/27',
    });
    expect(started.status).toBe(201);
    expect(started.body.state).toMatchObject({ stage: 'preparatory', organisationId });
    const programmeId = started.body.state.programmeId as string;

    const appointed = await system.request('POST', `/programmes/${programmeId}/curator`, directorToken, {
      curatorId: curator,
    });
    expect(appointed.status).toBe(200);

    const curatorToken = system.token(curator, ['curator'], [organisationId]);
    const read = await system.eventually(
      () => system.request('GET', `/programmes/${programmeId}`, curatorToken),
      (r) => r.status === 200 && r.body.curatorId === curator,
    );
    expect(read.body).toMatchObject({ programmeId, stage: 'preparatory', title: 'Программа наставничества 2026/27' });
    expect(read.body.nextStageChecklist.map((c: { code: string }) => c.code)).toContain(
      'document.implementationAct.missing',
    );

    const history = await system.request('GET', `/programmes/${programmeId}/history`, curatorToken);
    expect(history.status).toBe(200);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual(['ProgrammeStarted', 'CuratorAppointed']);
    expect(history.body[0]).toMatchObject({ actorId: director, role: 'director', version: 1 });
  });

  it('refuses an advance with the unmet conditions (422) and records nothing', async () => {
    const organisationId = await registerSchool();
    const directorToken = system.token(director, ['director'], [organisationId]);
    const { programmeId } = await startProgramme(system, organisationId, directorToken, curator);

    const refused = await system.request(
      'POST',
      `/programmes/${programmeId}/advance`,
      system.token(curator, ['curator'], [organisationId]),
      {},
    );

    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('programme.gate.unmet');
    expect(refused.body.unmet.map((u: { code: string }) => u.code)).toEqual([
      'document.implementationAct.missing',
      'document.regulationApprovalOrder.missing',
      'mentors.notSelected',
      'mentees.notSelected',
      'problemAnalysis.missing',
    ]);
    expect(refused.body.unmet[0].message).toMatch(/распорядительный акт/i);
    const history = await system.request('GET', `/programmes/${programmeId}/history`, directorToken);
    expect(history.body).toHaveLength(2);
  });

  it('answers bad input with 400 naming the field, and outsiders with 404', async () => {
    const organisationId = await registerSchool();
    const directorToken = system.token(director, ['director'], [organisationId]);

    const bad = await system.request('POST', `/organisations/${organisationId}/programmes`, directorToken, {
      title: '',
      extra: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'title', constraint: 'isNotEmpty' }),
        expect.objectContaining({ field: 'extra', constraint: 'whitelistValidation' }),
      ]),
    );

    const outsider = system.token(randomUUID(), ['director'], [randomUUID()]);
    const hidden = await system.request('POST', `/organisations/${organisationId}/programmes`, outsider, {
      title: 'Чужая',
    });
    expect(hidden.status).toBe(404);

    expect((await system.request('GET', '/programmes', undefined)).status).toBe(401);
    expect((await system.request('GET', '/health/live')).status).toBe(200);
    const openApi = await system.request('GET', '/docs/openapi.json');
    expect(openApi.status).toBe(200);
    expect(Object.keys(openApi.body.paths)).toEqual(
      expect.arrayContaining(['/programmes/{id}/advance', '/pairs/{id}/history/verify', '/tasks']),
    );
  });

  it("puts the stage-plan reminder in the curator's inbox only, due at the end of the planned local day", async () => {
    const organisationId = await registerSchool();
    const directorToken = system.token(director, ['director'], [organisationId]);
    const ownCurator = randomUUID();
    const { programmeId } = await startProgramme(system, organisationId, directorToken, ownCurator);
    const curatorToken = system.token(ownCurator, ['curator'], [organisationId]);

    const planned = await system.request('POST', `/programmes/${programmeId}/stage-plans`, curatorToken, {
      stage: 'preparatory',
      plannedEnd: `${nextYear}-12-25`,
    });
    expect(planned.status).toBe(200);

    const inbox = await system.eventually(
      () => system.request('GET', '/tasks', curatorToken),
      (r) => r.body.length === 1,
    );
    // Samara is UTC+4: the 25th ends at 20:00 UTC. (Next year's date: a plan ending in the past would be overdue at once.)
    expect(inbox.body[0]).toMatchObject({
      kind: 'stagePlanReminder',
      status: 'open',
      dueAt: `${nextYear}-12-25T20:00:00.000Z`,
      subject: { type: 'programme', id: programmeId },
    });
    expect((await system.request('GET', '/tasks', directorToken)).body).toEqual([]);

    const completeByHand = await system.request('POST', `/tasks/${inbox.body[0].taskId}/complete`, curatorToken, {
      result: 'Готово',
    });
    expect(completeByHand.status).toBe(422);
    const notTheirs = await system.request('POST', `/tasks/${inbox.body[0].taskId}/complete`, directorToken, {
      result: 'Готово',
    });
    expect(notTheirs.status).toBe(404);
  });
});

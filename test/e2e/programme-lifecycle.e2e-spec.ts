import { freshIds } from '../support/ids';
import { approveCandidates } from '../support/participants';
import {
  approvedProblemAnalysis,
  approvePersonalProgramme,
  formPair,
  fulfilPreparatoryStage,
  programmeDocument,
  organisationWith,
  passInterimControl,
  selectParticipant,
  startProgramme,
} from '../support/programme-setup';
import { TestSystem } from '../support/system';

/** A whole programme, driven through HTTP by its curator, with real pairs behind its gates. */
describe('a programme driven through all five stages to closed', () => {
  let system: TestSystem;
  const [admin, director, curator, secondCurator, mentor, mentee] = freshIds(6);
  let organisationId: string;
  let programmeId: string;
  let as: { director: string; curator: string; secondCurator: string; admin: string; mentor: string };

  beforeAll(async () => {
    system = await TestSystem.start();
    ({ organisationId, as } = await organisationWith(
      system,
      {
        name: 'ГБПОУ «Колледж сервиса»',
        kind: 'college',
        municipality: 'г. Новосибирск',
        region: 'Новосибирская область',
        timeZone: 'Asia/Novosibirsk',
      },
      { director, curator, secondCurator: [secondCurator, 'curator'], admin: [admin, 'administrator'], mentor },
      admin,
    ));
    ({ programmeId } = await startProgramme(
      system,
      organisationId,
      as.director,
      curator,
      'Программа наставничества 2026/27',
    ));
  });
  afterAll(() => system?.stop());

  const record = async (kind: string) =>
    expect(
      (await system.request('POST', `/programmes/${programmeId}/documents`, as.curator, programmeDocument(kind)))
        .status,
    ).toBe(200);
  /** The gate reads projections: wait until the checklist the curator sees is empty, then advance. */
  const advanceWhenReady = async (from: string) => {
    const ready = await system.eventually(
      () => system.request('GET', `/programmes/${programmeId}`, as.curator),
      (r) => r.body.stage === from && r.body.nextStageChecklist.length === 0,
    );
    expect(ready.body.nextStageChecklist).toEqual([]);
    const advanced = await system.request('POST', `/programmes/${programmeId}/advance`, as.curator, {
      expectedStage: from,
    });
    expect(advanced.status).toBe(200);
    return advanced.body.state.stage as string;
  };

  /** Before its conditions hold, a stage refuses to let go and names exactly what is missing. */
  const expectRefusal = async (unmet: string[]) => {
    const refused = await system.request('POST', `/programmes/${programmeId}/advance`, as.curator, {});
    expect(refused.status).toBe(422);
    expect(refused.body.unmet.map((u: { code: string }) => u.code)).toEqual(unmet);
  };

  it('leaves each stage only when its documents and pairs are in place', async () => {
    // preparatory: the act, the regulation order, a selected mentor and mentee.
    await expectRefusal([
      'document.implementationAct.missing',
      'document.regulationApprovalOrder.missing',
      'mentors.notSelected',
      'mentees.notSelected',
      'problemAnalysis.missing',
    ]);
    await record('implementationAct');
    await record('regulationApprovalOrder');
    const candidates: string[] = [];
    for (const [personId, role, extra] of [
      [mentor, 'mentor', {}],
      [mentee, 'mentee', { menteeCategory: 'newSpecialist' }],
    ] as const) {
      const selected = await selectParticipant(system, programmeId, as.curator, personId, role, {
        position: 'Преподаватель',
        subject: 'Информатика',
        teachingExperienceYears: role === 'mentor' ? 15 : 0,
        subjectExperienceYears: role === 'mentor' ? 10 : 0,
        ...extra,
      });
      expect(selected.status).toBe(201);
      candidates.push(selected.body.participantId);
    }
    // The programme gate counts only candidates the commission approved (002 §4.4).
    await approveCandidates(system, programmeId, as.curator, candidates);
    // The preliminary analysis of problems, recorded by the curator and approved by the director (issue 28).
    expect((await approvedProblemAnalysis(system, programmeId, as.curator, as.director)).status).toBe(200);
    expect(await advanceWhenReady('preparatory')).toBe('design');

    // design: a road map, a pair formed by order with both consents, its personalised programme approved.
    await expectRefusal([
      'document.roadMap.missing',
      'pairs.notAssignedWithOrderAndConsents',
      'pairs.personalProgrammeNotApproved',
    ]);
    await record('roadMap');
    const formed = await formPair(system, programmeId, as.director, mentor, mentee, {
      order: { number: '112-к' },
      menteeConsent: '2026-08-28',
    });
    expect(formed.status).toBe(201);
    expect(formed.body.state).toMatchObject({ status: 'formed', mentorId: mentor });
    const pairId = formed.body.state.pairId as string;
    await system.eventually(
      () => system.request('GET', `/programmes/${programmeId}`, as.curator),
      (r) => r.body.nextStageChecklist.length === 1,
    );
    await expectRefusal(['pairs.personalProgrammeNotApproved']);
    const approved = await approvePersonalProgramme(system, pairId, as.curator, curator);
    expect(approved.status).toBe(200);
    expect(approved.body.state.status).toBe('active');
    expect(await advanceWhenReady('design')).toBe('implementation');

    // implementation: every active pair passes its interim control.
    await expectRefusal(['pairs.interimControlNotPassed']);
    const interim = await passInterimControl(system, pairId, as.curator, approved.body.state);
    expect(interim.status).toBe(200);
    expect(await advanceWhenReady('implementation')).toBe('reflectiveAnalytical');

    // reflective-analytical: results of both monitoring stages and both monitoring reports (002 §10).
    await expectRefusal([
      'monitoring.process.noResults',
      'monitoring.influence.noResults',
      'document.processMonitoringReport.missing',
      'document.influenceMonitoringReport.missing',
    ]);
    const today = new Date().toISOString().slice(0, 10);
    for (const [indicator, value] of [
      ['studentsPassedNationalTestsShare', 87.5],
      ['adaptationQualityAndPace', 4],
    ] as const) {
      const result = await system.request('POST', `/organisations/${organisationId}/monitoring-results`, as.curator, {
        indicator,
        value,
        periodStart: today,
        periodEnd: today,
      });
      expect(result.status).toBe(201);
    }
    await record('processMonitoringReport');
    await record('influenceMonitoringReport');
    expect(await advanceWhenReady('reflectiveAnalytical')).toBe('results');

    // results: the final report closes the programme.
    await expectRefusal(['document.finalReport.missing']);
    await record('finalReport');
    expect(await advanceWhenReady('results')).toBe('closed');

    const history = await system.request('GET', `/programmes/${programmeId}/history`, as.curator);
    const advances = history.body
      .filter((e: { type: string }) => e.type === 'StageAdvanced')
      .map((e: { data: { from: string; to: string } }) => `${e.data.from}→${e.data.to}`);
    expect(advances).toEqual([
      'preparatory→design',
      'design→implementation',
      'implementation→reflectiveAnalytical',
      'reflectiveAnalytical→results',
      'results→closed',
    ]);
    expect(history.body.at(-1).type).toBe('ProgrammeClosed');
  });

  it('lets only one of two concurrent advances through, the other gets 409, and records one StageAdvanced', async () => {
    const { programmeId: id } = await startProgramme(system, organisationId, as.director, curator, 'Вторая программа');
    await fulfilPreparatoryStage(system, id, as.curator, as.director);
    // An administrator and the curator press "next" at the same moment on the same stage.

    const [a, b] = await Promise.all([
      system.request('POST', `/programmes/${id}/advance`, as.curator, { expectedStage: 'preparatory' }),
      system.request('POST', `/programmes/${id}/advance`, as.admin, { expectedStage: 'preparatory' }),
    ]);

    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const history = await system.request('GET', `/programmes/${id}/history`, as.curator);
    expect(history.body.filter((e: { type: string }) => e.type === 'StageAdvanced')).toHaveLength(1);
  });
});

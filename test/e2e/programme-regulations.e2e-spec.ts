import { freshIds } from '../support/ids';
import { localDay } from '../support/dates';
import { selectParticipants } from '../support/participants';
import {
  approvedProblemAnalysis,
  formPair,
  organisationWith,
  passInterimControl,
  programmeDocument,
  startProgramme,
} from '../support/programme-setup';
import { TestSystem } from '../support/system';
import { russianDate } from '@mentorflow/domain';

/**
 * The programme's gates as the regulations say them, through HTTP: the reflective-analytical stage asks
 * for recorded results of both monitoring stages (002 §10), and dates of orders, acts and monitoring
 * periods are facts that cannot lie after today in the organisation's zone.
 */
describe('programme gates and dates as the regulations say', () => {
  // Kaliningrad (UTC+2) lags the rest of Russia: "tomorrow" there is a date a UTC-based check let through.
  const timeZone = 'Europe/Kaliningrad';
  let system: TestSystem;
  const [admin, director, curator, mentor, mentee] = freshIds(5);
  let organisationId: string;
  let programmeId: string;
  let as: { director: string; curator: string };

  beforeAll(async () => {
    system = await TestSystem.start();
    ({ organisationId, as } = await organisationWith(
      system,
      {
        name: 'ГАУ КО ПОО «Колледж сервиса и туризма»',
        kind: 'college',
        municipality: 'г. Калининград',
        region: 'Калининградская область',
        timeZone,
      },
      { director, curator },
      admin,
    ));
    system.token(mentor, ['mentor'], [organisationId]);
    system.token(mentee, ['mentee'], [organisationId]);
    ({ programmeId } = await startProgramme(
      system,
      organisationId,
      as.director,
      curator,
      'Программа наставничества педагогических работников',
    ));
  });
  afterAll(() => system?.stop());

  const recordDocument = (kind: string, date = localDay(timeZone)) =>
    system.request('POST', `/programmes/${programmeId}/documents`, as.curator, { ...programmeDocument(kind), date });
  const recordResult = (indicator: string, value: number, periodStart: string, periodEnd: string) =>
    system.request('POST', `/organisations/${organisationId}/monitoring-results`, as.curator, {
      indicator,
      value,
      periodStart,
      periodEnd,
    });
  const checklist = async (settled: (codes: string[]) => boolean) => {
    const read = await system.eventually(
      () => system.request('GET', `/programmes/${programmeId}`, as.curator),
      (r) => settled((r.body.nextStageChecklist ?? []).map((c: { code: string }) => c.code)),
    );
    return read.body.nextStageChecklist as { code: string; message: string }[];
  };
  const advance = () => system.request('POST', `/programmes/${programmeId}/advance`, as.curator, {});
  const advanceWhenReady = async (from: string) => {
    await checklist((codes) => codes.length === 0);
    const advanced = await advance();
    // A refusal's body in the failure message: it names what is missing.
    if (advanced.status !== 200) throw new Error(`advance: ${advanced.status} ${JSON.stringify(advanced.body)}`);
    expect(advanced.body.state.stage).not.toBe(from);
  };

  it('refuses an order dated after today in the organisation’s zone and names the field', async () => {
    const tomorrow = await recordDocument('implementationAct', localDay(timeZone, 1));
    expect(tomorrow.status).toBe(422);
    expect(tomorrow.body.unmet).toEqual([
      {
        code: 'document.date.future',
        message: `Дата документа не может быть позже сегодняшнего дня (${russianDate(localDay(timeZone))})`,
      },
    ]);
    expect((await recordDocument('implementationAct')).status).toBe(200);
  });

  it('refuses a monitoring result whose period ends after today in the organisation’s zone', async () => {
    const refused = await recordResult('menteeMotivationGrowth', 40, localDay(timeZone, -30), localDay(timeZone, 1));
    expect(refused.status).toBe(422);
    expect(refused.body.unmet).toEqual([
      {
        code: 'periodEnd.future',
        message: `Конец периода мониторинга не может быть позже сегодняшнего дня (${russianDate(localDay(timeZone))})`,
      },
    ]);
  });

  it('leaves the reflective-analytical stage only with recorded results of both monitoring stages (002 §10)', async () => {
    const today = localDay(timeZone);
    expect((await recordDocument('regulationApprovalOrder')).status).toBe(200);
    // The commission selects them (002 §4.4): the gate counts only selected participants.
    await selectParticipants(system, programmeId, as.curator, [
      { personId: mentor, role: 'mentor', position: 'Преподаватель' },
      { personId: mentee, role: 'mentee', position: 'Преподаватель', menteeCategory: 'adaptingToNewWorkplace' },
    ]);
    // The preliminary analysis of problems, approved by the director (issue 28).
    expect((await approvedProblemAnalysis(system, programmeId, as.curator, as.director)).status).toBe(200);
    await advanceWhenReady('preparatory');

    expect((await recordDocument('roadMap')).status).toBe(200);
    const formed = await formPair(system, programmeId, as.director, mentor, mentee, {
      mentorConsent: today,
      menteeConsent: today,
      order: { number: '12-к', date: today },
      term: { start: today, end: localDay(timeZone, 365) },
    });
    expect(formed.status).toBe(201);
    const pairId = formed.body.state.pairId as string;
    const approved = await system.request('POST', `/pairs/${pairId}/personal-programme`, as.curator, {
      start: today,
      end: localDay(timeZone, 270),
      directions: ['Методическая поддержка'],
      activities: [{ title: 'Посещение занятий наставника', plannedDate: localDay(timeZone, 30) }],
      difficulties: ['Организация дисциплины на занятии'],
      controller: { personId: curator, role: 'curator' },
    });
    expect(approved.status).toBe(200);
    await advanceWhenReady('design');

    const interim = await passInterimControl(system, pairId, as.curator, approved.body.state);
    expect(interim.status).toBe(200);
    await advanceWhenReady('implementation');

    // Both report documents alone no longer let the stage go: the monitoring itself has not been recorded.
    expect((await recordDocument('processMonitoringReport')).status).toBe(200);
    expect((await recordDocument('influenceMonitoringReport')).status).toBe(200);
    // A result about a period that ended before the programme began says nothing of this programme.
    expect((await recordResult('studentsGradeDynamics', 3, '2020-09-01', '2021-05-31')).status).toBe(201);
    const refused = await advance();
    expect(refused.status).toBe(422);
    expect(refused.body.unmet).toEqual([
      {
        code: 'monitoring.process.noResults',
        message:
          'Не внесено ни одного результата по показателям этапа «Мониторинг процесса реализации персонализированной программы наставничества» (002 §10)',
      },
      {
        code: 'monitoring.influence.noResults',
        message:
          'Не внесено ни одного результата по показателям этапа «Мониторинг влияния персонализированной программы наставничества на её участников» (002 §10)',
      },
    ]);

    expect((await recordResult('programmeEffectivenessAndRisks', 4, today, today)).status).toBe(201);
    expect(await checklist((codes) => codes.length === 1)).toEqual([
      expect.objectContaining({ code: 'monitoring.influence.noResults' }),
    ]);
    const stillRefused = await advance();
    expect(stillRefused.status).toBe(422);
    expect(stillRefused.body.unmet.map((u: { code: string }) => u.code)).toEqual(['monitoring.influence.noResults']);

    expect((await recordResult('teachersPlanningToBecomeMentors', 2, today, today)).status).toBe(201);
    await advanceWhenReady('reflectiveAnalytical');
    await system.eventually(
      () => system.request('GET', `/programmes/${programmeId}`, as.curator),
      (r) => r.body.stage === 'results',
    );
  });
});

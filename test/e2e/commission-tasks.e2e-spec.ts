import { freshIds } from '../support/ids';
import { defaultProductionCalendar } from '@mentorflow/calendar';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { addMonths, localDay } from '../support/dates';
import { approveCandidates, selectParticipants } from '../support/participants';
import {
  formPair,
  organisationWith,
  personalProgrammePlan,
  selectMentorAndMentee,
  startProgramme,
} from '../support/programme-setup';
import { TestSystem } from '../support/system';

const ZONE = 'Europe/Moscow';
const day = (offsetDays: number) => localDay(ZONE, offsetDays);

interface Task {
  taskId: string;
  kind: string;
  title: string;
  status: string;
  raisedAt: string;
  dueLocalDate?: string;
  subject: { type: string; id: string };
  programmeId?: string;
  assignee: { personId: string; role: string };
}

/**
 * The commission head's timed tasks (002 §4.4, §8.3): candidates awaiting the commission, the pair's
 * personalised programme, a correction and a periodic report awaiting a decision. Each is in the inbox of
 * whoever is the organisation's commission head, due in 10 working days, and leaves it once decided.
 */
describe('the commission head’s tasks', () => {
  let system: TestSystem;
  const [admin, director, curator, head, mentor, mentee] = freshIds(6);
  let as: { director: string; curator: string; head: string; mentor: string };
  let programmeId: string;
  let pairId: string;
  const start = day(-10);

  const inbox = (token: string) => system.request('GET', '/tasks?limit=100', token);
  const taskOf = (kind: string, subjectId: string) => (body: Task[]) =>
    (Array.isArray(body) ? body : []).find((t) => t.kind === kind && t.subject.id === subjectId);
  /** The head's open task of this kind, once the projection has it. */
  const waitForTask = async (kind: string, subjectId: string): Promise<Task> => {
    const found = await system.eventually(
      () => inbox(as.head),
      (r) => taskOf(kind, subjectId)(r.body) !== undefined,
    );
    return taskOf(kind, subjectId)(found.body)!;
  };
  const waitUntilGone = (kind: string, subjectId: string) =>
    system.eventually(
      () => inbox(as.head),
      (r) => Array.isArray(r.body) && taskOf(kind, subjectId)(r.body) === undefined,
    );
  /** 10 working days from the day after the review was asked for, on the production calendar. */
  const expectDueInTenWorkingDays = (task: Task) =>
    expect(task.dueLocalDate).toBe(defaultProductionCalendar().addWorkingDays(task.raisedAt, 10, ZONE).dueLocalDate);

  beforeAll(async () => {
    await loadFixtureYearsAhead();
    system = await TestSystem.start();
    let organisationId: string;
    ({ organisationId, as } = await organisationWith(
      system,
      { name: 'ГБОУ «Школа № 7»', municipality: 'г. Москва', region: 'г. Москва', timeZone: ZONE },
      { director, curator, head: [head, 'commissionHead'], mentor },
      admin,
    ));
    system.token(mentee, ['mentee'], [organisationId]);
    ({ programmeId } = await startProgramme(system, organisationId, as.director, curator));
  });
  afterAll(() => system?.stop());

  it('candidates awaiting the commission: one task, closed once the commission has decided them all', async () => {
    const ids: string[] = [];
    for (const registered of await selectMentorAndMentee(system, programmeId, as.curator, mentor, mentee)) {
      expect(registered.status).toBe(201);
      ids.push(registered.body.participantId as string);
    }
    const task = await waitForTask('candidateReview', programmeId);
    expect(task).toMatchObject({
      title: 'Рассмотреть кандидатуры наставников и наставляемых на заседании методической комиссии',
      status: 'open',
      programmeId,
      assignee: { role: 'commissionHead' },
    });
    expectDueInTenWorkingDays(task);
    // The curator proposed the candidates; the review is the commission head's, not theirs.
    expect(taskOf('candidateReview', programmeId)((await inbox(as.curator)).body)).toBeUndefined();
    // Closed by the commission's decision, not by hand.
    const byHand = await system.request('POST', `/tasks/${task.taskId}/complete`, as.head, { result: 'Рассмотрено' });
    expect(byHand.status).toBe(422);

    await approveCandidates(system, programmeId, as.head, [ids[0]!]);
    const stillOpen = await inbox(as.head);
    expect(taskOf('candidateReview', programmeId)(stillOpen.body)).toMatchObject({ taskId: task.taskId });
    await approveCandidates(system, programmeId, as.head, [ids[1]!]);
    await waitUntilGone('candidateReview', programmeId);
  });

  it('a formed pair’s personalised programme awaits the head’s review until approved', async () => {
    const formed = await formPair(system, programmeId, as.director, mentor, mentee, {
      mentorConsent: day(-12),
      menteeConsent: day(-12),
      order: { date: day(-11) },
      term: { start, end: addMonths(start, 12) },
    });
    expect(formed.status).toBe(201);
    pairId = formed.body.state.pairId as string;
    const task = await waitForTask('personalProgrammeReview', pairId);
    expect(task).toMatchObject({
      title: 'Рассмотреть и утвердить персонализированную программу наставничества пары/группы',
      programmeId,
    });
    expectDueInTenWorkingDays(task);

    const approved = await system.request('POST', `/pairs/${pairId}/personal-programme`, as.head, {
      ...personalProgrammePlan(start, addMonths(start, 6), addMonths(start, 3)),
      controller: { personId: head, role: 'commissionHead' },
    });
    expect(approved.status).toBe(200);
    await waitUntilGone('personalProgrammeReview', pairId);
  });

  it('a proposed correction awaits the head’s decision until returned', async () => {
    const proposed = await system.request('POST', `/pairs/${pairId}/personal-programme/corrections`, as.mentor, {
      reason: 'Открытый урок переносится',
      ...personalProgrammePlan(start, addMonths(start, 7), addMonths(start, 5)),
    });
    expect(proposed.status).toBe(200);
    const { correctionId } = proposed.body.state.pendingCorrection;
    const task = await waitForTask('correctionReview', pairId);
    expect(task.title).toBe('Рассмотреть корректировку персонализированной программы');
    expectDueInTenWorkingDays(task);

    const returned = await system.request('POST', `/pairs/${pairId}/personal-programme/corrections/decision`, as.head, {
      correctionId,
      decision: 'returned',
      comment: 'Укажите новую дату открытого урока',
    });
    expect(returned.status).toBe(200);
    await waitUntilGone('correctionReview', pairId);
  });

  it('a submitted periodic report awaits the head’s decision until accepted', async () => {
    const reports = await system.eventually(
      () => system.request('GET', `/pairs/${pairId}/periodic-reports`, as.head),
      (r) => (r.body.reports ?? []).length === 2,
    );
    const mine = (reports.body.reports as { taskId: string; role: string }[]).find((r) => r.role === 'mentor')!;
    const submitted = await system.request('POST', `/pairs/${pairId}/periodic-reports`, as.mentor, {
      taskId: mine.taskId,
      text: 'Проведены два совместных занятия',
    });
    expect(submitted.status).toBe(200);
    const task = await waitForTask('periodicReportReview', pairId);
    expect(task.title).toBe('Рассмотреть периодический отчёт и принять решение');
    expectDueInTenWorkingDays(task);

    const accepted = await system.request('POST', `/pairs/${pairId}/periodic-reports/decision`, as.head, {
      taskId: mine.taskId,
      decision: 'accepted',
    });
    expect(accepted.status).toBe(200);
    await waitUntilGone('periodicReportReview', pairId);
  });

  it('the mentor’s first programme is reviewed with the pair’s; approving it closes both (issue 26)', async () => {
    const [secondMentee] = freshIds(1);
    await selectParticipants(system, programmeId, as.curator, [{ personId: secondMentee!, role: 'mentee' }]);
    const formed = await formPair(system, programmeId, as.director, mentor, secondMentee!, {
      mentorConsent: day(-12),
      menteeConsent: day(-12),
      order: { date: day(-11) },
      term: { start, end: addMonths(start, 12) },
    });
    expect(formed.status).toBe(201);
    const secondPair = formed.body.state.pairId as string;
    await waitForTask('personalProgrammeReview', secondPair);
    const proposed = await system.request('POST', `/pairs/${secondPair}/personal-programme/corrections`, as.mentor, {
      reason: 'Первая версия программы',
      ...personalProgrammePlan(start, addMonths(start, 6), addMonths(start, 3)),
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body.state.status).toBe('formed');
    await waitForTask('correctionReview', secondPair);

    const approved = await system.request(
      'POST',
      `/pairs/${secondPair}/personal-programme/corrections/decision`,
      as.head,
      { correctionId: proposed.body.state.pendingCorrection.correctionId, decision: 'approved' },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.state).toMatchObject({
      status: 'active',
      controlPlan: { controller: { personId: head, role: 'commissionHead' } },
    });
    await waitUntilGone('personalProgrammeReview', secondPair);
    await waitUntilGone('correctionReview', secondPair);
  });
});

import { freshIds } from '../support/ids';
import { randomUUID } from 'node:crypto';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { addMonths, localDay } from '../support/dates';
import { lecturerMentor, selectParticipants } from '../support/participants';
import { formPair, organisationWith, personalProgrammePlan, places, startProgramme } from '../support/programme-setup';
import { TestSystem } from '../support/system';
import { russianDate } from '@mentorflow/domain';

/** Dates relative to the real now, in the organisation's zone: facts lie behind, plans ahead. */
const day = (offsetDays: number) => localDay(places.kazanCollege.timeZone, offsetDays);

interface Task {
  taskId: string;
  kind: string;
  status: string;
  dueLocalDate: string;
  assignee: { personId: string; role: string };
}

/** The pair as the regulations run it (002 §2, §4.5, §6.1.10; Labour Code art. 351.8), through HTTP. */
describe('a pair as the regulations run it', () => {
  let system: TestSystem;
  const [admin, director, curator] = freshIds(3);
  const mentors = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const mentees = [randomUUID(), randomUUID(), randomUUID()];
  let organisationId: string;
  let programmeId: string;
  let as: { director: string; curator: string; admin: string };
  const tokenOf = new Map<string, string>();
  const termStart = day(-30);

  beforeAll(async () => {
    await loadFixtureYearsAhead();
    system = await TestSystem.start();
    ({ organisationId, as } = await organisationWith(
      system,
      places.kazanCollege,
      { admin: [admin, 'administrator'], director, curator },
      admin,
    ));
    for (const id of mentors) tokenOf.set(id, system.token(id, ['mentor'], [organisationId]));
    for (const id of mentees) tokenOf.set(id, system.token(id, ['mentee'], [organisationId]));
    ({ programmeId } = await startProgramme(system, organisationId, as.director, curator));
    await selectParticipants(system, programmeId, as.curator, [
      ...mentors.map(lecturerMentor),
      ...mentees.map((personId) => ({ personId, role: 'mentee' as const })),
    ]);
  });
  afterAll(() => system?.stop());

  /** A pair formed by order with both consents, its personalised programme approved (six months, curator controls). */
  const activePair = async (mentorId: string, menteeId: string) => {
    const formed = await formPair(system, programmeId, as.director, mentorId, menteeId, {
      mentorConsent: day(-32),
      menteeConsent: day(-32),
      order: { number: `${mentorId.slice(0, 4)}-к`, date: day(-31) },
      term: { start: termStart, end: addMonths(termStart, 12) },
    });
    expect(formed.status).toBe(201);
    const pairId = formed.body.state.pairId as string;
    const approved = await system.request('POST', `/pairs/${pairId}/personal-programme`, as.curator, {
      ...personalProgrammePlan(termStart, addMonths(termStart, 6), addMonths(termStart, 3)),
      controller: { personId: curator, role: 'curator' },
    });
    expect(approved.status).toBe(200);
    return { pairId, state: approved.body.state };
  };
  const tasksOf = (state: { tasks: Record<string, Task> }) => Object.values(state.tasks);

  let pairId: string;
  let interimTaskId: string;

  it('defect 1: «требуется корректировка» is accepted with a repeat-control date, a month on by default', async () => {
    const pair = await activePair(mentors[0], mentees[0]);
    pairId = pair.pairId;
    interimTaskId = tasksOf(pair.state).find((t) => t.kind === 'interimControl')!.taskId;

    const badDate = await system.request('POST', `/pairs/${pairId}/interim-control`, as.curator, {
      taskId: interimTaskId,
      outcome: 'needsCorrection',
      comment: 'Скорректировать план посещений',
      repeatControlDate: 'через месяц',
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors).toEqual([expect.objectContaining({ field: 'repeatControlDate' })]);

    // The inbox's free-text completion cannot say the outcome («Требуется корректировка…» once recorded «пройден»).
    // The inbox reads the tasks read model: completing from it waits until the task is listed there (else 404).
    await system.eventually(
      () => system.request('GET', '/tasks?limit=100', as.curator),
      (r) => Array.isArray(r.body) && r.body.some((t: Task) => t.taskId === interimTaskId),
    );
    const byText = await system.request('POST', `/tasks/${interimTaskId}/complete`, as.curator, {
      result: 'Требуется корректировка плана посещений',
    });
    expect(byText.status).toBe(422);
    expect(byText.body.code).toBe('pair.task.interimControlForm');

    const failed = await system.request('POST', `/pairs/${pairId}/interim-control`, as.curator, {
      taskId: interimTaskId,
      outcome: 'needsCorrection',
      comment: 'Скорректировать план посещений',
    });
    expect(failed.status).toBe(200);
    expect(failed.body.state.status).toBe('active');
    expect(failed.body.state.interimControls).toEqual([
      expect.objectContaining({ taskId: interimTaskId, outcome: 'needsCorrection' }),
    ]);
    const [, repeatId] = failed.body.state.controlPlan.interimTaskIds;
    expect(failed.body.state.tasks[repeatId]).toMatchObject({
      kind: 'interimControl',
      status: 'open',
      dueLocalDate: addMonths(day(0), 1),
    });
    // It leads into the correction: the mentor has a task to submit a corrected programme by then.
    expect(tasksOf(failed.body.state).find((t) => t.kind === 'programmeCorrection')).toMatchObject({
      assignee: { personId: mentors[0], role: 'mentor' },
      status: 'open',
      dueLocalDate: addMonths(day(0), 1),
    });
  });

  it('defect 2: the mentor proposes a corrected programme, the curator approves it; versions kept, controls re-timed', async () => {
    const newEnd = addMonths(termStart, 7);
    const proposal = {
      reason: 'По итогам промежуточного контроля: открытый урок переносится',
      start: termStart,
      end: newEnd,
      directions: ['Методическая поддержка', 'Работа с родителями'],
      activities: [{ title: 'Открытый урок наставляемого', plannedDate: addMonths(termStart, 5) }],
      difficulties: ['Организация дисциплины'],
    };
    const byCurator = await system.request(
      'POST',
      `/pairs/${pairId}/personal-programme/corrections`,
      as.curator,
      proposal,
    );
    expect(byCurator.status).toBe(403);
    const proposed = await system.request(
      'POST',
      `/pairs/${pairId}/personal-programme/corrections`,
      tokenOf.get(mentors[0]),
      proposal,
    );
    expect(proposed.status).toBe(200);
    const { correctionId } = proposed.body.state.pendingCorrection;
    expect(tasksOf(proposed.body.state).find((t) => t.kind === 'programmeCorrection')?.status).toBe('done');
    const oldFinal = proposed.body.state.controlPlan.finalTaskId as string;

    const approved = await system.request(
      'POST',
      `/pairs/${pairId}/personal-programme/corrections/decision`,
      as.curator,
      { correctionId, decision: 'approved', comment: 'Согласовано' },
    );
    expect(approved.status).toBe(200);
    const state = approved.body.state;
    expect(state.personalProgramme.end).toBe(newEnd);
    expect(state.controlPlan.finalTaskId).not.toBe(oldFinal);
    expect(state.tasks[oldFinal].status).toBe('cancelled');
    expect(state.tasks[state.controlPlan.finalTaskId]).toMatchObject({ status: 'open', dueLocalDate: newEnd });

    const versions = await system.eventually(
      () => system.request('GET', `/pairs/${pairId}/personal-programme/versions`, tokenOf.get(mentors[0])),
      (r) => r.body.versions?.length === 2,
    );
    expect(
      versions.body.versions.map((v: { version: number; end: string; reason?: string }) => [
        v.version,
        v.end,
        v.reason,
      ]),
    ).toEqual([
      [1, addMonths(termStart, 6), undefined],
      [2, newEnd, proposal.reason],
    ]);
  });

  it('item 6: the mentor gives the mentee a dated assignment; the mentee does it from the inbox; activities show progress', async () => {
    const mentorToken = tokenOf.get(mentors[0]);
    const past = await system.request('POST', `/pairs/${pairId}/assignments`, mentorToken, {
      menteeId: mentees[0],
      title: 'Подготовить технологическую карту урока',
      dueDate: day(-1),
      activityIndex: 0,
    });
    expect(past.status).toBe(422);
    expect(past.body.unmet.map((u: { code: string }) => u.code)).toEqual(['control.assignment.outsideProgramme']);
    expect(
      (
        await system.request('POST', `/pairs/${pairId}/assignments`, as.curator, {
          menteeId: mentees[0],
          title: 'Задание',
          dueDate: day(5),
        })
      ).status,
    ).toBe(403);

    const given = await system.request('POST', `/pairs/${pairId}/assignments`, mentorToken, {
      menteeId: mentees[0],
      title: 'Подготовить технологическую карту урока',
      dueDate: day(5),
      activityIndex: 0,
    });
    expect(given.status).toBe(200);
    const task = tasksOf(given.body.state).find((t) => t.kind === 'menteeAssignment')!;
    expect(task).toMatchObject({ status: 'open', dueLocalDate: day(5), assignee: { personId: mentees[0] } });

    const inbox = await system.eventually(
      () => system.request('GET', '/tasks', tokenOf.get(mentees[0])),
      (r) => Array.isArray(r.body) && r.body.some((t: Task) => t.taskId === task.taskId),
    );
    expect(inbox.status).toBe(200);
    const done = await system.request('POST', `/tasks/${task.taskId}/complete`, tokenOf.get(mentees[0]), {
      result: 'Карта урока подготовлена',
    });
    expect(done.status).toBe(200);
    const progress = await system.eventually(
      () => system.request('GET', `/pairs/${pairId}/progress`, as.curator),
      (r) => r.body.assignments?.[0]?.status === 'done',
    );
    expect(progress.body.activities[0]).toMatchObject({ assignments: 1, done: 1, overdue: 0, status: 'done' });
  });

  it('item 7: the final control carries the conclusion and the proposals for further work', async () => {
    const pair = (await system.request('GET', `/pairs/${pairId}`, as.curator)).body;
    const repeatId = pair.controlPlan.interimTaskIds.at(-1);
    const passed = await system.request('POST', `/pairs/${pairId}/interim-control`, as.curator, {
      taskId: repeatId,
      outcome: 'passed',
      comment: 'Корректировка выполнена',
    });
    expect(passed.status).toBe(200);
    const report = await system.request('POST', `/pairs/${pairId}/mentor-report`, tokenOf.get(mentors[0]), {
      taskId: passed.body.state.controlPlan.mentorReportTaskId,
      conclusion: 'Адаптация пройдена',
      proposals: 'Включить в резерв наставников',
    });
    expect(report.status).toBe(200);
    const final = await system.request('POST', `/pairs/${pairId}/final-control`, as.curator, {
      taskId: passed.body.state.controlPlan.finalTaskId,
      outcome: 'passed',
      mentorConclusion: 'Адаптация пройдена',
      proposals: 'Рекомендовать к аттестации на первую категорию',
    });
    expect(final.status).toBe(200);
    expect(final.body.state.finalControl).toMatchObject({
      mentorConclusion: 'Адаптация пройдена',
      proposals: 'Рекомендовать к аттестации на первую категорию',
    });
    expect(final.body.state.mentorFinalReport).toMatchObject({ proposals: 'Включить в резерв наставников' });
  });

  it('defect 5 and 11: a replacement needs each mentee’s consent, and its order and consents are not in the future', async () => {
    const { pairId: id } = await activePair(mentors[1], mentees[1]);
    const request = (body: object) =>
      system.request('POST', `/pairs/${id}/replace-mentor`, as.director, {
        reason: 'transfer',
        order: { number: '77-к', date: day(-1), signedBy: 'Директор' },
        newMentorId: mentors[3],
        newMentorConsent: { personId: mentors[3], date: day(-2) },
        ...body,
      });
    const noMentee = await request({});
    expect(noMentee.status).toBe(422);
    expect(noMentee.body.unmet).toEqual([
      {
        code: `replacement.menteeConsent.${mentees[1]}.missing`,
        message: `Нет датированного письменного согласия наставляемого ${mentees[1]} на замену наставника`,
      },
    ]);
    const future = await request({
      order: { number: '77-к', date: day(2), signedBy: 'Директор' },
      menteeConsents: [{ personId: mentees[1], date: day(3) }],
    });
    expect(future.status).toBe(422);
    expect(future.body.unmet.map((u: { code: string }) => u.code)).toEqual([
      'replacement.order.dateInFuture',
      `replacement.menteeConsent.${mentees[1]}.dateInFuture`,
    ]);

    const accepted = await request({ menteeConsents: [{ personId: mentees[1], date: day(-2) }] });
    expect(accepted.status).toBe(202);
    // A replacement is a signal: the workflow decides and appends it, then the projector shows it. Under a
    // loaded CI that took longer than the default 10 s once (the state read was the pair before it).
    const replaced = await system.eventually(
      () => system.request('GET', `/pairs/${id}`, as.curator),
      (r) => r.body.mentorId === mentors[3],
      30_000,
    );
    expect(replaced.body.mentorId).toBe(mentors[3]);
    expect(replaced.body.consents).toContainEqual({ personId: mentees[1], date: day(-2) });
  });

  it('item 4: a written notice ends the pair 3 working days on; a notice dated in the future is refused', async () => {
    const { pairId: id } = await activePair(mentors[2], mentees[2]);
    const future = await system.request('POST', `/pairs/${id}/termination-notice`, tokenOf.get(mentees[2]), {
      noticeDate: day(1),
    });
    expect(future.status).toBe(422);
    expect(future.body.unmet.map((u: { code: string }) => u.code)).toEqual(['notice.date.inFuture']);
    expect(
      (await system.request('POST', `/pairs/${id}/termination-notice`, as.curator, { noticeDate: day(0) })).status,
    ).toBe(403);

    // Given ten days ago: its three working days have run, so the workflow's timer ends the pair at once.
    const given = await system.request('POST', `/pairs/${id}/termination-notice`, tokenOf.get(mentees[2]), {
      noticeDate: day(-10),
    });
    expect(given.status).toBe(200);
    expect(given.body.state.terminationNotice).toMatchObject({
      noticeDate: day(-10),
      givenBy: mentees[2],
      givenByRole: 'mentee',
    });
    expect(given.body.state.terminationNotice.endsOn > day(-10)).toBe(true);
    const ended = await system.eventually(
      () => system.request('GET', `/pairs/${id}`, as.curator),
      (r) => r.body.status === 'terminated',
    );
    expect(ended.body.termination).toMatchObject({
      notice: { noticeDate: day(-10), givenByRole: 'mentee' },
      reason: `Досрочное прекращение по письменному заявлению наставляемого от ${russianDate(day(-10))}`,
    });
    // The mentor's slots are free again.
    const load = await system.eventually(
      () => system.request('GET', `/mentors/${mentors[2]}/load`, as.curator),
      (r) => r.body.load === 0,
    );
    expect(load.body.load).toBe(0);
  });
});

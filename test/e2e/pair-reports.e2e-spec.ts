import { freshIds } from '../support/ids';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { addDays, addMonths, localDay } from '../support/dates';
import { organisationWith, pairInNewProgramme, personalProgrammePlan, places } from '../support/programme-setup';
import { TestSystem } from '../support/system';

/** Dates relative to the real now, in the organisation's zone. */
const day = (offsetDays: number) => localDay(places.kazanCollege.timeZone, offsetDays);

interface Report {
  taskId: string;
  period: number;
  periodStart: string;
  periodEnd: string;
  authorId: string;
  role: 'mentor' | 'mentee';
  status: string;
  dueLocalDate?: string;
  decidedBy?: string;
  comment?: string;
}

/** Periodic reports of the mentor and the mentee (002 §6.1.9, §7.1.6), through HTTP. */
describe('periodic reports of a pair', () => {
  let system: TestSystem;
  const [admin, director, curator, mentor, mentee] = freshIds(5);
  let as: { director: string; curator: string; mentor: string; mentee: string };
  let pairId: string;
  const start = day(-10);
  const periodEnd = addDays(addMonths(start, 1), -1);

  beforeAll(async () => {
    await loadFixtureYearsAhead();
    system = await TestSystem.start();
    const organisation = await organisationWith(
      system,
      places.kazanCollege,
      { director, curator, mentor, mentee },
      admin,
    );
    as = organisation.as;
    ({ pairId } = await pairInNewProgramme(system, organisation, {
      curator,
      mentor,
      mentee,
      timeZone: places.kazanCollege.timeZone,
    }));
  });
  afterAll(() => system?.stop());

  const programme = (extra: Record<string, unknown> = {}) => ({
    ...personalProgrammePlan(start, addDays(addMonths(start, 6), -1), addMonths(start, 3)),
    controller: { personId: curator, role: 'curator' },
    ...extra,
  });
  const reports = () => system.request('GET', `/pairs/${pairId}/periodic-reports`, as.curator);
  const decide = (token: string, decision: Record<string, unknown>) =>
    system.request('POST', `/pairs/${pairId}/periodic-reports/decision`, token, decision);
  const reportOf = (body: { reports: Report[] }, role: string, status?: string) =>
    body.reports.find((r) => r.role === role && (status === undefined || r.status === status));

  it('the approval names the report period (a whole number of months); the first period’s tasks are raised', async () => {
    const bad = await system.request('POST', `/pairs/${pairId}/personal-programme`, as.curator, {
      ...programme({ reportPeriodMonths: 0 }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'reportPeriodMonths' })]);

    const approved = await system.request('POST', `/pairs/${pairId}/personal-programme`, as.curator, programme());
    expect(approved.status).toBe(200);
    expect(approved.body.state.reportPeriodMonths).toBe(1);

    const listed = await system.eventually(reports, (r) => (r.body.reports ?? []).length === 2);
    expect(listed.body.reports).toEqual([
      expect.objectContaining({
        period: 1,
        periodStart: start,
        periodEnd,
        authorId: mentor,
        role: 'mentor',
        status: 'pending',
        dueLocalDate: periodEnd,
      }),
      expect.objectContaining({ period: 1, authorId: mentee, role: 'mentee', status: 'pending' }),
    ]);

    const inbox = await system.eventually(
      () => system.request('GET', '/tasks', as.mentor),
      (r) => Array.isArray(r.body) && r.body.some((t: { kind: string }) => t.kind === 'periodicReport'),
    );
    const task = inbox.body.find((t: { kind: string }) => t.kind === 'periodicReport');
    expect(task.title).toMatch(/^Отчёт наставника за период \d\d\.\d\d\.\d{4}–\d\d\.\d\d\.\d{4}$/);
  });

  it('the mentee reports from the inbox; the mentor through the pair, not for someone else', async () => {
    const listed = (await reports()).body;
    const mine = reportOf(listed, 'mentor')!;
    const theirs = reportOf(listed, 'mentee')!;

    const foreign = await system.request('POST', `/pairs/${pairId}/periodic-reports`, as.mentor, {
      taskId: theirs.taskId,
      text: 'Отчёт',
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.code).toBe('pair.forbidden');
    const badLink = await system.request('POST', `/pairs/${pairId}/periodic-reports`, as.mentor, {
      taskId: mine.taskId,
      text: 'Отчёт',
      fileRef: 'file:///etc/passwd',
    });
    expect(badLink.status).toBe(400);
    expect(badLink.body.errors).toEqual([expect.objectContaining({ field: 'fileRef' })]);

    // Issue 26: the report has its own form (text and file); the inbox's free-text «Результат» does not submit it.
    const fromInbox = await system.request('POST', `/tasks/${theirs.taskId}/complete`, as.mentee, {
      result: 'Посетила три урока наставника, подготовила карту урока',
    });
    expect(fromInbox.status).toBe(422);
    expect(fromInbox.body.code).toBe('pair.task.periodicReportForm');
    const theirsSubmitted = await system.request('POST', `/pairs/${pairId}/periodic-reports`, as.mentee, {
      taskId: theirs.taskId,
      text: 'Посетила три урока наставника, подготовила карту урока',
    });
    expect(theirsSubmitted.status).toBe(200);
    const submitted = await system.request('POST', `/pairs/${pairId}/periodic-reports`, as.mentor, {
      taskId: mine.taskId,
      text: 'Проведены два совместных занятия',
      fileRef: 'https://disk.example.ru/reports/period-1.pdf',
    });
    expect(submitted.status).toBe(200);
    const after = await system.eventually(reports, (r) =>
      (r.body.reports ?? []).every((x: Report) => x.status === 'submitted'),
    );
    expect(reportOf(after.body, 'mentor')).toMatchObject({ status: 'submitted' });
  });

  it('the curator accepts one report and returns the other with a comment: the author’s task is raised again', async () => {
    const listed = (await reports()).body;
    const mine = reportOf(listed, 'mentor')!;
    const theirs = reportOf(listed, 'mentee')!;
    expect(
      (
        await decide(as.mentor, {
          taskId: theirs.taskId,
          decision: 'accepted',
        })
      ).status,
    ).toBe(403);
    const accepted = await decide(as.curator, {
      taskId: theirs.taskId,
      decision: 'accepted',
    });
    expect(accepted.status).toBe(200);
    const noComment = await decide(as.curator, {
      taskId: mine.taskId,
      decision: 'returned',
    });
    expect(noComment.status).toBe(422);
    expect(noComment.body.unmet.map((u: { code: string }) => u.code)).toEqual(['report.comment.empty']);
    const returned = await decide(as.curator, {
      taskId: mine.taskId,
      decision: 'returned',
      comment: 'Добавьте итоги открытого урока',
    });
    expect(returned.status).toBe(200);
    const again = await decide(as.curator, {
      taskId: mine.taskId,
      decision: 'accepted',
    });
    expect(again.status).toBe(422);

    const after = (await system.eventually(reports, (r) => reportOf(r.body, 'mentor', 'pending') !== undefined)).body;
    expect(reportOf(after, 'mentee')).toMatchObject({ status: 'accepted', decidedBy: curator });
    expect(reportOf(after, 'mentor', 'returned')).toMatchObject({ comment: 'Добавьте итоги открытого урока' });
    expect(reportOf(after, 'mentor', 'pending')).toMatchObject({ period: 1, dueLocalDate: day(5) });
  });

  it('the pair’s end cancels the open report tasks', async () => {
    const terminated = await system.request('POST', `/pairs/${pairId}/terminate`, as.director, {
      reason: 'Увольнение наставляемого',
      order: { number: '31-к', date: day(0), signedBy: 'Директор' },
    });
    expect(terminated.status).toBe(200);
    const after = (await system.eventually(reports, (r) => reportOf(r.body, 'mentor', 'pending') === undefined)).body;
    expect(reportOf(after, 'mentor', 'pending')).toBeUndefined();
    expect(after.reports.filter((r: Report) => r.status === 'cancelled')).toHaveLength(1);
  });
});

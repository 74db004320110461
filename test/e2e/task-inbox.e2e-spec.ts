import { randomUUID } from 'node:crypto';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { addDays, addMonths, localDay } from '../support/dates';
import { lecturerMentor, selectParticipants } from '../support/participants';
import { addPerson } from '../support/people';
import {
  formPair,
  organisationWith,
  personalProgrammePlan,
  places,
  registerOrganisation,
  startProgramme,
} from '../support/programme-setup';
import type { Browser } from 'playwright-core';
import type { TestSystem } from '../support/system';
import * as web from '../support/web';

const place = places.kazanCollege;
/** Dates relative to the real now, in the organisation's zone. */
const day = (offsetDays: number) => localDay(place.timeZone, offsetDays);

interface InboxTask {
  taskId: string;
  kind: string;
  status: string;
  assignee: { personId: string; role: string };
  assigneeName?: string;
  subjectNames?: string[];
  subjectTitle?: string;
  dueAt?: string;
  workingDaysText: string;
  canReassign: boolean;
}
interface Inbox {
  items: InboxTask[];
  counts: { all: number; overdue: number; week: number; byKind: Record<string, number> };
}

/**
 * Issue 27 «The inbox», through HTTP: filters with their counts, the search by the name of whom a task
 * concerns, the working days left, and a curator passing a mentor's tasks on with a reason — one, and all
 * of a mentor going on leave — recorded in the pair's history.
 */
describe('the task inbox: filters, counts, search, reassignment', () => {
  let system: TestSystem;
  let browser: Browser;
  let as: { director: string; curator: string; mentor: string; mentor2: string; mentee: string; otherCurator: string };
  const curatorId = randomUUID();
  const people: Record<'mentor' | 'mentor2' | 'mentee', string> = { mentor: '', mentor2: '', mentee: '' };
  let pairId: string;
  const start = day(-45);

  beforeAll(async () => {
    await loadFixtureYearsAhead();
    ({ system, browser } = await web.startWebJourney());
    const admin = randomUUID();
    const setUp = await organisationWith(
      system,
      place,
      { director: [randomUUID(), 'director'], curator: [curatorId, 'curator'] },
      admin,
    );
    const organisationId = setUp.organisationId;
    as = { ...setUp.as, mentor: '', mentor2: '', mentee: '', otherCurator: '' };
    for (const [who, surname, firstName, patronymic] of [
      ['mentor', 'Иванова', 'Мария', 'Петровна'],
      ['mentor2', 'Смирнова', 'Анна', 'Викторовна'],
      ['mentee', 'Петров', 'Илья', 'Сергеевич'],
    ] as const) {
      people[who] = await addPerson(system, organisationId, as.curator, surname, { firstName, patronymic });
    }
    as.mentor = system.token(people.mentor, ['mentor'], [organisationId]);
    as.mentor2 = system.token(people.mentor2, ['mentor'], [organisationId]);
    as.mentee = system.token(people.mentee, ['mentee'], [organisationId]);
    const other = (await registerOrganisation(system, system.token(admin, ['administrator']), places.vladivostok)).body;
    as.otherCurator = system.token(randomUUID(), ['curator'], [other.organisationId as string]);
    await system.usersStored();

    const { programmeId } = await startProgramme(system, organisationId, as.director, curatorId);
    await selectParticipants(system, programmeId, as.curator, [
      lecturerMentor(people.mentor),
      lecturerMentor(people.mentor2),
      { personId: people.mentee, role: 'mentee' },
    ]);
    const formed = await formPair(system, programmeId, as.director, people.mentor, people.mentee, {
      mentorConsent: day(-48),
      menteeConsent: day(-48),
      order: { number: '27-к', date: day(-47) },
      term: { start, end: addMonths(start, 12) },
    });
    expect(formed.status).toBe(201);
    pairId = formed.body.state.pairId as string;
    // Monthly reports from 45 days ago: the first period's report is overdue, the mentor's final report is not.
    const approved = await system.request('POST', `/pairs/${pairId}/personal-programme`, as.curator, {
      ...personalProgrammePlan(start, addDays(addMonths(start, 6), -1), addMonths(start, 3)),
      controller: { personId: curatorId, role: 'curator' },
    });
    expect(approved.status).toBe(200);
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  const inbox = (token: string, query = '') => system.request('GET', `/tasks/inbox?${query}`, token);
  const mentorTasks = (token: string, query = '') =>
    system.eventually(
      () => inbox(token, query),
      (r) =>
        r.status === 200 && (r.body as Inbox).items.some((t) => t.kind === 'periodicReport' && t.status === 'overdue'),
    );

  it('filters by kind and overdue, with the counts of every filter; sorted by due date; the working days in words', async () => {
    // Read once both report periods' tasks are in (the first overdue, the current one open): the workflow raises
    // them one after the other, and a read between them made the two reads below count differently.
    const all = (
      await system.eventually(
        () => inbox(as.mentor),
        (r) =>
          r.status === 200 &&
          (r.body as Inbox).items.some((t) => t.kind === 'periodicReport' && t.status === 'overdue') &&
          (r.body as Inbox).counts.byKind.periodicReport >= 2,
        30_000,
      )
    ).body as Inbox;
    expect(all.items.length).toBeGreaterThanOrEqual(2);
    expect(all.counts.all).toBe(all.items.length);
    expect(all.counts.overdue).toBe(all.items.filter((t) => t.status === 'overdue').length);
    expect(all.counts.byKind.periodicReport).toBeGreaterThanOrEqual(2);
    const dues = all.items.map((t) => t.dueAt ?? '~');
    expect(dues).toEqual([...dues].sort());
    const overdue = all.items.find((t) => t.status === 'overdue')!;
    expect(overdue.workingDaysText).toMatch(/^просрочено на \d+ раб\. дн\.$/);
    expect(all.items.find((t) => t.status === 'open')?.workingDaysText).toMatch(
      /^осталось \d+ раб\. дн\.$|^срок сегодня$/,
    );

    const onlyOverdue = (await inbox(as.mentor, 'overdue=true')).body as Inbox;
    expect(onlyOverdue.items.map((t) => t.status)).toEqual(onlyOverdue.items.map(() => 'overdue'));
    expect(onlyOverdue.items.length).toBe(all.counts.overdue);
    // The counts do not depend on the filter chosen: the chips keep their numbers.
    expect(onlyOverdue.counts).toEqual(all.counts);
    const reports = (await inbox(as.mentor, 'kind=periodicReport')).body as Inbox;
    expect(reports.items.length).toBe(all.counts.byKind.periodicReport);
    expect(new Set(reports.items.map((t) => t.kind))).toEqual(new Set(['periodicReport']));
    const descending = (await inbox(as.mentor, 'sort=-due')).body as Inbox;
    expect(descending.items.map((t) => t.taskId)).toEqual(all.items.map((t) => t.taskId).reverse());
    // The old list keeps its shape, with the same filters.
    const list = await system.request('GET', '/tasks?overdue=true', as.mentor);
    expect(list.body.map((t: InboxTask) => t.taskId)).toEqual(onlyOverdue.items.map((t) => t.taskId));
  });

  it('finds tasks by the name of the person they concern, and names the pair', async () => {
    const found = (await inbox(as.mentor, `q=${encodeURIComponent('петров')}`)).body as Inbox;
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items[0]).toEqual(
      expect.objectContaining({
        subjectNames: ['Петров И. С.'],
        subjectTitle: 'Пара: Иванова М. П. — Петров И. С.',
      }),
    );
    expect(found.counts.all).toBe(found.items.length);
    // Any part of the name, from its start: the mentee's first name finds the pair's tasks too.
    const byFirstName = (await inbox(as.mentor, `q=${encodeURIComponent('Илья')}`)).body as Inbox;
    expect(byFirstName.items.length).toBeGreaterThan(0);
    expect(byFirstName.items.every((t) => t.subjectNames?.includes('Петров И. С.'))).toBe(true);
    const nobody = (await inbox(as.mentor, `q=${encodeURIComponent('Сидоренко')}`)).body as Inbox;
    expect(nobody).toEqual(expect.objectContaining({ items: [], counts: expect.objectContaining({ all: 0 }) }));
  });

  it('refuses a bad filter value with 400 naming the field', async () => {
    for (const [query, field] of [
      ['overdue=maybe', 'overdue'],
      ['due=month', 'due'],
      ['kind=holiday', 'kind'],
      ['scope=everyone', 'scope'],
      ['sort=name', 'sort'],
      ['organisationId=42', 'organisationId'],
    ] as const) {
      const response = await inbox(as.mentor, query);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field, message: expect.stringMatching(/[А-Яа-я]/) }),
      ]);
    }
  });

  it('in the browser, the mentor’s report tasks open their forms on the pair’s page, never a free-text «Результат»', async () => {
    await mentorTasks(as.mentor);
    const { context, page } = await web.signedInPage(browser, as.mentor);
    await page.goto(`${system.baseUrl}/app/tasks`);
    // Issue 26: «Отметить выполненной» with a free text once recorded the final report and periodic reports.
    const finalReport = page.locator('li.task').filter({ hasText: 'Отчёт наставника по итогам наставничества' });
    await finalReport.getByRole('link', { name: 'Написать итоговый отчёт' }).waitFor();
    await expect(finalReport.getByRole('button', { name: 'Отметить выполненной' }).count()).resolves.toBe(0);
    const report = page.locator('li.task').filter({ hasText: 'Периодический отчёт' }).first();
    await expect(report.getByRole('button', { name: 'Отметить выполненной' }).count()).resolves.toBe(0);
    await report.getByRole('link', { name: 'Написать отчёт' }).click();
    await page.getByRole('heading', { name: /^Пара: Иванова М\. П\..* — Петров И\. С\./, level: 1 }).waitFor();
    await page.getByRole('form', { name: 'Периодический отчёт' }).getByLabel('Текст отчёта').waitFor();
    await context.close();
  });

  it('in the browser, the curator filters her staff’s overdue tasks, finds one by name and passes it on', async () => {
    await mentorTasks(as.curator, 'scope=team&overdue=true');
    const { context, page } = await web.signedInPage(browser, as.curator);
    await page.goto(`${system.baseUrl}/app/`);
    await page.getByRole('link', { name: 'Мои задачи' }).click();
    await page.getByRole('button', { name: 'Задачи сотрудников' }).click();
    await page.getByRole('button', { name: /^Просроченные \(\d+\)$/ }).click();
    await page.getByLabel('Поиск по ФИО или коду ИОМ').fill('Петров');
    const card = page
      .locator('li.task')
      .filter({ hasText: 'Иванова М. П.' })
      .filter({ hasText: 'Периодический отчёт' });
    await card.first().waitFor();
    await expect(card.first().getByRole('link', { name: 'Пара: Иванова М. П. — Петров И. С.' }).count()).resolves.toBe(
      1,
    );
    await expect(card.first().locator('.days-left').textContent()).resolves.toMatch(/^просрочено на \d+ раб\. дн\.$/);
    await web.screenshot(page, 'curator-inbox-team');
    const taskId = (await card.first().getAttribute('data-task-id')) as string;

    const moved = page.locator(`[data-task-id="${taskId}"]`);
    await moved.locator('summary', { hasText: 'Передать' }).click();
    const form = moved.getByRole('form', { name: 'Передать задачу' });
    await form.getByRole('button', { name: 'Передать задачу' }).click();
    await form.getByText('Укажите причину').first().waitFor();
    await form.getByRole('combobox', { name: 'Кому передать' }).fill('Смирн');
    await form.getByRole('option', { name: /^Смирнова Анна Викторовна/ }).click();
    await form.getByLabel('Причина').fill('Наставник на курсах повышения квалификации');
    await form.getByRole('button', { name: 'Передать задачу' }).click();
    await system.eventually(
      () => inbox(as.mentor2),
      (r) => (r.body as Inbox).items.some((t) => t.taskId === taskId),
    );
    await page.getByRole('button', { name: 'Обновить' }).click();
    await moved.filter({ hasText: 'Смирнова А. В.' }).waitFor();
    // Only passed on here: the colleague's task is done by its assignee.
    await expect(moved.getByRole('button', { name: 'Отметить выполненной' }).count()).resolves.toBe(0);
    await context.close();
  });

  it("the curator sees her staff's tasks by name and passes one on with a reason, in the pair's history", async () => {
    const team = (await inbox(as.curator, 'scope=team')).body as Inbox;
    const task = team.items.find((t) => t.assignee.personId === people.mentor)!;
    expect(task).toEqual(expect.objectContaining({ assigneeName: 'Иванова Мария Петровна', canReassign: true }));
    // The mentee's own tasks are not the curator's to move.
    expect(team.items.filter((t) => t.assignee.role === 'mentee')).toEqual([]);
    const mine = (await inbox(as.curator)).body as Inbox;
    expect(mine.items.some((t) => t.taskId === task.taskId)).toBe(false);

    const reassign = (token: string, body: Record<string, unknown>) =>
      system.request('POST', `/tasks/${task.taskId}/reassign`, token, body);
    const blank = await reassign(as.curator, { toPersonId: people.mentor2, reason: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors).toEqual([{ field: 'reason', constraint: 'matches', message: 'Укажите причину' }]);
    const missing = await reassign(as.curator, { toPersonId: people.mentor2, reason: '' });
    expect(missing.body.errors).toEqual([{ field: 'reason', constraint: 'isNotEmpty', message: 'Укажите причину' }]);
    expect((await reassign(as.otherCurator, { toPersonId: people.mentor2, reason: 'Отпуск' })).status).toBe(404);
    expect((await reassign(as.mentor, { toPersonId: people.mentor2, reason: 'Отпуск' })).status).toBe(403);
    const notMentor = await reassign(as.curator, { toPersonId: people.mentee, reason: 'Отпуск' });
    expect(notMentor.status).toBe(422);
    expect(notMentor.body.detail).toContain('Наставник');

    const moved = await reassign(as.curator, { toPersonId: people.mentor2, reason: 'Наставник на больничном' });
    expect(moved.status).toBe(200);
    await system.eventually(
      () => inbox(as.mentor2),
      (r) => (r.body as Inbox).items.some((t) => t.taskId === task.taskId),
    );
    expect(((await inbox(as.mentor)).body as Inbox).items.some((t) => t.taskId === task.taskId)).toBe(false);
    const history = await system.request('GET', `/pairs/${pairId}/history`, as.curator);
    expect(history.body).toContainEqual(
      expect.objectContaining({
        type: 'TaskReassigned',
        data: expect.objectContaining({
          taskId: task.taskId,
          from: { personId: people.mentor, role: 'mentor' },
          to: { personId: people.mentor2, role: 'mentor' },
          reason: 'Наставник на больничном',
          reassignedBy: curatorId,
        }),
      }),
    );
  });

  it('passes every open task of a mentor going on leave to another, in one request', async () => {
    const both = await system.request('POST', '/tasks/reassign', as.curator, {
      taskIds: [randomUUID()],
      fromPersonId: people.mentor,
      toPersonId: people.mentor2,
      reason: 'Отпуск',
    });
    expect(both.status).toBe(400);
    expect(both.body.errors).toEqual([expect.objectContaining({ field: 'taskIds' })]);
    // The tasks passed to the second mentor go back when she goes on leave.
    const held = ((await inbox(as.curator, 'scope=team')).body as Inbox).items.filter(
      (t) => t.assignee.personId === people.mentor2,
    );
    expect(held.length).toBeGreaterThanOrEqual(1);
    const bulk = await system.request('POST', '/tasks/reassign', as.curator, {
      fromPersonId: people.mentor2,
      toPersonId: people.mentor,
      reason: 'Ежегодный отпуск с 1 по 28 число',
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body).toEqual({ reassigned: expect.arrayContaining(held.map((t) => t.taskId)), refused: [] });
    await system.eventually(
      () => inbox(as.mentor2),
      (r) => (r.body as Inbox).items.length === 0,
    );
    const taken = ((await inbox(as.mentor)).body as Inbox).items.map((t) => t.taskId);
    expect(taken).toEqual(expect.arrayContaining(held.map((t) => t.taskId)));
    // Another organisation's curator moves nothing of this one.
    const foreign = await system.request('POST', '/tasks/reassign', as.otherCurator, {
      fromPersonId: people.mentor,
      toPersonId: people.mentor2,
      reason: 'Отпуск',
    });
    expect(foreign.body).toEqual({ reassigned: [], refused: [] });
  });
});

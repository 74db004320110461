import { freshIds } from '../support/ids';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { EventStore } from '@mentorflow/event-store';
import { formatLocalDate } from '../../apps/web/src/format';
import { fixtureCalendarXml, fixtureProductionCalendar, loadFixtureCalendarYears } from '../support/calendar-fixture';
import { openTestDataSource } from '../support/database';
import { registerOrganisation } from '../support/programme-setup';
import { recordDiagnosticsAt } from '../support/route-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

/**
 * Journey: diagnostics are recorded a week before the New Year when next year's production calendar is not
 * loaded yet. The command is accepted; the methodologist's draft task waits for its deadline and says why,
 * the administrator is asked once to load that year, loads it on the calendar screen, and the task gets its date.
 *
 * The test gives itself its clock and its calendar: the diagnostics are dated 21 December of a fixture year
 * far beyond the shipped data and beyond any year other specs load (they load up to next year), so the
 * following year is certainly missing whatever the date the suite runs.
 */
describe('web application: a deadline in a year without a calendar waits for the administrator to load it', () => {
  const TRIGGER_YEAR = 2040;
  const PENDING_YEAR = TRIGGER_YEAR + 1;
  const timeZone = 'Asia/Yekaterinburg';
  const recordedAt = `${TRIGGER_YEAR}-12-21T10:00:00+05:00`;
  const [methodologist, tutor, adminId] = freshIds(3);
  let system: TestSystem;
  let browser: Browser;
  let as: Record<'admin' | 'methodologist' | 'tutor', string>;
  let routeId: string;

  const draftTask = async () =>
    (await system.request('GET', '/tasks?kind=draftRoute', as.methodologist)).body.find(
      (t: { subject: { id: string } }) => t.subject.id === routeId,
    );
  const calendarTasks = async () =>
    (await system.request('GET', '/tasks?kind=loadCalendarYear', as.admin)).body.filter((t: { title: string }) =>
      t.title.includes(String(PENDING_YEAR)),
    );

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    const db = await openTestDataSource();
    await loadFixtureCalendarYears(new EventStore(db), [TRIGGER_YEAR]);
    await db.destroy();
    as = { admin: system.token(adminId, ['administrator']), methodologist: '', tutor: '' };
    const organisationId = (
      await registerOrganisation(system, as.admin, {
        name: 'МАОУ «Гимназия № 9»',
        municipality: 'г. Екатеринбург',
        region: 'Свердловская область',
        timeZone,
      })
    ).body.organisationId;
    as.methodologist = system.token(methodologist, ['methodologist'], [organisationId]);
    as.tutor = system.token(tutor, ['tutor'], [organisationId]);
    await system.usersStored();
    const created = await system.request('POST', `/organisations/${organisationId}/routes`, as.tutor, {
      teacherId: randomUUID(),
      methodologistId: methodologist,
      regionCode: '66',
      titlePage: {
        position: 'Учитель физики',
        education: 'Высшее педагогическое, УрГПУ, 2015',
        teachingExperienceYears: 9,
        selfEducationTopic: 'Исследовательские задачи на уроках физики',
        startDate: `${TRIGGER_YEAR}-09-01`,
        endDate: `${PENDING_YEAR + 1}-06-30`,
      },
      goal: 'Преодолеть дефицит ИКТ-компетенций',
      tasks: ['Освоить цифровую лабораторию'],
    });
    expect(created.status).toBe(201);
    routeId = created.body.state.routeId;
    // The API stamps a command with the present; the test records the diagnostics on its own date directly.
    await recordDiagnosticsAt(system, routeId, tutor, { date: recordedAt.slice(0, 10), now: recordedAt });
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  it('shows the methodologist a pending deadline, and the administrator one task to load the year', async () => {
    const task = (await system.eventually(draftTask, (t) => t !== undefined)) as Record<string, unknown>;
    expect(task).toMatchObject({ kind: 'draftRoute', status: 'open', deadlinePendingYear: PENDING_YEAR });
    expect(task.dueAt).toBeUndefined();

    const { context, page } = await web.signedInPage(browser, as.methodologist);
    await page.goto(`${system.baseUrl}/app/`);
    const card = page.locator(`[data-task-id="${task.taskId as string}"]`);
    await card.waitFor();
    await expect(card.locator('.deadline-pending').textContent()).resolves.toBe(
      `срок будет рассчитан после загрузки производственного календаря на ${PENDING_YEAR} год`,
    );
    await expect(card.textContent()).resolves.toContain('МАОУ «Гимназия № 9»');
    await web.screenshot(page, 'inbox-pending-deadline');
    await context.close();

    expect(await system.eventually(calendarTasks, (tasks) => tasks.length > 0)).toEqual([
      expect.objectContaining({ title: `Загрузить производственный календарь на ${PENDING_YEAR} год`, status: 'open' }),
    ]);
  });

  it('lets the administrator load the year from the task; the draft task then shows its due date', async () => {
    const { context, page } = await web.signedInPage(browser, as.admin);
    await page.goto(`${system.baseUrl}/app/`);
    await page.getByRole('link', { name: 'Мои задачи' }).click();
    const [calendarTask] = await calendarTasks();
    const card = page.locator(`[data-task-id="${calendarTask.taskId as string}"]`);
    await card.waitFor();
    await expect(card.locator('.task-title').textContent()).resolves.toBe(
      `Загрузить производственный календарь на ${PENDING_YEAR} год`,
    );
    await card.getByRole('link', { name: 'Загрузить календарь' }).click();

    await page.getByRole('heading', { name: 'Производственный календарь' }).waitFor();
    await page.getByTestId('calendar-horizon').waitFor();
    await expect(page.getByTestId('calendar-horizon').textContent()).resolves.toMatch(
      /^Календарь загружен по \d{4} год включительно\./,
    );
    await page.getByLabel('Файл календаря (XML, формат xmlcalendar)').setInputFiles({
      name: `${PENDING_YEAR}.xml`,
      mimeType: 'text/xml',
      buffer: Buffer.from(fixtureCalendarXml(PENDING_YEAR)),
    });
    await page.getByRole('button', { name: 'Загрузить', exact: true }).click();
    await page.getByText(`Календарь на ${PENDING_YEAR} год загружен`).waitFor();
    await page.getByRole('row', { name: new RegExp(`^${PENDING_YEAR}\\s*Загружен администратором`) }).waitFor();

    // The administrator's task is done by loading the year; it leaves the inbox (once the read model has the completion).
    expect(await system.eventually(calendarTasks, (tasks) => tasks.length === 0)).toEqual([]);
    await page.getByRole('link', { name: 'Мои задачи' }).click();
    await page.getByRole('heading', { name: 'Мои задачи' }).waitFor();
    // The count line or «Открытых задач нет.» appears once the list has loaded.
    await page.locator('p.hint, p.empty').filter({ hasText: /задач/ }).first().waitFor();
    await expect(page.locator(`[data-task-id="${calendarTask.taskId as string}"]`).count()).resolves.toBe(0);
    await context.close();

    // The workflow was woken by the load: the deadline is 10 working days from the original recording, in its zone.
    const due = fixtureProductionCalendar([TRIGGER_YEAR, PENDING_YEAR]).addWorkingDays(recordedAt, 10, timeZone);
    const task = await system.eventually(draftTask, (t) => t?.dueAt !== undefined, 30_000);
    expect(task).toMatchObject({ dueAt: due.dueAt, dueLocalDate: due.dueLocalDate });
    expect(task.deadlinePendingYear).toBeUndefined();

    const methodologistView = await web.signedInPage(browser, as.methodologist);
    await methodologistView.page.goto(`${system.baseUrl}/app/`);
    const card2 = methodologistView.page.locator(`[data-task-id="${task.taskId as string}"]`);
    await card2.waitFor();
    await expect(card2.textContent()).resolves.toContain(`до конца дня ${formatLocalDate(due.dueLocalDate)}`);
    await expect(card2.locator('.deadline-pending').count()).resolves.toBe(0);
    await methodologistView.context.close();
  });
});

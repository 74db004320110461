import { freshIds } from '../support/ids';
import type { Browser } from 'playwright-core';
import { localDateOf } from '@mentorflow/calendar';
import { competenceAreaLabels, competenceAreas } from '@mentorflow/domain';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { organisationWith, places } from '../support/programme-setup';
import {
  ictAndMethodicalDeficits,
  mathsTeacherTitlePage,
  recordDiagnosticsAt,
  routeBody,
} from '../support/route-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

const DAY = 86_400_000;

/** Journey 2: a methodologist finds an overdue route draft at the top of the inbox and completes it by submitting the draft. */
describe('web application: the methodologist completes an overdue draft task', () => {
  let system: TestSystem;
  let browser: Browser;
  const timeZone = 'Europe/Samara';
  const [admin, curator, tutor, methodologist, teacher] = freshIds(5);
  let organisationId: string;
  let routeId: string;
  let draftTaskId: string;
  let as: Record<'tutor' | 'methodologist', string>;

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    // Deadlines and the inbox's working days reach into next year: fixture years for any the shipped data lacks.
    await loadFixtureYearsAhead();
    ({ organisationId, as } = await organisationWith(system, places.tolyatti, { tutor, methodologist }, admin));
    await system.request('POST', `/organisations/${organisationId}/staff`, system.token(admin, ['administrator']), {
      personId: curator,
      role: 'curator',
    });
    const today = localDateOf(new Date(), timeZone);
    const created = await system.request(
      'POST',
      `/organisations/${organisationId}/routes`,
      as.tutor,
      routeBody(teacher, methodologist, mathsTeacherTitlePage(today, `${Number(today.slice(0, 4)) + 4}-06-30`), {
        goal: 'Преодолеть дефицит ИКТ-компетенций',
      }),
    );
    expect(created.status).toBe(201);
    routeId = created.body.state.routeId;

    // The diagnostics were recorded 25 days ago, so the 10-working-day draft deadline has passed. The API stamps
    // commands with the present, so the test sends this one update to the route workflow directly, dated in the past;
    // the workflow's own timer then marks the draft overdue and escalates it, as it would have in real time.
    const past = new Date(Date.now() - 25 * DAY).toISOString();
    await recordDiagnosticsAt(system, routeId, tutor, {
      date: localDateOf(past, timeZone),
      now: past,
      results: ictAndMethodicalDeficits(),
    });
    const inbox = await system.eventually(
      () => system.request('GET', '/tasks', as.methodologist),
      (r) => r.body.some((t: { kind: string; status: string }) => t.kind === 'draftRoute' && t.status === 'overdue'),
    );
    draftTaskId = inbox.body.find((t: { kind: string }) => t.kind === 'draftRoute').taskId;
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  it('highlights the overdue draft with working days, and closes it when the methodologist submits the draft', async () => {
    const { context, page } = await web.signedInPage(browser, as.methodologist);
    await page.goto(`${system.baseUrl}/app/`);
    await page.getByRole('heading', { name: 'Мои задачи' }).waitFor();
    await expect(web.menuLinks(page)).resolves.toEqual(['Мои задачи', 'ИОМ', 'Банк практик', 'Настройки уведомлений']);

    const card = page.locator(`[data-task-id="${draftTaskId}"]`);
    await card.waitFor();
    await expect(card.getAttribute('class')).resolves.toContain('task-overdue');
    await expect(card.textContent()).resolves.toContain('Просрочена');
    // Counted on the production calendar in Samara time: a number of working days, past due.
    await expect(card.locator('.days-left').textContent()).resolves.toMatch(/^просрочено на \d+ раб\. дн\.$/);
    await web.screenshot(page, 'methodologist-inbox');
    await page.setViewportSize(web.phone);
    await web.screenshot(page, 'phone-inbox');
    await page.setViewportSize(web.laptop);

    await card.getByRole('link', { name: 'Составить проект ИОМ' }).click();
    const draft = page.locator('#draft');
    await draft.waitFor();
    await expect(draft.textContent()).resolves.toContain('истёк');
    // The form starts with one row per diagnosed deficit (ИКТ, методические).
    await expect(draft.locator('fieldset').count()).resolves.toBe(2);
    await expect(draft.getByLabel('Компетенция').first().inputValue()).resolves.toBe('methodical');

    // Submitting blanks is refused by the API, field by field, and the task stays open.
    await draft.getByRole('button', { name: 'Передать проект тьютору' }).click();
    await draft.locator('.field-invalid').first().waitFor();
    await expect(draft.locator('.field-invalid label').allTextContents()).resolves.toEqual([
      'Часы',
      'Срок',
      'Часы',
      'Срок',
    ]);
    await expect(draft.locator('.field-invalid .field-error').first().textContent()).resolves.not.toBe('');
    expect(
      (await system.request('GET', `/routes/${routeId}`, as.methodologist)).body.draft.submittedAt,
    ).toBeUndefined();

    const deadline = localDateOf(new Date(Date.now() + 120 * DAY), timeZone);
    const rows = draft.locator('fieldset');
    for (const [i, activity] of [
      'Курс «Методика преподавания математики по ФГОС»',
      'Курс «Цифровые инструменты учителя»',
    ].entries()) {
      const row = rows.nth(i);
      await row.getByLabel('Мероприятие', { exact: true }).fill(activity);
      await row.getByLabel('Решаемые задачи').fill('Освоить современные приёмы');
      await row.getByLabel('Часы').fill('36');
      await web.fillDate(row.getByLabel('Срок'), deadline);
    }
    await draft.getByRole('button', { name: 'Передать проект тьютору' }).click();
    await page.getByText('Проект ИОМ передан тьютору. Задача выполнена.').waitFor();

    const route = await system.eventually(
      () => system.request('GET', `/routes/${routeId}`, as.methodologist),
      (r) => r.body.draft?.submittedAt !== undefined,
    );
    expect(route.body.draft).toMatchObject({ taskId: draftTaskId, onTime: false });
    await system.eventually(
      () => system.request('GET', '/tasks', as.methodologist),
      (r) => r.body.every((t: { taskId: string }) => t.taskId !== draftTaskId),
    );
    await page.getByRole('link', { name: 'Мои задачи' }).click();
    await page.getByText('Открытых задач нет.').waitFor();
    await context.close();
  });

  it('counts working days on the production calendar for the inbox, and says when a year has no calendar', async () => {
    const days = (dates: string, timeZone = 'Europe/Samara') =>
      system.request('GET', `/calendar/working-days?${new URLSearchParams({ timeZone, dates })}`, as.methodologist);
    const today = localDateOf(new Date(), timeZone);
    expect((await days(today)).body).toMatchObject({ today, days: { [today]: 0 }, missingYears: [] });
    const answer = await days('2099-01-15');
    expect(answer.status).toBe(200);
    // Counting stops at the first year without a calendar (the first after the shipped and fixture years): no Mon–Fri guess.
    expect(answer.body).toMatchObject({ timeZone: 'Europe/Samara', days: { '2099-01-15': null } });
    expect(answer.body.missingYears).toHaveLength(1);
    expect(answer.body.missingYears[0]).toBeGreaterThanOrEqual(2027);
    const bad = await days('14.05.2026', 'Mars/Olympus');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('dates');
    const zone = await days('2026-05-14', 'Mars/Olympus');
    expect(zone.status).toBe(400);
    expect(zone.body.errors).toEqual([
      expect.objectContaining({ field: 'timeZone', message: 'Неизвестный часовой пояс IANA' }),
    ]);
  });

  it('shows the route with stages, title page, road map and competences before and after, on a laptop and a phone', async () => {
    // The tutor agrees the road map, starts reflection and records control diagnostics on the route page.
    const today = localDateOf(new Date(), timeZone);
    const tutorSession = await web.signedInPage(browser, as.tutor);
    const tutorPage = tutorSession.page;
    await tutorPage.goto(`${system.baseUrl}/app/routes/${routeId}`);
    const actions = tutorPage.locator('#actions');
    const agree = actions.getByRole('form', { name: 'Согласовать дорожную карту' });
    await agree.waitFor();
    // The methodologist's commands are not offered to the tutor, and the teacher's portfolio form neither.
    await expect(tutorPage.locator('#draft').count()).resolves.toBe(0);
    await agree.getByRole('button', { name: 'Согласовать дорожную карту' }).click();
    await agree.locator('.field-invalid').first().waitFor();
    await expect(agree.locator('.field-invalid label').allTextContents()).resolves.toContain('Дата контрольной точки');
    await web.fillDate(
      agree.getByLabel('Дата контрольной точки'),
      localDateOf(new Date(Date.now() + 90 * DAY), timeZone),
    );
    await agree.getByLabel('Что проверяется').fill('Курсы пройдены');
    await agree.getByRole('button', { name: 'Согласовать дорожную карту' }).click();
    await tutorPage.getByText('Дорожная карта согласована: маршрут реализуется').waitFor();
    // The notice shows as the page reloads the route: wait for the reloaded stage rather than read it at once.
    await tutorPage.locator('.stage-track [aria-current="step"]', { hasText: 'Реализационный' }).waitFor();

    // The route's teacher reports a result into the portfolio against a road-map row.
    const teacherSession = await web.signedInPage(browser, system.token(teacher, ['mentee'], [organisationId]));
    await teacherSession.page.goto(`${system.baseUrl}/app/routes/${routeId}`);
    const portfolio = teacherSession.page.getByRole('form', { name: 'Добавить результат в портфолио' });
    await portfolio.waitFor();
    await expect(
      teacherSession.page.getByRole('form', { name: 'Перейти к рефлексивному этапу' }).count(),
    ).resolves.toBe(0);
    await portfolio.getByLabel('Мероприятие дорожной карты').selectOption({ index: 1 });
    await portfolio.getByLabel('Продукт (что сделано)').fill('Разработка урока алгебры с цифровым тренажёром');
    await portfolio.getByLabel('Самооценка').fill('Ученики работали активнее');
    await portfolio.getByRole('button', { name: 'Добавить в портфолио' }).click();
    await teacherSession.page.getByText('Запись добавлена в портфолио').waitFor();
    await teacherSession.page
      .locator('.portfolio')
      .getByText('Разработка урока алгебры с цифровым тренажёром')
      .waitFor();
    await teacherSession.context.close();

    await actions.locator('summary', { hasText: 'Перейти к рефлексивному этапу' }).click();
    await actions.getByLabel('Комментарий (необязательно)').fill('Мероприятия выполнены');
    await actions.getByRole('button', { name: 'Начать рефлексию' }).click();
    await tutorPage.getByText('Маршрут на рефлексивном этапе').waitFor();

    const control = actions.getByRole('form', { name: 'Записать результаты контрольной диагностики' });
    await control.waitFor();
    // Today in the organisation's zone: the form's own clock may have passed its midnight since `today` was taken.
    const shownDate = await web.dateIn(control.getByLabel('Дата диагностики'));
    expect([today, localDateOf(new Date(), timeZone)]).toContain(shownDate);
    for (const area of competenceAreas) {
      await control
        .getByLabel(competenceAreaLabels[area], { exact: true })
        .fill(String(area === 'ict' ? 62 : area === 'methodical' ? 58 : 84));
    }
    await control.getByRole('button', { name: 'Записать диагностику' }).click();
    await tutorPage.getByText('Результаты контрольной диагностики записаны').waitFor();
    await actions.locator('summary', { hasText: 'Завершить маршрут' }).waitFor();
    await web.expectAccessible(tutorPage);
    await tutorSession.context.close();
    const stored = await system.eventually(
      () => system.request('GET', `/routes/${routeId}`, as.methodologist),
      (r) => r.body.controlDiagnostics !== undefined,
    );
    expect(stored.body.controlPoints).toEqual([expect.objectContaining({ description: 'Курсы пройдены' })]);

    const { context, page } = await web.signedInPage(browser, as.methodologist);
    await page.goto(`${system.baseUrl}/app/routes/${routeId}`);
    await page.getByRole('heading', { name: 'Уровень компетенций' }).waitFor();
    await expect(page.locator('.stage-track [aria-current="step"]').textContent()).resolves.toContain('Рефлексивный');
    await expect(page.getByRole('heading', { name: 'Титульный лист' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('section[aria-labelledby="road-map"] table').textContent()).resolves.toContain(
      'Курс «Цифровые инструменты учителя»',
    );
    // Nine areas, each with an initial and a control bar; the ИКТ change is readable in the chart's description.
    await expect(page.locator('svg .bar-initial').count()).resolves.toBe(9);
    await expect(page.locator('svg .bar-control').count()).resolves.toBe(9);
    await expect(page.locator('svg desc').textContent()).resolves.toContain('ИКТ-компетенции: 35 % → 62 %');
    await web.screenshot(page, 'route-page');

    // On a phone the page keeps to the screen's width; wide tables scroll inside their own box.
    await web.expectFitsPhone(page, 'Уровень компетенций', 'phone-route');
    await context.close();
  });
});

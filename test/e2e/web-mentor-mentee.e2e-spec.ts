import type { Browser, Page } from 'playwright-core';
import { freshIds } from '../support/ids';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { addDays, addMonths, localDay } from '../support/dates';
import { namedPairInCollege, personalProgrammePlan, places } from '../support/programme-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

const { timeZone } = places.kazanCollege;
/** Dates relative to the real now, in the organisation's zone. */
const day = (offsetDays: number) => localDay(timeZone, offsetDays);
/** дд.мм.гггг of a YYYY-MM-DD date, as the app shows dates inside sentences. */
const ru = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

interface Task {
  taskId: string;
  kind: string;
  assignee: { role: string };
}

/**
 * Issue 26, the mentor and the mentee through a pair's term in the browser: «Мои пары» / «Моя пара», the
 * programme's activities with their progress, the diary, dated assignments, periodic reports, the mentee's
 * reports and the mentor's final report as its own confirmed form; the commission head decides the reports.
 * The organisation, programme and pair are set up through HTTP.
 */
describe('web application: a mentor and a mentee work through their pair', () => {
  let system: TestSystem;
  let browser: Browser;
  const [admin] = freshIds(1);
  let as: Record<'director' | 'curator' | 'head' | 'mentor' | 'mentee', string>;
  let pairId: string;
  const start = day(-10);
  const pastActivity = day(-3);
  const nextActivity = day(20);

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    await loadFixtureYearsAhead();
    const pair = await namedPairInCollege(system);
    ({ as, pairId } = pair);
    const plan = personalProgrammePlan(start, addDays(addMonths(start, 6), -1), pastActivity);
    const approved = await system.request('POST', `/pairs/${pairId}/personal-programme`, as.curator, {
      ...plan,
      activities: [...plan.activities, { title: 'Совместное занятие с наставником', plannedDate: nextActivity }],
      controller: { personId: pair.head, role: 'commissionHead' },
    });
    expect(approved.status).toBe(200);
    // The first report period opens at the approval: both report tasks are the pair's.
    await system.eventually(
      () => system.request('GET', `/pairs/${pairId}/periodic-reports`, as.head),
      (r) => (r.body.reports ?? []).length === 2,
    );
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  // Who may read the staff directory also sees its note on a person without a consent to processing.
  const pairName = /Иванова М\. П\..* — Петров И\. С\./;
  const openOwnPair = (page: Page, menu: string) => web.openPairFromMenu(page, system.baseUrl, menu, pairName);

  it('the mentor sees «Мои пары», the programme with done/overdue, writes the diary, assigns and reports', async () => {
    const { context, page } = await web.signedInPage(browser, as.mentor);
    await page.goto(`${system.baseUrl}/app/pairs`);
    await page.getByRole('heading', { name: 'Мои пары', level: 1 }).waitFor();
    await page.getByText(`Ближайшее мероприятие: Совместное занятие с наставником, `).waitFor();
    await openOwnPair(page, 'Мои пары');

    const activities = page.getByRole('table', { name: 'Мероприятия программы' });
    await activities.getByRole('row', { name: /Открытый урок наставляемого .* Просрочено/ }).waitFor();
    await activities.getByRole('row', { name: /Совместное занятие с наставником .* Запланировано/ }).waitFor();
    await page.getByText('Отчёт наставника по итогам наставничества').first().waitFor();

    const diary = page.getByRole('form', { name: 'Запись в дневнике' });
    await web.fillDate(diary.getByLabel('Дата'), day(-1));
    await diary.getByLabel('Текст').fill('Посетила урок Ильи Сергеевича, разобрали организацию дисциплины');
    await diary.getByRole('button', { name: 'Записать в дневник' }).click();
    await diary.getByText('Запись добавлена в дневник').waitFor();
    const entries = page.getByRole('list', { name: 'Записи дневника' });
    await entries.getByText('Посетила урок Ильи Сергеевича, разобрали организацию дисциплины').waitFor();

    const assignment = page.getByRole('form', { name: 'Задание наставляемому' });
    await assignment.getByLabel('Задание').fill('Подготовить технологическую карту урока');
    await web.fillDate(assignment.getByLabel('Срок'), day(7));
    await assignment.getByLabel('Мероприятие программы (необязательно)').selectOption({ index: 2 });
    await assignment.getByRole('button', { name: 'Выдать задание' }).click();
    await assignment.getByText('Задание выдано').waitFor();
    await page
      .locator('#assignments')
      .getByText(new RegExp(`Подготовить технологическую карту урока — Петров И\\. С\\..*, срок ${ru(day(7))}`))
      .waitFor();
    await activities.getByRole('row', { name: /Совместное занятие с наставником .* В работе/ }).waitFor();

    const report = page.getByRole('form', { name: 'Периодический отчёт' });
    await report.getByLabel('Текст отчёта').fill('Проведено совместное занятие, посещён урок наставляемого');
    await report.getByRole('button', { name: 'Представить отчёт' }).click();
    await page.getByText('Отчёт представлен').waitFor();
    await page.getByText(/Отчёт наставника Иванова М\. П\..* за период .*: представлен/).waitFor();

    await web.expectAccessible(page);
    await web.screenshot(page, 'mentor-pair');

    // A diary entry is a fact: a date after today is refused naming what is wrong, nothing recorded.
    await web.fillDate(diary.getByLabel('Дата'), day(3));
    await diary.getByLabel('Текст').fill('Запись из будущего');
    await diary.getByRole('button', { name: 'Записать в дневник' }).click();
    await diary.getByText('Дата записи ещё не наступила').waitFor();
    await expect(entries.getByRole('listitem').count()).resolves.toBe(1);
    await context.close();
  });

  it('the mentee sees «Моя пара» on a phone: the mentor, the programme, what is due; reports and sees the assignment', async () => {
    const { context, page } = await web.signedInPage(browser, as.mentee, web.phone);
    await openOwnPair(page, 'Моя пара');
    const due = page.locator('.due-list');
    await due.getByText('Задание наставника').waitFor();
    await due.getByText('Периодический отчёт').waitFor();
    await page.getByText('Иванова Мария Петровна').or(page.getByText('Иванова М. П.')).first().waitFor();
    await page.locator('#assignments').getByText('Подготовить технологическую карту урока').waitFor();
    // The mentor's diary is hers: the mentee does not read it.
    await expect(page.getByRole('heading', { name: 'Дневник наставника' }).count()).resolves.toBe(0);

    const own = page.getByRole('form', { name: 'Отчёт наставляемого' });
    await own.getByLabel('Текст').fill('Подготовила конспект открытого урока');
    await own.getByRole('button', { name: 'Отправить отчёт' }).click();
    await own.getByText('Отчёт отправлен наставнику').waitFor();
    await page
      .getByRole('list', { name: 'Отчёты наставляемого' })
      .getByText('Подготовила конспект открытого урока')
      .waitFor();

    const report = page.getByRole('form', { name: 'Периодический отчёт' });
    await report.getByLabel('Текст отчёта').fill('Посетила три урока наставника');
    await report.getByRole('button', { name: 'Представить отчёт' }).click();
    await page.getByText('Отчёт представлен').waitFor();

    await web.expectFitsWidth(page);
    await web.expectAccessible(page);
    await web.screenshot(page, 'mentee-pair-phone');
    await context.close();
  });

  it('through HTTP: each reads only the entries they may; the inbox does not take a final report as a free text', async () => {
    const entries = (token: string) => system.request('GET', `/pairs/${pairId}/entries?limit=10`, token);
    const kinds = (r: { body: { items: { kind: string }[] } }) => r.body.items.map((e) => e.kind).sort();
    expect(kinds(await entries(as.mentor))).toEqual(['diary', 'menteeReport']);
    expect(kinds(await entries(as.head))).toEqual(['diary', 'menteeReport']);
    const mentee = await entries(as.mentee);
    expect(mentee.body).toMatchObject({
      total: 1,
      items: [{ kind: 'menteeReport', authorName: 'Петров Илья Сергеевич' }],
    });

    const inbox = await system.eventually(
      () => system.request('GET', '/tasks', as.mentor),
      (r) => Array.isArray(r.body) && r.body.some((t: Task) => t.kind === 'finalControl'),
    );
    const finalReport = (inbox.body as Task[]).find((t) => t.kind === 'finalControl')!;
    // Before issue 26 this recorded the text as the conclusion, with no proposals and no confirmation.
    const byText = await system.request('POST', `/tasks/${finalReport.taskId}/complete`, as.mentor, {
      result: 'Требуется продолжить наставничество',
    });
    expect(byText.status).toBe(422);
    expect(byText.body.code).toBe('pair.task.mentorReportForm');
    const pair = await system.request('GET', `/pairs/${pairId}`, as.mentor);
    expect(pair.body.mentorFinalReport).toBeUndefined();
  });

  it('the mentor’s final-report task opens its own form: conclusion, proposals, a confirmation', async () => {
    const { context, page } = await web.signedInPage(browser, as.mentor);
    await page.goto(`${system.baseUrl}/app/tasks`);
    const card = page.locator('.task', { hasText: 'Отчёт наставника по итогам наставничества' });
    await card.waitFor();
    await expect(card.getByRole('button', { name: 'Отметить выполненной' }).count()).resolves.toBe(0);
    await card.getByRole('link', { name: 'Написать итоговый отчёт' }).click();

    const form = page.getByRole('form', { name: 'Итоговый отчёт' });
    await form.getByLabel('Заключение об адаптации наставляемого').fill('Илья Сергеевич успешно адаптировался');
    await form.getByLabel('Предложения по дальнейшей работе').fill('Включить в методическое объединение');
    await form.getByRole('button', { name: 'Представить итоговый отчёт' }).click();
    const dialog = page.getByRole('dialog', { name: 'Представить итоговый отчёт?' });
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await expect(page.getByTestId('mentor-final-report').count()).resolves.toBe(0);
    await form.getByRole('button', { name: 'Представить итоговый отчёт' }).click();
    await dialog.getByRole('button', { name: 'Представить' }).click();

    const shown = page.getByTestId('mentor-final-report');
    await shown.getByText('Илья Сергеевич успешно адаптировался').waitFor();
    await shown.getByText('Включить в методическое объединение').waitFor();
    await context.close();
  });

  it('the commission head sees the pairs she supervises, reads the diary and accepts or returns the reports', async () => {
    const { context, page } = await web.signedInPage(browser, as.head);
    await openOwnPair(page, 'Пары под контролем');
    await page.getByRole('list', { name: 'Записи дневника' }).getByText('Посетила урок Ильи Сергеевича').waitFor();
    await page.getByTestId('mentor-final-report').getByText('Илья Сергеевич успешно адаптировался').waitFor();

    // The review tasks in her inbox lead to the same page, where the reports are decided.
    await page.getByRole('link', { name: 'Мои задачи' }).click();
    const review = page.locator('li.task', { hasText: 'Рассмотреть периодический отчёт' }).first();
    await review.getByRole('link', { name: 'Перейти к отчётам пары' }).click();
    await page.getByRole('heading', { name: new RegExp(`^Пара: ${pairName.source}`), level: 1 }).waitFor();
    const mentorReport = page.getByTestId('periodic-report-submitted').filter({ hasText: 'Отчёт наставника' });
    await mentorReport.getByRole('button', { name: 'Принять отчёт' }).click();
    await page.getByText('Отчёт принят').waitFor();
    const menteeReport = page.getByTestId('periodic-report-submitted').filter({ hasText: 'Отчёт наставляемого' });
    await menteeReport.getByLabel('Комментарий (обязателен при возврате)').fill('Добавьте выводы по урокам');
    await menteeReport.getByRole('button', { name: 'Вернуть на доработку' }).click();
    await page.getByText('Отчёт возвращён автору на доработку').waitFor();

    await web.expectAccessible(page);
    await context.close();
  });
  it('the mentee reworks the returned report; after the controls the mentor sees the pair completed', async () => {
    const { context, page } = await web.signedInPage(browser, as.mentee);
    await openOwnPair(page, 'Моя пара');
    const report = page.getByRole('form', { name: 'Периодический отчёт' });
    await report.getByText('Возвращён с комментарием: Добавьте выводы по урокам').waitFor();
    await report.getByLabel('Текст отчёта').fill('Посетила три урока наставника; вывод: стоит чаще менять виды работы');
    await report.getByRole('button', { name: 'Представить отчёт' }).click();
    await page.getByText('Отчёт представлен').waitFor();
    await context.close();

    // The interim control through HTTP; the final one in the browser, by the commission head.
    const { controlPlan } = (await system.request('GET', `/pairs/${pairId}`, as.head)).body;
    const interim = await system.request('POST', `/pairs/${pairId}/interim-control`, as.head, {
      taskId: controlPlan.interimTaskIds[0],
      outcome: 'passed',
      comment: 'План выполняется',
    });
    expect(interim.status).toBe(200);
    // She may not complete a pair herself, so the workflow completes it as the system once her control is stored
    // (until 2026-12-04 her control was stored and the completion after it refused).
    const head = await web.signedInPage(browser, as.head);
    await head.page.goto(`${system.baseUrl}/app/tasks`);
    const control = head.page.locator('li.task', { hasText: 'Итоговый контроль пары' });
    await control.getByRole('link', { name: 'Провести итоговый контроль' }).click();
    // The task opens the control's form among the pair's actions on its programme's page.
    const final = head.page.getByRole('form', { name: 'Провести итоговый контроль' });
    // The mentor's final report fills the conclusion in.
    await expect(final.getByLabel('Заключение наставника об адаптации').inputValue()).resolves.toBe(
      'Илья Сергеевич успешно адаптировался',
    );
    await final.getByRole('button', { name: 'Завершить итоговый контроль' }).click();
    await head.page.getByText('Итоговый контроль проведён: пара завершила программу').waitFor();
    // The pair's row and its actions' panel say so at once, not after a reload.
    await head.page.getByRole('cell', { name: 'Завершила программу' }).waitFor();
    await head.page.getByText('Завершила программу: Цели программы достигнуты').waitFor();
    await expect(head.page.getByText('Итоговый контроль не принят').count()).resolves.toBe(0);
    await head.context.close();
    const history = await system.request('GET', `/pairs/${pairId}/history`, system.token(admin, ['administrator']));
    expect(
      history.body.filter((e: { type: string }) => e.type.match(/^(FinalControlCompleted|PairCompleted)$/)),
    ).toMatchObject([
      { type: 'FinalControlCompleted', role: 'commissionHead', actorName: 'Смирнова Ольга Викторовна' },
      { type: 'PairCompleted', role: 'system', actorId: 'system' },
    ]);
    // The list is a read model: it shows the pair completed once the projection has the control.
    await system.eventually(
      () => system.request('GET', `/pairs/${pairId}`, as.head),
      (r) => r.body?.status === 'completed',
    );

    const mentor = await web.signedInPage(browser, as.mentor, web.phone);
    await mentor.page.goto(`${system.baseUrl}/app/pairs`);
    await mentor.page.getByRole('heading', { name: 'Мои пары', level: 1 }).waitFor();
    await mentor.page.getByText('Завершила программу').waitFor();
    await mentor.page.getByRole('link', { name: pairName }).click();
    await mentor.page.getByTestId('mentor-final-report').getByText('Включить в методическое объединение').waitFor();
    await expect(mentor.page.getByRole('form').count()).resolves.toBe(0);
    await web.expectFitsWidth(mentor.page);
    await web.expectAccessible(mentor.page);
    await mentor.context.close();
  });
});

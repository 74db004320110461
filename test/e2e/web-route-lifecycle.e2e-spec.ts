import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { localDateOf } from '@mentorflow/calendar';
import { competenceAreaLabels, competenceAreas, russianDate } from '@mentorflow/domain';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { addDays } from '../support/dates';
import { addPerson } from '../support/people';
import { eventually } from '../support/poll';
import { organisationWith, places } from '../support/programme-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

/**
 * Issue 27, one journey: a route from nothing to its completion, every step in the browser by the person whose
 * step it is, signed in as herself (only the school, its staff and their accounts are set up through the API).
 * The tutor creates the route for Белова chosen by name and records the entry diagnostics; the teacher writes her
 * desired image; the methodologist drafts the road map from her inbox task; the tutor refines and agrees it; the
 * teacher marks the activities done; the tutor confirms them, checks the month's control point, starts the
 * reflection and records the control diagnostics from her inbox task; the teacher presents her reflective
 * analysis; the tutor agrees it and completes the route. The teacher's and the tutor's screens also on a phone.
 *
 * The monthly check's inbox task comes only when a month of implementation begins, and the API stamps commands
 * with the present: here the tutor checks the month's point from the route page (the form offers the points due
 * this month); the inbox path of that task, with a road map agreed last month, is web-tutor-route's.
 */
describe('web application: a route from an empty list to a completed route, in the browser', () => {
  let system: TestSystem;
  let browser: Browser;
  const { timeZone } = places.tolyatti;
  const today = () => localDateOf(new Date(), timeZone);
  let tutorToken: string;
  let methodologistToken: string;
  let teacherToken: string;
  let routeId: string;
  let code: string;
  const teacherShort = 'Белова А. С.';
  const course = 'Курс «Цифровые инструменты учителя»';
  const internship = 'Стажировка в школе — региональной площадке';
  const courseResult = 'Удостоверение о повышении квалификации, 48 ч';
  const internshipResult = 'Открытый урок алгебры с цифровым тренажёром на стажировке';
  const desiredImage = 'Учитель, который уверенно ведёт уроки с цифровыми сервисами и учит этому коллег';

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    // Deadlines in the inbox are counted in working days, which may reach into next year.
    await loadFixtureYearsAhead();
    const { organisationId, as } = await organisationWith(system, places.tolyatti, {
      admin: [randomUUID(), 'administrator'],
    });
    // The fixture: the school's people with their cards (names), the methodologist on its staff, their accounts.
    const tutor = await addPerson(system, organisationId, as.admin, 'Орлова', { firstName: 'Ольга' });
    const methodologist = await addPerson(system, organisationId, as.admin, 'Петрова', { positions: ['методист'] });
    const teacher = await addPerson(system, organisationId, as.admin, 'Белова', {
      firstName: 'Анна',
      patronymic: 'Сергеевна',
    });
    const staffed = await system.request('POST', `/organisations/${organisationId}/staff`, as.admin, {
      personId: methodologist,
      role: 'methodologist',
    });
    expect(staffed.status).toBeLessThan(300);
    tutorToken = system.token(tutor, ['tutor'], [organisationId]);
    methodologistToken = system.token(methodologist, ['methodologist'], [organisationId]);
    teacherToken = system.token(teacher, ['teacher'], [organisationId]);
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  const audited = async (page: Page) => await web.expectAccessible(page);
  const notice = (page: Page, text: string) => page.getByText(text).first().waitFor();
  const currentStage = (page: Page, stage: string) =>
    page.locator('.stage-track [aria-current="step"]', { hasText: stage }).waitFor();
  // A completed route has no current step: every stage is ticked and the stages' card says «Маршрут завершён».
  const completedRoute = async (page: Page) => {
    await page
      .locator('section[aria-labelledby="route-stages"]')
      .getByText(/^Маршрут завершён — с /)
      .waitFor();
    await expect(page.locator('.stage-track .stage-done').allTextContents()).resolves.toEqual(
      ['Диагностико-мотивационный', 'Проектировочный', 'Реализационный', 'Рефлексивный'].map((s) => `✓${s} (пройден)`),
    );
  };
  const roadMapRow = (page: Page, activity: string) =>
    page.locator('section[aria-labelledby="road-map"] table').first().locator('tr', { hasText: activity });
  const group = (page: Page, form: string, name: string) =>
    page.getByRole('form', { name: form }).getByRole('group', { name, exact: true });
  const openRoute = async (page: Page) => {
    await page.goto(`${system.baseUrl}/app/routes/${routeId}`);
    await page.getByRole('heading', { name: `Индивидуальный образовательный маршрут ${code}` }).waitFor();
  };

  it('Белова has no route yet; the tutor creates one for her, chosen by name, with goal, tasks and entry diagnostics', async () => {
    // The teacher's «Мой маршрут» is empty before the tutor makes her route.
    const teacher = await web.signedInPage(browser, teacherToken, web.phone);
    await teacher.page.goto(`${system.baseUrl}/app/`);
    await teacher.page.getByRole('heading', { name: 'Мои маршруты' }).waitFor();
    await teacher.page.getByText('Маршрутов нет.').waitFor();
    await audited(teacher.page);
    await teacher.context.close();

    const { context, page } = await web.signedInPage(browser, tutorToken);
    await page.goto(`${system.baseUrl}/app/routes`);
    await page.getByRole('heading', { name: 'Индивидуальные образовательные маршруты' }).waitFor();
    await page.getByText('Маршрутов нет.').waitFor();
    await audited(page);
    await page.getByRole('link', { name: 'Новый маршрут' }).click();
    const form = page.getByRole('form', { name: 'Новый ИОМ' });
    await form.waitFor();
    await web.pickPerson(form, 'Педагог', 'Бел', 'Белова Анна Сергеевна — учитель математики');
    await form.getByLabel('Методист').selectOption({ label: 'Петрова Мария Петровна' });
    // The school's first route: the region's code is asked for, not prefilled.
    await expect(form.getByLabel('Код субъекта РФ для реестра ИОМ').inputValue()).resolves.toBe('');
    await form.getByLabel('Код субъекта РФ для реестра ИОМ').fill('63');
    await expect(form.getByLabel('Должность').inputValue()).resolves.toBe('учитель математики');
    await form.getByLabel('Образование').fill('Высшее педагогическое, СГСПУ, 2012');
    await form.getByLabel('Педагогический стаж, лет').fill('12');
    await form.getByLabel('Тема самообразования').fill('Цифровые сервисы на уроках математики');
    await audited(page);
    await form.getByRole('button', { name: 'Создать маршрут' }).click();

    const heading = page.getByRole('heading', {
      name: /^Индивидуальный образовательный маршрут 63-\d{4}-\d{4}-\d{6}$/,
    });
    await heading.waitFor();
    code = ((await heading.textContent()) ?? '').split(' ').at(-1) ?? '';
    routeId = page.url().split('/routes/')[1]?.split(/[?#]/)[0] ?? '';
    await currentStage(page, 'Диагностико-мотивационный');
    const titlePage = page.locator('#title-page').locator('..');
    await expect(titlePage.textContent()).resolves.toContain(teacherShort);
    await expect(titlePage.textContent()).resolves.toContain('Петрова М. П.');
    await expect(titlePage.textContent()).resolves.toContain('Орлова О. П.');

    const goal = page.getByRole('form', { name: 'Зафиксировать цель и задачи ИОМ' });
    await goal.getByLabel('Цель ИОМ').fill('Преодолеть дефицит ИКТ-компетенций');
    await goal
      .getByLabel('Задачи ИОМ (каждая с новой строки)')
      .fill('Освоить цифровые сервисы для уроков\nПровести открытый урок с цифровым тренажёром');
    await goal.getByRole('button', { name: 'Зафиксировать цель и задачи' }).click();
    await notice(page, 'Цель и задачи ИОМ зафиксированы');
    await titlePage.getByText('Провести открытый урок с цифровым тренажёром').waitFor();

    const diagnostics = page.getByRole('form', { name: 'Записать результаты входной диагностики' });
    const inputs = diagnostics.locator('input[type="number"]');
    for (let i = 0; i < (await inputs.count()); i++) await inputs.nth(i).fill('70');
    await diagnostics.getByLabel('ИКТ-компетенции').fill('35');
    await web.fillDate(diagnostics.getByLabel('Дата следующей диагностики'), addDays(today(), 180));
    await audited(page);
    await diagnostics.getByRole('button', { name: 'Записать диагностику' }).click();
    await notice(page, 'Результаты входной диагностики записаны');
    // Diagnostics recorded: the route moves on to design, where the methodologist drafts its road map.
    await currentStage(page, 'Проектировочный');
    await page.locator('#control').getByText('ИКТ-компетенции (35 %)').first().waitFor();

    // The tutor's list now holds the route, by code and the teacher's name.
    await page.goto(`${system.baseUrl}/app/routes`);
    const routes = page.getByRole('list', { name: 'Маршруты' });
    await routes.getByText(teacherShort).waitFor();
    await expect(routes.textContent()).resolves.toContain(`ИОМ ${code}`);
    await context.close();
  });

  it('the teacher finds her route under «Мой маршрут» on her phone and describes her desired image', async () => {
    const { context, page } = await web.signedInPage(browser, teacherToken, web.phone);
    await page.goto(`${system.baseUrl}/app/tasks`);
    await page.getByRole('heading', { name: 'Мои задачи' }).waitFor();
    await web.openFromMenu(page, 'Мой маршрут');
    await page.getByRole('heading', { name: `Индивидуальный образовательный маршрут ${code}` }).waitFor();
    await currentStage(page, 'Проектировочный');
    await expect(page.locator('#title-page').locator('..').textContent()).resolves.toContain(teacherShort);
    const image = page.getByRole('form', { name: 'Желаемый образ профессионала' });
    await image.getByLabel('Каким я вижу себя состоявшимся профессионалом').fill(desiredImage);
    await image.getByRole('button', { name: 'Сохранить' }).click();
    await page
      .locator('section[aria-labelledby="self-determination"]')
      .locator('p', { hasText: desiredImage })
      .waitFor();
    await audited(page);
    await web.expectFitsWidth(page);
    await context.close();
  });

  it('the methodologist opens the draft task for Белова from her inbox and drafts the road map', async () => {
    const { context, page } = await web.signedInPage(browser, methodologistToken);
    await page.goto(`${system.baseUrl}/app/`);
    await page.getByRole('heading', { name: 'Мои задачи' }).waitFor();
    const card = page.locator('li.task', { hasText: `Составить проект ИОМ ${code} для Беловой А. С.` });
    await card.waitFor();
    await audited(page);
    await card.getByRole('link', { name: 'Составить проект ИОМ' }).click();
    const draft = page.locator('#draft');
    await draft.waitFor();
    // One row for the one deficit diagnosed, ИКТ.
    await expect(draft.locator('fieldset').count()).resolves.toBe(1);
    await expect(draft.getByLabel('Компетенция').inputValue()).resolves.toBe('ict');
    await draft.getByLabel('Мероприятие', { exact: true }).fill(course);
    await draft.getByLabel('Решаемые задачи').fill('Освоить цифровые сервисы для уроков');
    await draft.getByLabel('Часы').fill('36');
    await web.fillDate(draft.getByLabel('Срок'), addDays(today(), 120));
    await audited(page);
    await draft.getByRole('button', { name: 'Передать проект тьютору' }).click();
    await page.getByText('Проект ИОМ передан тьютору. Задача выполнена.').waitFor();
    // The task has left her inbox.
    await web.openFromMenu(page, 'Мои задачи');
    await page.getByText('Открытых задач нет.').waitFor();
    await context.close();
  });

  it('the tutor refines the draft — more hours, an internship added — sets a control point and agrees it', async () => {
    const { context, page } = await web.signedInPage(browser, tutorToken);
    await openRoute(page);
    const agree = 'Согласовать дорожную карту';
    await expect(
      group(page, agree, 'Мероприятие 1').getByLabel('Мероприятие', { exact: true }).inputValue(),
    ).resolves.toBe(course);
    await group(page, agree, 'Мероприятие 1').getByLabel('Часы').fill('48');
    await page.getByRole('form', { name: agree }).getByRole('button', { name: 'Добавить мероприятие' }).click();
    const added = group(page, agree, 'Мероприятие 2');
    await added.getByLabel('Компетенция').selectOption({ label: 'ИКТ-компетенции' });
    await added.getByLabel('Мероприятие', { exact: true }).fill(internship);
    await added.getByLabel('Вид мероприятия').selectOption({ label: 'Стажировка' });
    await added.getByLabel('Решаемые задачи').fill('Провести открытый урок с цифровым тренажёром');
    await added.getByLabel('Часы').fill('16');
    await web.fillDate(added.getByLabel('Срок'), addDays(today(), 150));
    // A control point this month: its monthly check is due now.
    const point = group(page, agree, 'Контрольная точка 1');
    await web.fillDate(point.getByLabel('Дата контрольной точки'), today());
    await point.getByLabel('Что проверяется').fill('Курс начат');
    await audited(page);
    await page.getByRole('form', { name: agree }).getByRole('button', { name: agree }).click();
    await notice(page, 'Дорожная карта согласована: маршрут реализуется');
    await currentStage(page, 'Реализационный');
    const roadMap = page.locator('section[aria-labelledby="road-map"]');
    await roadMap.locator('p.hint', { hasText: 'Версия 2: Доработана тьютором' }).waitFor();
    await expect(roadMapRow(page, course).textContent()).resolves.toContain('48');
    await context.close();
  });

  it('the teacher marks both activities done with their results, on her phone', async () => {
    const { context, page } = await web.signedInPage(browser, teacherToken, web.phone);
    await page.goto(`${system.baseUrl}/app/`);
    await page.getByRole('heading', { name: `Индивидуальный образовательный маршрут ${code}` }).waitFor();
    await currentStage(page, 'Реализационный');
    for (const [activity, result] of [
      [course, courseResult],
      [internship, internshipResult],
    ] as const) {
      // Each from the page as it opens (the page re-reads the route after a mark).
      await page.reload();
      await currentStage(page, 'Реализационный');
      await roadMapRow(page, activity).locator('summary', { hasText: 'Отметить выполнение' }).click();
      const form = page.getByRole('form', { name: `Отметка о выполнении: ${activity}` });
      await web.fillDate(form.getByLabel('Дата выполнения'), today());
      await form.getByLabel('Результат').fill(result);
      if (activity === course) await audited(page);
      await form.getByRole('button', { name: 'Отметить выполнение' }).click();
      await roadMapRow(page, activity)
        .getByText(`Выполнено ${russianDate(today())}: ${result}`)
        .waitFor();
      await expect(roadMapRow(page, activity).textContent()).resolves.toContain('ожидает подтверждения');
    }
    await web.expectFitsWidth(page);
    await context.close();
  });

  it('the tutor confirms the marks, checks the month’s control point and starts the reflective stage', async () => {
    const { context, page } = await web.signedInPage(browser, tutorToken);
    await openRoute(page);
    for (const activity of [course, internship]) {
      await page.getByRole('button', { name: `Подтвердить выполнение: ${activity}` }).click();
      await roadMapRow(page, activity).getByText('подтверждено тьютором').waitFor();
    }

    const check = page.getByRole('form', { name: 'Проверка контрольных точек' });
    const point = check.locator('fieldset', { hasText: 'Курс начат' });
    await point.waitFor();
    await expect(point.getByLabel('Результат').inputValue()).resolves.toBe('passed');
    await point.getByLabel('Пояснение (необязательно)').fill('Курс пройден полностью');
    await check.getByRole('button', { name: 'Записать проверку' }).click();
    await notice(page, 'Проверка контрольных точек записана');
    await page
      .locator('section[aria-labelledby="road-map"] li', { hasText: 'Курс начат' })
      .getByText('[Пройдена: Курс пройден полностью]')
      .waitFor();

    const actions = page.locator('#actions');
    await actions.locator('summary', { hasText: 'Перейти к рефлексивному этапу' }).click();
    await actions.getByLabel('Комментарий (необязательно)').fill('Мероприятия дорожной карты выполнены');
    await actions.getByRole('button', { name: 'Начать рефлексию' }).click();
    await notice(page, 'Маршрут на рефлексивном этапе');
    await currentStage(page, 'Рефлексивный');
    await audited(page);
    await context.close();
  });

  it('the tutor opens the control diagnostics from her inbox on her phone and records them', async () => {
    const { context, page } = await web.signedInPage(browser, tutorToken, web.phone);
    await page.goto(`${system.baseUrl}/app/routes`);
    await page.getByRole('heading', { name: 'Индивидуальные образовательные маршруты' }).waitFor();
    await web.openFromMenu(page, 'Мои задачи');
    const card = page.locator('li.task', {
      hasText: `Организовать контрольную диагностику профессиональных компетенций по ИОМ ${code} Беловой А. С.`,
    });
    await card.waitFor();
    await audited(page);
    await card.getByRole('link', { name: 'Провести контрольную диагностику' }).click();
    await page.getByRole('heading', { name: `Индивидуальный образовательный маршрут ${code}` }).waitFor();
    const control = page.getByRole('form', { name: 'Записать результаты контрольной диагностики' });
    await control.waitFor();
    await expect(web.dateIn(control.getByLabel('Дата диагностики'))).resolves.toBe(today());
    for (const area of competenceAreas) {
      await control.getByLabel(competenceAreaLabels[area], { exact: true }).fill(area === 'ict' ? '62' : '75');
    }
    await control.getByRole('button', { name: 'Записать диагностику' }).click();
    await notice(page, 'Результаты контрольной диагностики записаны');
    // The chart gains its control bars once the page has re-read the route.
    await expect(
      eventually(
        () => page.locator('svg desc').textContent(),
        (text) => text?.includes('ИКТ-компетенции: 35 % → 62 %') === true,
      ),
    ).resolves.toContain('ИКТ-компетенции: 35 % → 62 %');
    await web.expectFitsWidth(page);
    await audited(page);

    // The task is done: the inbox no longer holds it.
    await web.openFromMenu(page, 'Мои задачи');
    await page.getByText('Открытых задач нет.').waitFor();
    await context.close();
  });

  it('the teacher presents her reflective analysis against her deficit and desired image, on her phone', async () => {
    const { context, page } = await web.signedInPage(browser, teacherToken, web.phone);
    await page.goto(`${system.baseUrl}/app/`);
    await page.getByRole('heading', { name: `Индивидуальный образовательный маршрут ${code}` }).waitFor();
    await currentStage(page, 'Рефлексивный');
    const reflection = page.getByRole('form', { name: 'Рефлексивный анализ' });
    const ict = reflection.getByRole('group', { name: 'ИКТ-компетенции' });
    await ict.getByLabel('Что изменилось').fill('Веду уроки с цифровыми тренажёрами');
    await ict.getByLabel('Подтверждения').fill('Удостоверение курса, открытый урок на стажировке');
    await ict.getByLabel('Приближение к желаемому образу').fill('Делюсь опытом с коллегами школы');
    await audited(page);
    await reflection.getByRole('button', { name: 'Представить рефлексивный анализ' }).click();
    await page.getByRole('heading', { name: 'Рефлексивный анализ (ожидает согласования)' }).waitFor();
    await web.expectFitsWidth(page);
    await context.close();
  });

  it('the tutor agrees the reflection and completes the route; it reads «Завершён» on a laptop and a phone', async () => {
    const { context, page } = await web.signedInPage(browser, tutorToken);
    await openRoute(page);
    const self = page.locator('section[aria-labelledby="self-determination"]');
    await expect(self.textContent()).resolves.toContain('Веду уроки с цифровыми тренажёрами');
    await self.getByRole('button', { name: 'Согласовать рефлексивный анализ' }).click();
    await self.getByRole('heading', { name: 'Рефлексивный анализ (согласован тьютором)' }).waitFor();

    const actions = page.locator('#actions');
    await actions.locator('summary', { hasText: 'Завершить маршрут' }).click();
    await actions.getByLabel('Комментарий (необязательно)').fill('Дефицит ИКТ-компетенций преодолён');
    await actions.getByRole('button', { name: 'Завершить ИОМ' }).click();
    await notice(page, 'Маршрут завершён');
    await completedRoute(page);
    // Nothing left to do on a completed route.
    await page.locator('#actions').waitFor({ state: 'detached' });
    await expect(roadMapRow(page, course).textContent()).resolves.toContain('подтверждено тьютором');
    await expect(page.locator('#title-page').locator('..').textContent()).resolves.toContain(teacherShort);
    await audited(page);
    await web.screenshot(page, 'route-completed');
    await context.close();

    // The teacher sees the same on her phone: her completed route, her reflection agreed.
    const teacher = await web.signedInPage(browser, teacherToken, web.phone);
    await teacher.page.goto(`${system.baseUrl}/app/`);
    await teacher.page.getByRole('heading', { name: `Индивидуальный образовательный маршрут ${code}` }).waitFor();
    await completedRoute(teacher.page);
    await teacher.page.getByRole('heading', { name: 'Рефлексивный анализ (согласован тьютором)' }).waitFor();
    await expect(teacher.page.locator('svg desc').textContent()).resolves.toContain('ИКТ-компетенции: 35 % → 62 %');
    await audited(teacher.page);
    await web.expectFitsWidth(teacher.page);
    await web.screenshot(teacher.page, 'phone-route-completed');
    await teacher.context.close();

    // The tutor's list on her phone: the route under «Завершён».
    const list = await web.signedInPage(browser, tutorToken, web.phone);
    await list.page.goto(`${system.baseUrl}/app/routes`);
    await list.page.getByLabel('Этап').selectOption({ label: 'Завершён' });
    const routes = list.page.getByRole('list', { name: 'Маршруты' });
    await routes.getByText(teacherShort).waitFor();
    await expect(routes.textContent()).resolves.toContain(`ИОМ ${code}`);
    await audited(list.page);
    await list.context.close();
  });
});

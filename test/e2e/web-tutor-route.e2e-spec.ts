import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { routeWorkflowId } from '@mentorflow/domain';
import { agreeRoadMapUpdate } from '@mentorflow/workflows/route/route.messages';
import type { Browser, Page } from 'playwright-core';
import { localDateOf } from '@mentorflow/calendar';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { addPerson } from '../support/people';
import { organisationWith, places } from '../support/programme-setup';
import { courseRow, fourYearsLessADay, ictDeficit, mathsTeacherTitlePage, routeBody } from '../support/route-setup';
import { TestSystem } from '../support/system';
import { addDays } from '../support/dates';
import { eventually, waitUntil } from '../support/poll';
import * as web from '../support/web';

/**
 * Issue 27 in the browser, the tutor's part: she creates a route for a teacher chosen by name (the region's code
 * prefilled), fixes its goal, records the diagnostics, refines the methodologist's draft (edits a row, removes
 * one, adds one with «отметка выбора») and agrees it, corrects it during implementation and sees the versions
 * side by side with what changed; the teacher proposes a road map of her own on another route, the tutor returns
 * it with a comment the teacher sees, she proposes it again and the tutor approves it; the tutor's route list filters by stage, overdue tasks and school and searches by code and name.
 */
describe('web application: the tutor’s route from creation to a corrected road map', () => {
  let system: TestSystem;
  let browser: Browser;
  const { timeZone } = places.tolyatti;
  let organisationId: string;
  let as: Record<'admin', string>;
  let tutorId: string;
  let methodologistId: string;
  let tutorToken: string;
  let methodologistToken: string;
  let teacherId: string;
  let teacherToken: string;
  let otherRouteId: string;
  let otherTeacherToken: string;
  let routeId: string;
  let code: string;
  const today = () => localDateOf(new Date(), timeZone);
  const course = 'Курс «Цифровые инструменты учителя»';
  const internship = 'Стажировка в школе — региональной площадке';
  const openLesson = 'Открытый урок с цифровым тренажёром';

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    await loadFixtureYearsAhead();
    ({ organisationId, as } = await organisationWith(system, places.tolyatti, {
      admin: [randomUUID(), 'administrator'],
    }));
    // Everyone is in the staff directory, so every screen names them.
    const tutor = await addPerson(system, organisationId, as.admin, 'Орлова', { firstName: 'Ольга' });
    const methodologist = await addPerson(system, organisationId, as.admin, 'Петрова', { positions: ['методист'] });
    tutorId = tutor;
    methodologistId = methodologist;
    teacherId = await addPerson(system, organisationId, as.admin, 'Смирнова');
    const otherTeacher = await addPerson(system, organisationId, as.admin, 'Кузнецова', { firstName: 'Анна' });
    expect(
      (
        await system.request('POST', `/organisations/${organisationId}/staff`, as.admin, {
          personId: methodologist,
          role: 'methodologist',
        })
      ).status,
    ).toBeLessThan(300);
    tutorToken = system.token(tutor, ['tutor'], [organisationId]);
    methodologistToken = system.token(methodologist, ['methodologist'], [organisationId]);
    teacherToken = system.token(teacherId, ['teacher'], [organisationId]);
    otherTeacherToken = system.token(otherTeacher, ['teacher'], [organisationId]);
    // The organisation's first route, made through the API with region 63: the form prefills 63 after it.
    const first = await system.request(
      'POST',
      `/organisations/${organisationId}/routes`,
      tutorToken,
      routeBody(otherTeacher, methodologist, mathsTeacherTitlePage(today(), fourYearsLessADay(today()))),
    );
    expect(first.status).toBe(201);
    otherRouteId = first.body.state.routeId as string;
    const diagnosed = await system.request('POST', `/routes/${otherRouteId}/record-diagnostics`, tutorToken, {
      diagnosticsId: randomUUID(),
      date: today(),
      results: ictDeficit(),
    });
    expect(diagnosed.status).toBe(200);
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  const group = (page: Page, form: string, name: string) =>
    page.getByRole('form', { name: form }).getByRole('group', { name, exact: true });
  const notice = (page: Page, text: string) => page.getByText(text).first().waitFor();

  it('the tutor creates a route for Смирнова, chosen by name, with the region’s code prefilled', async () => {
    const { context, page } = await web.signedInPage(browser, tutorToken);
    await page.goto(`${system.baseUrl}/app/routes`);
    await page.getByRole('link', { name: 'Новый маршрут' }).click();
    await page.getByRole('heading', { name: 'Новый индивидуальный образовательный маршрут' }).waitFor();
    const form = page.getByRole('form', { name: 'Новый ИОМ' });
    // Sent empty: refused field by field, nothing created.
    await form.getByRole('button', { name: 'Создать маршрут' }).click();
    await form.locator('.field-invalid').first().waitFor();
    await expect(form.locator('.field-invalid label').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Педагог', 'Методист']),
    );
    // Prefilled once the organisation's earlier route has been read.
    const regionCode = form.getByLabel('Код субъекта РФ для реестра ИОМ');
    expect(
      await eventually(
        () => regionCode.inputValue(),
        (v) => v === '63',
      ),
    ).toBe('63');
    await form.getByLabel('Педагог', { exact: true }).fill('Смир');
    await page.getByRole('option', { name: /Смирнова Мария Петровна — учитель математики/ }).click();
    await form.getByLabel('Методист').selectOption({ label: 'Петрова Мария Петровна' });
    // The position comes from her card.
    await expect(form.getByLabel('Должность').inputValue()).resolves.toBe('учитель математики');
    await form.getByLabel('Образование').fill('Высшее педагогическое, СГСПУ, 2012');
    await form.getByLabel('Педагогический стаж, лет').fill('12');
    await form.getByLabel('Тема самообразования').fill('Функциональная грамотность на уроках математики');
    await web.expectAccessible(page);
    await web.screenshot(page, 'tutor-new-route');
    // On a phone the form is one column within the screen.
    await page.setViewportSize(web.phone);
    await web.expectFitsWidth(page);
    await form.getByRole('button', { name: 'Создать маршрут' }).click();

    const heading = page.getByRole('heading', {
      name: /^Индивидуальный образовательный маршрут 63-\d{4}-\d{4}-000002$/,
    });
    await heading.waitFor();
    code = ((await heading.textContent()) ?? '').split(' ').at(-1) ?? '';
    routeId = page.url().split('/routes/')[1]?.split(/[?#]/)[0] ?? '';
    const titlePage = await page.locator('#title-page').locator('..').textContent();
    expect(titlePage).toContain('Смирнова М. П.');
    expect(titlePage).toContain('Петрова М. П.');
    expect(titlePage).toContain('Орлова О. П.');
    await context.close();
  });

  it('the tutor fixes the goal and tasks and records the entry diagnostics with the next date', async () => {
    const { context, page } = await web.signedInPage(browser, tutorToken);
    await page.goto(`${system.baseUrl}/app/routes/${routeId}`);
    const goal = page.getByRole('form', { name: 'Зафиксировать цель и задачи ИОМ' });
    await goal.getByLabel('Цель ИОМ').fill('Преодолеть дефицит ИКТ-компетенций');
    await goal
      .getByLabel('Задачи ИОМ (каждая с новой строки)')
      .fill('Освоить цифровые сервисы для уроков\nРазработать цифровой ресурс по алгебре');
    await goal.getByRole('button', { name: 'Зафиксировать цель и задачи' }).click();
    await notice(page, 'Цель и задачи ИОМ зафиксированы');
    await page.locator('#title-page').locator('..').getByText('Разработать цифровой ресурс по алгебре').waitFor();

    const diagnostics = page.getByRole('form', { name: 'Записать результаты входной диагностики' });
    const inputs = diagnostics.locator('input[type="number"]');
    for (let i = 0; i < (await inputs.count()); i++) await inputs.nth(i).fill('70');
    await diagnostics.getByLabel('ИКТ-компетенции').fill('35');
    await web.fillDate(diagnostics.getByLabel('Дата следующей диагностики'), addDays(today(), 180));
    await diagnostics.getByRole('button', { name: 'Записать диагностику' }).click();
    await notice(page, 'Результаты входной диагностики записаны');
    // The page re-reads the route until its read model has the diagnostics (it may lag the notice).
    await page.locator('#control').getByText('ИКТ-компетенции (35 %)').first().waitFor();
    await context.close();
  });

  it('the tutor refines the methodologist’s draft — edits a row, removes one, adds one chosen — and agrees it', async () => {
    const drafted = await system.request('POST', `/routes/${routeId}/submit-draft`, methodologistToken, {
      rows: [
        courseRow(addDays(today(), 120)),
        { ...courseRow(addDays(today(), 150)), rowId: 'row-2', activity: internship, activityKind: 'internship' },
      ],
    });
    expect(drafted.status).toBe(200);

    const { context, page } = await web.signedInPage(browser, tutorToken);
    await page.goto(`${system.baseUrl}/app/routes/${routeId}`);
    const agree = 'Согласовать дорожную карту';
    await expect(
      group(page, agree, 'Мероприятие 2').getByLabel('Мероприятие', { exact: true }).inputValue(),
    ).resolves.toBe(internship);
    await group(page, agree, 'Мероприятие 1').getByLabel('Часы').fill('48');
    await page.getByRole('form', { name: agree }).getByRole('button', { name: 'Удалить мероприятие 2' }).click();
    await page.getByRole('form', { name: agree }).getByRole('button', { name: 'Добавить мероприятие' }).click();
    const added = group(page, agree, 'Мероприятие 2');
    await added.getByLabel('Компетенция').selectOption({ label: 'ИКТ-компетенции' });
    await added.getByLabel('Мероприятие', { exact: true }).fill(openLesson);
    await added.getByLabel('Решаемые задачи').fill('Показать применение цифровых сервисов коллегам');
    await added.getByLabel('Часы').fill('4');
    await web.fillDate(added.getByLabel('Срок'), addDays(today(), 90));
    await added.getByLabel('Отметка выбора').check();
    const point = group(page, agree, 'Контрольная точка 1');
    await web.fillDate(point.getByLabel('Дата контрольной точки'), today());
    await point.getByLabel('Что проверяется').fill('Курс пройден');
    await web.expectAccessible(page);
    await page.getByRole('form', { name: agree }).getByRole('button', { name: agree }).click();
    await notice(page, 'Дорожная карта согласована: маршрут реализуется');

    const roadMap = page.locator('section[aria-labelledby="road-map"]');
    await roadMap.locator('p.hint', { hasText: 'Версия 2: Доработана тьютором' }).waitFor();
    // The current road map is the section's first table; the versions' comparison follows it.
    const current = roadMap.locator('table').first();
    await expect(current.locator('tr', { hasText: openLesson }).textContent()).resolves.toContain('(выбрано)');
    await expect(current.locator('tr', { hasText: course }).textContent()).resolves.toContain('48');
    await expect(current.textContent()).resolves.not.toContain(internship);
    await context.close();

    // The added row takes a new id, not the removed internship's: marks and versions go by row ids.
    const stored = await system.request('GET', `/routes/${routeId}`, tutorToken);
    expect(stored.body.roadMap.rows.map((r: { rowId: string }) => r.rowId)).toEqual(['row-1', 'row-3']);
  });

  it('the tutor corrects the road map and sees the versions side by side with what changed', async () => {
    // The teacher marks the course done meanwhile (her form is tested in web-teacher-route).
    const marked = await system.request('POST', `/routes/${routeId}/mark-activity-done`, teacherToken, {
      rowId: 'row-1',
      doneOn: today(),
      result: 'Удостоверение о повышении квалификации, 48 ч',
    });
    expect(marked.status).toBe(200);

    const { context, page } = await web.signedInPage(browser, tutorToken);
    await page.goto(`${system.baseUrl}/app/routes/${routeId}`);
    await page.locator('summary', { hasText: 'Скорректировать дорожную карту' }).click();
    const correct = 'Скорректировать дорожную карту';
    await web.fillDate(group(page, correct, 'Мероприятие 2').getByLabel('Срок'), addDays(today(), 200));
    await page.getByRole('form', { name: correct }).getByLabel('Причина корректировки').fill('Урок перенесён на весну');
    await page.getByRole('form', { name: correct }).getByRole('button', { name: 'Сохранить корректировку' }).click();
    await notice(page, 'Дорожная карта скорректирована: сохранена новая версия');

    const versions = page.locator('section[aria-labelledby="road-map-versions"]');
    await versions.getByText('Добавлено: 0, удалено: 0, изменено: 1.').waitFor();
    const changed = versions.locator('tr.diff-changed');
    await expect(changed.textContent()).resolves.toContain(openLesson);
    await expect(changed.locator('th').textContent()).resolves.toContain('Изменено (срок)');
    await expect(versions.textContent()).resolves.toContain('«Урок перенесён на весну»');
    await expect(versions.textContent()).resolves.toContain('Орлова О. П.');

    // Against the methodologist's draft: her internship removed, the open lesson added, the course changed.
    await versions.getByLabel('Сравнить версию').selectOption({ label: 'Версия 1: Проект методиста' });
    await versions.getByText('Добавлено: 1, удалено: 1, изменено: 1.').waitFor();
    await expect(versions.locator('tr.diff-removed').textContent()).resolves.toContain(internship);
    await expect(versions.locator('tr.diff-added').textContent()).resolves.toContain(openLesson);
    await expect(versions.textContent()).resolves.toContain('Петрова М. П.');
    await web.expectAccessible(page);
    await versions.scrollIntoViewIfNeeded();
    await web.screenshot(page, 'tutor-road-map-versions');

    // On a phone: the page keeps to the screen, the tables scroll with their first column fixed.
    await page.setViewportSize(web.phone);
    await versions.getByText('Добавлено: 1, удалено: 1, изменено: 1.').waitFor();
    await web.expectFitsWidth(page);
    const firstCell = page.locator('section[aria-labelledby="road-map"] tbody tr').first().locator('td').first();
    await expect(firstCell.evaluate((el) => (globalThis as any).getComputedStyle(el).position)).resolves.toBe('sticky');
    await expect(
      page.locator('section[aria-labelledby="road-map"] table').first().locator('tr', { hasText: course }).isVisible(),
    ).resolves.toBe(true);
    await context.close();

    const stored = await system.request('GET', `/routes/${routeId}`, tutorToken);
    expect(stored.body.roadMapVersions.map((v: { origin: string }) => v.origin)).toEqual([
      'methodologistDraft',
      'tutorRefinement',
      'correction',
    ]);
  });

  it('the teacher proposes her own road map; the tutor returns it with a comment, she proposes again, and it is approved', async () => {
    const teacher = await web.signedInPage(browser, otherTeacherToken);
    await teacher.page.goto(`${system.baseUrl}/app/routes/${otherRouteId}`);
    const propose = 'Предложить собственную дорожную карту';
    const row = group(teacher.page, propose, 'Мероприятие 1');
    await row.getByLabel('Компетенция').selectOption({ label: 'ИКТ-компетенции' });
    await row.getByLabel('Мероприятие', { exact: true }).fill('Онлайн-курс по цифровым сервисам');
    await row.getByLabel('Решаемые задачи').fill('Освоить цифровые сервисы');
    await row.getByLabel('Часы').fill('24');
    await web.fillDate(row.getByLabel('Срок'), addDays(today(), 100));
    await web.expectAccessible(teacher.page);
    await teacher.page.getByRole('form', { name: propose }).getByRole('button', { name: 'Передать тьютору' }).click();
    await notice(teacher.page, 'Ваша дорожная карта передана тьютору на согласование');
    await teacher.context.close();

    const { context, page } = await web.signedInPage(browser, tutorToken);
    const proposalShown = async () => {
      await page.goto(`${system.baseUrl}/app/routes/${otherRouteId}`);
      await page
        .getByRole('table', { name: 'Дорожная карта педагога' })
        .getByText('Онлайн-курс по цифровым сервисам')
        .waitFor();
    };
    await proposalShown();
    // «Вернуть на доработку» beside «Согласовать»: a comment is required, then the proposal goes back.
    const returnForm = page.getByRole('form', { name: 'Вернуть дорожную карту педагогу на доработку' });
    await returnForm.getByRole('button', { name: 'Вернуть на доработку' }).click();
    await returnForm.getByText('Не возвращено').waitFor();
    const comment = 'Добавьте стажировку по цифровизации образования';
    await returnForm.getByLabel('Комментарий для педагога: что доработать').fill(comment);
    await returnForm.getByRole('button', { name: 'Вернуть на доработку' }).click();
    await notice(page, 'Дорожная карта возвращена педагогу на доработку с вашим комментарием');

    const back = await web.signedInPage(browser, otherTeacherToken);
    await back.page.goto(`${system.baseUrl}/app/routes/${otherRouteId}`);
    await back.page.getByText(`Тьютор вернул дорожную карту: ${comment}`).waitFor();
    await web.expectAccessible(back.page);
    // Her rows come back to rework: she sends them again.
    await back.page.getByRole('form', { name: propose }).getByRole('button', { name: 'Передать тьютору' }).click();
    await notice(back.page, 'Ваша дорожная карта передана тьютору на согласование');
    await back.context.close();

    await proposalShown();
    const approve = 'Согласовать дорожную карту педагога';
    await web.fillDate(
      group(page, approve, 'Контрольная точка 1').getByLabel('Дата контрольной точки'),
      addDays(today(), 30),
    );
    await group(page, approve, 'Контрольная точка 1').getByLabel('Что проверяется').fill('Курс пройден');
    await page.getByRole('form', { name: approve }).getByRole('button', { name: approve }).click();
    await notice(page, 'Дорожная карта педагога согласована: маршрут реализуется');
    await page.getByText('Версия 1: Предложена педагогом').waitFor();
    await context.close();
  });

  it('the month’s control-point check opens from the inbox task and settles it: the point moved to a new date', async () => {
    // A third route, agreed (straight to its workflow) on the last day of the previous month: the check for this
    // month is raised at once, as on the first day of a month of implementation.
    const teacher = await addPerson(system, organisationId, as.admin, 'Волкова');
    const created = await system.request(
      'POST',
      `/organisations/${organisationId}/routes`,
      tutorToken,
      routeBody(teacher, methodologistId, mathsTeacherTitlePage(today(), fourYearsLessADay(today()))),
    );
    expect(created.status).toBe(201);
    const id = created.body.state.routeId as string;
    const post = (path: string, token: string, body: unknown) =>
      system.request('POST', `/routes/${id}/${path}`, token, body);
    expect(
      (
        await post('record-diagnostics', tutorToken, {
          diagnosticsId: randomUUID(),
          date: today(),
          results: ictDeficit(),
        })
      ).status,
    ).toBe(200);
    expect((await post('submit-draft', methodologistToken, { rows: [courseRow(addDays(today(), 120))] })).status).toBe(
      200,
    );
    const agreedOn = addDays(`${today().slice(0, 8)}01`, -1);
    await system.api
      .get(Client)
      .workflow.getHandle(routeWorkflowId(id))
      .executeUpdate(agreeRoadMapUpdate, {
        args: [
          {
            data: { controlPoints: [{ controlPointId: 'cp-1', date: today(), description: 'Курс пройден' }] },
            metadata: { actorId: tutorId, role: 'tutor', now: `${agreedOn}T12:00:00.000Z` },
          },
        ],
      });
    const stored = await eventually(
      async () => (await system.request('GET', `/routes/${id}`, tutorToken)).body,
      (route) => Object.values(route.tasks ?? {}).some((t: any) => t.kind === 'monthlyControlPointCheck'),
    );
    const taskCode = stored.code as string;

    const { context, page } = await web.signedInPage(browser, tutorToken, web.phone);
    await page.goto(`${system.baseUrl}/app/tasks`);
    const card = page.locator('li.task', {
      hasText: `Проверить прохождение контрольных точек ИОМ ${taskCode} Волковой М. П.`,
    });
    await card.waitFor();
    await card.getByRole('link', { name: 'Проверить контрольные точки' }).click();
    await page.getByRole('heading', { name: `Индивидуальный образовательный маршрут ${taskCode}` }).waitFor();
    expect(page.url()).toContain('#control-point-check');
    const form = page.getByRole('form', { name: 'Проверка контрольных точек' });
    const point = form.locator('fieldset', { hasText: 'Курс пройден' });
    await point.getByLabel('Результат').selectOption({ label: 'Перенесена' });
    await web.fillDate(point.getByLabel('Новая дата'), addDays(today(), 45));
    await point.getByLabel('Причина переноса').fill('Курс перенесён организатором');
    await form.getByRole('button', { name: 'Записать проверку' }).click();
    await notice(page, 'Проверка контрольных точек записана');
    await page
      .locator('section[aria-labelledby="road-map"] li', { hasText: 'Курс пройден' })
      .getByText(/Перенесена на .*: Курс перенесён организатором/)
      .waitFor();
    await web.expectFitsWidth(page);

    // The inbox no longer holds the task: the check settled it.
    await page.goto(`${system.baseUrl}/app/tasks`);
    await page.getByRole('heading', { name: 'Мои задачи' }).waitFor();
    await waitUntil(async () => (await card.count()) === 0);
    await context.close();
  });

  it('the tutor’s route list filters by stage, overdue tasks and school, and searches by code and teacher’s name', async () => {
    const list = (query: string) => system.request('GET', `/routes?${query}`, tutorToken);
    const codes = async (query: string) => ((await list(query)).body as { code: string }[]).map((r) => r.code);
    await expect(codes(`stage=implementation&organisationId=${organisationId}`)).resolves.toHaveLength(3);
    await expect(codes('stage=design')).resolves.toEqual([]);
    await expect(codes('overdue=true')).resolves.toEqual([]);
    await expect(codes(`q=${encodeURIComponent('смирн')}`)).resolves.toEqual([code]);
    await expect(codes(`q=${encodeURIComponent(code.slice(0, 12))}`)).resolves.toHaveLength(3);
    expect((await list('stage=started')).status).toBe(400);

    const { context, page } = await web.signedInPage(browser, tutorToken, web.phone);
    await page.goto(`${system.baseUrl}/app/routes`);
    const routes = page.getByRole('list', { name: 'Маршруты' });
    await routes.getByText('Кузнецова А. П.').waitFor();
    await page.getByLabel('Код или ФИО педагога').fill('Смирнова');
    await routes.getByText('Кузнецова А. П.').waitFor({ state: 'detached' });
    await expect(routes.textContent()).resolves.toContain(`ИОМ ${code}`);
    await expect(routes.textContent()).resolves.toContain('Смирнова М. П.');
    await page.getByLabel('Код или ФИО педагога').fill('');
    await page.getByLabel('Этап').selectOption({ label: 'Проектировочный' });
    await page.getByText('Маршрутов нет.').waitFor();
    await page.getByLabel('Этап').selectOption({ label: 'Реализационный' });
    await routes.getByText('Кузнецова А. П.').waitFor();
    await web.expectFitsWidth(page);
    await web.expectAccessible(page);
    await web.screenshot(page, 'tutor-route-list-phone');
    await context.close();
  });
});

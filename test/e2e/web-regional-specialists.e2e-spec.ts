import { freshIds } from '../support/ids';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { localDay } from '../support/dates';
import { addPerson } from '../support/people';
import { registerOrganisation } from '../support/programme-setup';
import { createRoute } from '../support/route-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

const ZONE = 'Europe/Moscow';
const centreName = 'ГАУ ДПО «ЦНППМ Тверской области»';
const schoolNames = ['ГБОУ «Гимназия № 1»', 'ГБОУ «Гимназия № 2»', 'ГБОУ «Гимназия № 3»'] as const;
/** One teacher per school: the card's name and how the route list names her. */
const teachers = [
  { surname: 'Белова', firstName: 'Анна', patronymic: 'Сергеевна', short: 'Белова А. С.' },
  { surname: 'Гришина', firstName: 'Мария', patronymic: 'Олеговна', short: 'Гришина М. О.' },
  { surname: 'Дёмина', firstName: 'Ольга', patronymic: 'Игоревна', short: 'Дёмина О. И.' },
] as const;

/**
 * Issue 18, «Regional organisations», in the browser: the region's coordinator assigns a ЦНППМ tutor to two schools
 * through «Региональные специалисты» (chosen by surname among the region's ЦНППМ tutors and methodologists; a
 * third school's assignment is released after a confirmation); the tutor, with no role in any school, opens a
 * route of a teacher of each school and reads the teacher's name, and finds the third school's route not found.
 * Names in every assertion.
 */
describe('web application: a ЦНППМ tutor assigned to two schools through the screen', () => {
  let system: TestSystem;
  let browser: Browser;
  const region = `Тверская область ${randomUUID().slice(0, 8)}`;
  const [admin, tutor, methodologist] = freshIds(3);
  const teacherIds = [randomUUID(), randomUUID(), randomUUID()];
  let adminToken: string;
  let coordinatorToken: string;
  let tutorToken: string;
  let centreId: string;
  const schoolIds: string[] = [];
  /** The routes of the three teachers, by school. */
  const routeIds: string[] = [];

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    adminToken = system.token(admin, ['administrator']);
    const register = async (name: string, kind = 'school') => {
      const response = await registerOrganisation(system, adminToken, {
        name,
        kind,
        municipality: 'г. Тверь',
        region,
        timeZone: ZONE,
      });
      expect(response.status).toBe(201);
      return response.body.organisationId as string;
    };
    centreId = await register(centreName, 'professionalExcellenceCentre');
    for (const name of schoolNames) schoolIds.push(await register(name));
    // The region's coordinator assigns; the tutor and a methodologist hold their roles in the ЦНППМ only.
    coordinatorToken = system.token(randomUUID(), ['regionalCoordinator'], [], { region });
    tutorToken = system.token(tutor, ['tutor'], [centreId]);
    system.token(methodologist, ['methodologist'], [centreId]);
    await addPerson(system, centreId, adminToken, 'Соколова', {
      personId: tutor,
      firstName: 'Ирина',
      patronymic: 'Львовна',
      positions: ['тьютор'],
    });
    await addPerson(system, centreId, adminToken, 'Смирнов', {
      personId: methodologist,
      firstName: 'Пётр',
      patronymic: 'Ильич',
      positions: ['методист'],
    });
    // On the ЦНППМ's staff without a role there: not a candidate.
    await addPerson(system, centreId, adminToken, 'Соколов', { firstName: 'Глеб', positions: ['бухгалтер'] });
    for (const [i, schoolId] of schoolIds.entries()) {
      system.token(teacherIds[i], ['mentee'], [schoolId]);
      await addPerson(system, schoolId, adminToken, teachers[i].surname, {
        personId: teacherIds[i],
        firstName: teachers[i].firstName,
        patronymic: teachers[i].patronymic,
      });
    }
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  /** Assigns the tutor to the school chosen in the screen's select, by surname, and waits for her row. */
  async function assignTutor(page: Page, school: string) {
    await page.getByLabel('Организация', { exact: true }).selectOption({ label: school });
    const assigned = page.locator('section[aria-labelledby="assigned-title"]');
    await assigned.getByText('За организацией пока не закреплён ни один региональный специалист.').waitFor();
    const form = page.getByRole('form', { name: 'Закрепить специалиста' });
    const box = form.getByRole('combobox', { name: 'Специалист' });
    await box.fill('сок');
    const option = page.getByRole('option', { name: `Соколова Ирина Львовна — тьютор, ${centreName}` });
    await option.waitFor();
    // Соколов of the ЦНППМ holds no role there: the search passes over him.
    const found = form.getByRole('listbox', { name: 'Специалист: найденные сотрудники' });
    await expect(found.getByRole('option').count()).resolves.toBe(1);
    await option.click();
    expect(await box.inputValue()).toBe('Соколова Ирина Львовна');
    await form.getByRole('button', { name: 'Закрепить' }).click();
    await form.getByText('Соколова Ирина Львовна закреплён(а) за организацией').waitFor();
    const row = assigned.locator('tbody tr').filter({ hasText: 'Соколова Ирина Львовна' });
    await row.waitFor();
    await expect(row.locator('td').allTextContents()).resolves.toEqual([
      'Соколова Ирина Львовна',
      centreName,
      'Тьютор',
      expect.any(String),
      'Открепить',
    ]);
  }

  it('the region’s coordinator assigns the tutor to two schools by name, and releases a third assignment after confirming', async () => {
    const { context, page } = await web.signedInPage(browser, coordinatorToken);
    await page.goto(`${system.baseUrl}/app/`);
    await page
      .getByRole('navigation', { name: 'Основное меню' })
      .getByRole('link', { name: 'Региональные специалисты' })
      .click();
    await page.getByRole('heading', { name: 'Региональные специалисты', level: 1 }).waitFor();
    for (const school of schoolNames) await assignTutor(page, school);

    // The third school's assignment was a mistake: «Отмена» keeps it, «Открепить» releases it.
    const assigned = page.locator('section[aria-labelledby="assigned-title"]');
    const dialog = page.getByRole('dialog', { name: 'Открепить специалиста?' });
    await assigned.getByRole('button', { name: 'Открепить: Соколова Ирина Львовна, тьютор' }).click();
    await dialog.getByText(`больше не будет видеть ИОМ педагогов ${schoolNames[2]}`).waitFor();
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await assigned.getByRole('cell', { name: 'Соколова Ирина Львовна', exact: true }).waitFor();
    await assigned.getByRole('button', { name: 'Открепить: Соколова Ирина Львовна, тьютор' }).click();
    await dialog.getByRole('button', { name: 'Открепить' }).click();
    await assigned.getByText('Соколова Ирина Львовна откреплён(а) от организации').waitFor();
    await assigned.getByText('За организацией пока не закреплён ни один региональный специалист.').waitFor();

    // The first school lists her with her organisation and role.
    await page.getByLabel('Организация', { exact: true }).selectOption({ label: schoolNames[0] });
    await assigned.getByRole('cell', { name: 'Соколова Ирина Львовна', exact: true }).waitFor();
    await web.screenshot(page, 'regional-specialists');
    await web.expectAccessible(page);
    await context.close();
  });

  it('lists the candidates to those who may assign only: the region’s ЦНППМ tutors and methodologists holding the role', async () => {
    const candidates = (token: string, q = '', schoolId = schoolIds[0]) =>
      system.request(
        'GET',
        `/organisations/${schoolId}/regional-specialists/candidates?q=${encodeURIComponent(q)}&limit=10`,
        token,
      );
    const all = await candidates(coordinatorToken);
    expect(all.status).toBe(200);
    expect(all.body).toEqual([
      expect.objectContaining({
        fullName: 'Смирнов Пётр Ильич',
        role: 'methodologist',
        regionalOrganisationName: centreName,
      }),
      expect.objectContaining({
        fullName: 'Соколова Ирина Львовна',
        role: 'tutor',
        regionalOrganisationId: centreId,
        regionalOrganisationName: centreName,
        positions: ['тьютор'],
      }),
    ]);
    expect((await candidates(coordinatorToken, 'СОКОЛОВА')).body.map((c: { fullName: string }) => c.fullName)).toEqual([
      'Соколова Ирина Львовна',
    ]);
    // A school's curator may see them too; its teacher (a mentee) may not, nor its curator another school's.
    const curator = system.token(randomUUID(), ['curator'], [schoolIds[0]]);
    expect((await candidates(curator, 'смир')).body).toHaveLength(1);
    expect((await candidates(system.token(teacherIds[0], ['mentee'], [schoolIds[0]]))).status).toBe(403);
    expect((await candidates(curator, '', schoolIds[1])).status).toBe(404);
  });

  it('the tutor opens a route of a teacher of each school and reads her name; the third school’s route is not found', async () => {
    // Each school's route: the two she serves are hers (she creates them), the third is its own tutor's.
    for (const [i, schoolId] of schoolIds.entries()) {
      const schoolTutor = i < 2 ? tutorToken : system.token(randomUUID(), ['tutor'], [schoolId]);
      const methodologist = randomUUID();
      system.token(methodologist, ['methodologist'], [schoolId]);
      const created = await system.eventually(
        () =>
          createRoute(system, schoolId, schoolTutor, {
            teacherId: teacherIds[i],
            methodologistId: methodologist,
            today: localDay(ZONE),
          }),
        (r) => r.status === 201,
      );
      routeIds.push(created.body.state.routeId as string);
    }
    await system.eventually(
      () => system.request('GET', '/routes?limit=100', tutorToken),
      (r) => r.status === 200 && r.body.length === 2,
    );

    const { context, page } = await web.signedInPage(browser, tutorToken);
    await page.goto(`${system.baseUrl}/app/routes`);
    // She reads no staff list, yet the header names her from her own card.
    await page.locator('.user-name').filter({ hasText: 'Соколова Ирина Львовна' }).waitFor();
    const list = page.locator('section[aria-labelledby="routes-title"] .card-list > li');
    await list.filter({ hasText: `Педагог: ${teachers[0].short}` }).waitFor();
    await list.filter({ hasText: `Педагог: ${teachers[1].short}` }).waitFor();
    await expect(list.count()).resolves.toBe(2);
    await expect(page.locator('main').textContent()).resolves.not.toContain(teachers[2].surname);
    await web.screenshot(page, 'regional-tutor-routes');

    for (const [i, school] of schoolNames.slice(0, 2).entries()) {
      await page.goto(`${system.baseUrl}/app/routes/${routeIds[i]}`);
      await page.getByRole('heading', { name: /Индивидуальный образовательный маршрут/, level: 1 }).waitFor();
      await page.locator('.breadcrumbs').filter({ hasText: school }).waitFor();
      await page.locator('dd').filter({ hasText: teachers[i].short }).first().waitFor();
    }

    await page.goto(`${system.baseUrl}/app/routes/${routeIds[2]}`);
    // The API answers 404 before saying whose route it is; the page says so in Russian.
    await page.getByRole('alert').filter({ hasText: 'Ресурс не найден' }).waitFor();
    expect((await system.request('GET', `/routes/${routeIds[2]}`, tutorToken)).status).toBe(404);
    await expect(page.locator('main').textContent()).resolves.not.toContain(teachers[2].surname);
    await context.close();
  });
});

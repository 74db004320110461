import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { localDateOf } from '@mentorflow/calendar';
import { roadMapColumnLabels, russianDate } from '@mentorflow/domain';
import { documentDate } from '../../apps/api/src/documents/document-date';
import { downloadedText } from '../support/documents';
import { addPerson } from '../support/people';
import { places } from '../support/programme-setup';
import { courseRow, mathsTeacherTitlePage, routeInImplementation } from '../support/route-setup';
import { TestSystem } from '../support/system';
import { addDays, addYears } from '../support/dates';
import * as web from '../support/web';

/**
 * Issue 27 in the browser: the teacher («педагог») signs in, opens «Мой маршрут», sees her route and marks a
 * road-map activity done with its result; the tutor confirms it. The «Выполнение» column says so in Russian.
 */
describe('web application: the teacher’s «Мой маршрут» and the marks of activities done', () => {
  let system: TestSystem;
  let browser: Browser;
  const { timeZone } = places.tolyatti;
  const tutor = randomUUID();
  const methodologist = randomUUID();
  let teacherToken: string;
  let as: Record<'admin' | 'tutor' | 'methodologist', string>;
  let routeId: string;
  let code: string;
  const course = 'Курс «Цифровые инструменты учителя»';
  const internship = 'Стажировка в школе — региональной площадке';
  const result = 'Удостоверение о повышении квалификации, 36 ч';
  const today = () => localDateOf(new Date(), timeZone);

  beforeAll(async () => {
    let organisationId: string;
    ({ system, browser, organisationId, as } = await web.startWebJourneyWithOrganisation(places.tolyatti, {
      admin: [randomUUID(), 'administrator'],
      tutor,
      methodologist,
    }));
    const teacher = await addPerson(system, organisationId, as.admin, 'Смирнова');
    teacherToken = system.token(teacher, ['teacher'], [organisationId]);
    // Started a month ago: the internship's deadline passed five days ago.
    const start = addDays(today(), -30);
    routeId = await routeInImplementation(system, organisationId, as, {
      teacherId: teacher,
      methodologistId: methodologist,
      titlePage: mathsTeacherTitlePage(start, addDays(addYears(start, 4), -1)),
      rows: [
        courseRow(addDays(today(), 120)),
        { ...courseRow(addDays(today(), -5)), rowId: 'row-2', activity: internship, activityKind: 'internship' },
      ],
      today: today(),
    });
    code = (await system.request('GET', `/routes/${routeId}`, as.tutor)).body.code as string;
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  const roadMapRow = (page: Awaited<ReturnType<typeof web.signedInPage>>['page'], activity: string) =>
    page.locator('section[aria-labelledby="road-map"] tr', { hasText: activity });

  it('the teacher opens «Мой маршрут», sees her name and route, and marks an activity done', async () => {
    const { context, page } = await web.signedInPage(browser, teacherToken);
    // Her home screen is her route.
    await page.goto(`${system.baseUrl}/app/`);
    await page.getByRole('heading', { name: `Индивидуальный образовательный маршрут ${code}` }).waitFor();
    await page.goto(`${system.baseUrl}/app/tasks`);
    await page.getByRole('heading', { name: 'Мои задачи' }).waitFor();
    await expect(web.menuLinks(page)).resolves.toEqual([
      'Мои задачи',
      'Мой маршрут',
      'Банк практик',
      'Настройки уведомлений',
    ]);
    await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Мой маршрут' }).click();

    // Her one route opens straight away: its code, and her name on the title page.
    await page.getByRole('heading', { name: `Индивидуальный образовательный маршрут ${code}` }).waitFor();
    expect(page.url()).toContain(`/routes/${routeId}`);
    await expect(page.locator('#title-page').locator('..').textContent()).resolves.toContain('Смирнова М. П.');
    await expect(roadMapRow(page, internship).locator('td').last().textContent()).resolves.toContain('просрочено');
    await expect(roadMapRow(page, course).locator('td').last().textContent()).resolves.toMatch(/^—/);

    await roadMapRow(page, course).locator('summary', { hasText: 'Отметить выполнение' }).click();
    const form = page.getByRole('form', { name: `Отметка о выполнении: ${course}` });
    await web.fillDate(form.getByLabel('Дата выполнения'), today());
    await form.getByLabel('Результат').fill(result);
    await web.expectAccessible(page);
    await form.getByRole('button', { name: 'Отметить выполнение' }).click();

    const done = roadMapRow(page, course).getByText(`Выполнено ${russianDate(today())}: ${result}`);
    await done.waitFor();
    await expect(roadMapRow(page, course).textContent()).resolves.toContain('ожидает подтверждения');

    // On a phone the page keeps to the screen's width.
    await page.setViewportSize(web.phone);
    await done.waitFor();
    await web.expectFitsWidth(page);
    await context.close();
  });

  it('the tutor confirms the mark and the road map says «подтверждено тьютором»', async () => {
    const { context, page } = await web.signedInPage(browser, as.tutor);
    await page.goto(`${system.baseUrl}/app/routes/${routeId}`);
    await page.getByRole('button', { name: `Подтвердить выполнение: ${course}` }).click();
    await roadMapRow(page, course).getByText('подтверждено тьютором').waitFor();
    await expect(roadMapRow(page, course).textContent()).resolves.toContain(
      `Выполнено ${russianDate(today())}: ${result}`,
    );
    await context.close();

    const stored = await system.request('GET', `/routes/${routeId}`, as.tutor);
    expect(stored.body.roadMapProgress[0]).toMatchObject({ rowId: 'row-1', status: 'confirmed' });
  });
  it('the teacher downloads her ИОМ as DOCX and prints it: on paper only the 003 form, with every road-map column', async () => {
    const { context, page } = await web.signedInPage(browser, teacherToken);
    await page.goto(`${system.baseUrl}/app/routes/${routeId}`);
    await page.getByRole('heading', { name: `Индивидуальный образовательный маршрут ${code}` }).waitFor();

    const docx = await downloadedText(page, 'Скачать DOCX');
    expect(docx.fileName).toBe(`ИОМ-${code}.docx`);
    expect(docx.text).toContain('ФИО педагога\n\nСмирнова Мария Петровна');
    expect(docx.text).toContain(`Персональный код ИОМ\n\n${code}`);
    expect(docx.text).toContain(`Выполнено ${documentDate(today())}: ${result} (подтверждено тьютором)`);

    // The print stylesheet: the menu and the buttons go, the form of 003 stays with every column of the road map.
    const printed = page.getByRole('region', { name: 'Печатная форма ИОМ' });
    await expect(printed.isVisible()).resolves.toBe(false);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Основное меню' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: 'Печать' }).isVisible()).resolves.toBe(false);
    await expect(page.locator('#road-map').isVisible()).resolves.toBe(false);
    const roadMap = printed.getByRole('table', { name: 'Дорожная карта ИОМ' });
    await expect(roadMap.getByRole('columnheader').allTextContents()).resolves.toEqual([...roadMapColumnLabels]);
    await expect(
      roadMap.getByRole('columnheader', { name: 'Отметка о выполнении / результат' }).isVisible(),
    ).resolves.toBe(true);
    await expect(roadMap.getByRole('row', { name: new RegExp(course) }).textContent()).resolves.toContain(
      `Выполнено ${russianDate(today())}: ${result} (подтверждено тьютором)`,
    );
    await expect(
      printed
        .getByRole('table', { name: 'Титульный лист ИОМ' })
        .getByRole('row', { name: /ФИО педагога/ })
        .textContent(),
    ).resolves.toContain('Смирнова Мария Петровна');
    // A PDF of the printed form (A4), kept as the snapshot of the print when small.
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    if (process.env.MENTORFLOW_WRITE_DOCUMENT_SNAPSHOTS === '1' && pdf.length < 300_000)
      writeFileSync(join(__dirname, '..', '..', 'docs', 'documents', 'route-print.pdf'), pdf);
    await context.close();
  });

  it('in a browser speaking English, the date field still reads and takes дд.мм.гггг, with a Russian calendar', async () => {
    const { context, page } = await web.signedInPage(browser, teacherToken, web.laptop, 'en-US');
    await page.goto(`${system.baseUrl}/app/routes/${routeId}`);
    await roadMapRow(page, internship).locator('summary', { hasText: 'Отметить выполнение' }).click();
    const field = page.getByRole('form', { name: `Отметка о выполнении: ${internship}` }).getByLabel('Дата выполнения');
    await expect(field.getAttribute('placeholder')).resolves.toBe('дд.мм.гггг');
    await web.fillDate(field, addDays(today(), -1));
    await expect(field.inputValue()).resolves.toBe(russianDate(addDays(today(), -1)));
    // The calendar, opened from the field: Russian month and weekdays, the week from Monday.
    await field.click();
    const calendar = page.locator('[data-dates-dropdown]');
    await calendar.waitFor();
    await expect(calendar.locator('thead th').first().textContent()).resolves.toMatch(/^пн$/i);
    await expect(calendar.textContent()).resolves.toMatch(
      /январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь/i,
    );
    await context.close();
  });
});

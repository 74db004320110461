import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { academicYearOf } from '@mentorflow/domain';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { addDays, localDay } from '../support/dates';
import { freshIds } from '../support/ids';
import { activePairIn, programmeDocument, registerOrganisation, startProgramme } from '../support/programme-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

const ZONE = 'Europe/Moscow';
const IZHEVSK = 'г. Ижевск';
const GLAZOV = 'г. Глазов';
const schools = {
  /** Implements the model: the documents, a curator, a pair with its approved programme. */
  first: { name: 'МБОУ «СОШ № 1»', municipality: IZHEVSK },
  /** A programme with its curator, no document yet. */
  second: { name: 'МБОУ «Гимназия № 2»', municipality: IZHEVSK },
  /** Registered, nothing more. */
  third: { name: 'МБОУ «Лицей № 3»', municipality: GLAZOV },
} as const;

/** Today and yesterday where the browser is (the dashboard's default date is today in the user's zone). */
const today = () => localDay(ZONE);
const yesterday = () => localDay(ZONE, -1);
/** Russian figures print a no-break space before «%»: read as plain spaces. */
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * Issue 27, «The region», in the browser: coordinators' indicators of 004 slides 17–19 for a region built through
 * the API (three schools, one implementing the model), at a date, drilled down region → municipality →
 * organisation, downloaded as XLSX and CSV; a municipal coordinator sees only their municipality; a curator their
 * own organisation. Laptop and phone, with the accessibility audit. Names in every assertion.
 */
describe('web application: the coordinators’ dashboard «Показатели»', () => {
  let system: TestSystem;
  let browser: Browser;
  const region = `Удмуртская Республика ${randomUUID().slice(0, 8)}`;
  const [admin, director, curator, mentor, mentee, secondDirector, secondCurator] = freshIds(7);
  const ids: Record<keyof typeof schools, string> = { first: '', second: '', third: '' };
  let regional: string;
  let municipal: string;
  let curatorToken: string;

  beforeAll(async () => {
    await loadFixtureYearsAhead();
    ({ system, browser } = await web.startWebJourney());
    const adminToken = system.token(admin, ['administrator']);
    for (const [key, school] of Object.entries(schools) as [keyof typeof schools, (typeof schools)['first']][]) {
      const registered = await registerOrganisation(system, adminToken, { ...school, region, timeZone: ZONE });
      expect(registered.status).toBe(201);
      ids[key] = registered.body.organisationId as string;
    }
    regional = system.token(randomUUID(), ['regionalCoordinator'], [], { region });
    municipal = system.token(randomUUID(), ['regionalCoordinator'], [], { region, municipality: GLAZOV });
    curatorToken = system.token(curator, ['curator'], [ids.first]);
    const directorToken = system.token(director, ['director'], [ids.first]);
    system.token(mentor, ['mentor'], [ids.first]);
    system.token(mentee, ['mentee'], [ids.first]);

    // The first school: its documents (the road map of slide 17 among them), a pair with an approved programme.
    const { programmeId } = await startProgramme(system, ids.first, directorToken, curator);
    for (const kind of ['implementationAct', 'regulationApprovalOrder', 'roadMap']) {
      const recorded = await system.request(
        'POST',
        `/programmes/${programmeId}/documents`,
        curatorToken,
        programmeDocument(kind),
      );
      expect(recorded.status).toBe(200);
    }
    await activePairIn(system, programmeId, {
      director: directorToken,
      curator: curatorToken,
      curatorId: curator,
      mentorId: mentor,
      menteeId: mentee,
      timeZone: ZONE,
    });

    // The second school: a programme and its curator only.
    await startProgramme(system, ids.second, system.token(secondDirector, ['director'], [ids.second]), secondCurator);

    // The report facts are a projection: wait until the region's figures are complete.
    await system.eventually(
      () => system.request('GET', '/reports/region', regional),
      (r) =>
        r.status === 200 &&
        r.body.totals.organisations === 3 &&
        r.body.totals.implementing === 1 &&
        r.body.totals.withCurator === 2,
      60_000,
    );
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  it('the region report counts pairs by status, routes by stage, tasks, the road map, and names its period', async () => {
    const now = await system.request('GET', '/reports/region', regional);
    expect(now.body.period).toEqual(academicYearOf(today()));
    const count = (rows: { key: string; count: number }[], key: string) => rows.find((r) => r.key === key)?.count;
    expect(count(now.body.totals.pairsByStatus, 'active')).toBe(1);
    expect(count(now.body.totals.documents, 'roadMap')).toBe(1);
    expect(now.body.totals).toMatchObject({ pairs: 1, routes: 0, withoutDocuments: 2, overdueTasks: 0 });
    expect(now.body.totals.openTasks).toBeGreaterThan(0);
    expect(now.body.totals.routesByStage.map((r: { count: number }) => r.count)).toEqual([0, 0, 0, 0, 0]);
    // Yesterday none of the schools was registered yet.
    const before = await system.request('GET', `/reports/region?asOf=${yesterday()}`, regional);
    expect(before.body.totals).toMatchObject({ organisations: 0, pairs: 0 });
  });

  /** Opens «Показатели» by address and waits for the figures of `place` (the region or the municipality). */
  const openDashboard = async (page: Page, place: string) => {
    await page.goto(`${system.baseUrl}/app/dashboard`);
    await page.getByRole('heading', { name: `Показатели реализации ЦМН: ${place}`, level: 1 }).waitFor();
    await page.locator('.headline').waitFor();
  };
  /** The value under a headline figure's term. */
  const headline = async (page: Page, term: string) =>
    plain(
      await page
        .locator('.headline > div')
        .filter({ has: page.getByText(term, { exact: true }) })
        .locator('dd')
        .textContent(),
    );
  /** A chart's row: its count and share as they read. */
  const bar = async (page: Page, chart: string, label: string) =>
    plain(
      await page
        .getByRole('figure', { name: chart })
        .locator('.bar-row')
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator('.bar-figure')
        .textContent(),
    );

  it('the regional coordinator reads the region, changes the date, downloads it and drills down to a school', async () => {
    const { context, page } = await web.signedInPage(browser, regional);
    // A coordinator lands on «Показатели», not on «Мои задачи».
    await page.goto(`${system.baseUrl}/app/`);
    await page.getByRole('heading', { name: `Показатели реализации ЦМН: ${region}`, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/dashboard');
    await page.locator('.headline').waitFor();
    expect(await headline(page, 'Образовательных организаций')).toBe('3');
    expect(await headline(page, 'Реализуют ЦМН')).toBe('1 из 3 (33,3 %)');
    expect(await headline(page, 'С куратором')).toBe('2 из 3 (66,7 %)');
    expect(await headline(page, 'Наставнических пар/групп')).toBe('1');
    expect(
      await bar(page, 'Какие документы по наставничеству есть в организациях', 'Дорожная карта по внедрению ЦМН'),
    ).toBe('1 · 33,3 %');
    expect(await bar(page, 'Какие документы по наставничеству есть в организациях', 'Нет ни одного документа')).toBe(
      '2 · 66,7 %',
    );
    expect(await bar(page, 'Наличие куратора в организации', 'Нет куратора')).toBe('1 · 33,3 %');
    expect(await bar(page, 'Формы наставничества', 'Педагог – педагог')).toBe('1 · 100 %');
    expect(await bar(page, 'Наставнические пары/группы по статусу', 'Реализует программу')).toBe('1 · 100 %');
    const municipalities = page.getByRole('table', { name: 'Показатели по муниципальным образованиям' });
    await expect(municipalities.locator('tbody th').allTextContents()).resolves.toEqual([GLAZOV, IZHEVSK]);
    const izhevsk = await municipalities
      .locator('tbody tr')
      .filter({ hasText: IZHEVSK })
      .locator('td')
      .allTextContents();
    expect(izhevsk.map(plain)).toEqual(['2', '1 из 2 (50 %)', '2 из 2 (100 %)', '1', '0', '0']);
    const organisations = page.getByRole('table', { name: 'Показатели по образовательным организациям' });
    await expect(organisations.locator('tbody th').allTextContents()).resolves.toEqual(
      expect.arrayContaining([schools.first.name, schools.second.name, schools.third.name]),
    );
    await page.getByText(`период мониторинга — ${academicYearOf(today()).start.slice(0, 4)}/`).waitFor();
    // The periods offered are the academic years with data: the schools were registered in the current one.
    const periods = page.getByLabel('Период мониторинга (учебный год)');
    await expect(periods.locator('option').allTextContents()).resolves.toEqual([
      expect.stringMatching(new RegExp(`^${academicYearOf(today()).start.slice(0, 4)}/`)),
    ]);
    // A past date shows its academic year; choosing the current year again shows today.
    const lastYearEnd = addDays(academicYearOf(today()).start, -1);
    await web.fillDate(page.getByLabel('На дату'), lastYearEnd);
    await page.getByText(`Показатели на ${lastYearEnd.split('-').reverse().join('.')}, период мониторинга`).waitFor();
    await periods.selectOption({ index: 0 });
    await page.getByText(`период мониторинга — ${academicYearOf(today()).start.slice(0, 4)}/`).waitFor();
    await expect(web.dateIn(page.getByLabel('На дату'))).resolves.toBe(today());
    await web.screenshot(page, 'regional-dashboard');
    await web.expectAccessible(page);

    // The downloads are what is shown: the workbook's summary and the CSV carry the same figures.
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Скачать XLSX' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe(`region-${today()}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await xlsx.path()) as string) as never);
    const summary = workbook.getWorksheet('Сводка');
    const value = (label: string) => summary?.getRow(summary.getColumn(1).values.indexOf(label)).getCell(2).value;
    expect(value('Образовательных организаций')).toBe(3);
    expect(value('Реализуют целевую модель наставничества')).toBe(1);
    expect(workbook.getWorksheet('Документы')?.getColumn(1).values).toContain('Дорожная карта по внедрению ЦМН');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Скачать CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe(`region-${today()}.csv`);
    const text = readFileSync((await csv.path()) as string, 'utf8');
    expect(text).toContain('Образовательных организаций;3');
    expect(text).toContain(`${schools.first.name.replace(/"/g, '""')}`);

    // The day before the schools and the pair existed: the figures change.
    await web.fillDate(page.getByLabel('На дату'), yesterday());
    await page.getByText('На эту дату в регионе нет организаций.').waitFor();
    expect(await headline(page, 'Образовательных организаций')).toBe('0');
    expect(await headline(page, 'Наставнических пар/групп')).toBe('0');
    await web.fillDate(page.getByLabel('На дату'), today());
    await page.getByText('На эту дату в регионе нет организаций.').waitFor({ state: 'hidden' });
    expect(await headline(page, 'Наставнических пар/групп')).toBe('1');

    // Region → municipality → organisation.
    await municipalities.getByRole('link', { name: IZHEVSK }).click();
    await page.getByRole('heading', { name: `Показатели реализации ЦМН: ${IZHEVSK}`, level: 1 }).waitFor();
    await page.locator('.breadcrumbs').getByRole('link', { name: region }).waitFor();
    await expect(organisations.locator('tbody th').allTextContents()).resolves.toEqual(
      expect.arrayContaining([schools.first.name, schools.second.name]),
    );
    await expect(organisations.locator('tbody tr').count()).resolves.toBe(2);
    expect(await headline(page, 'Образовательных организаций')).toBe('2');
    await organisations.getByRole('link', { name: schools.first.name }).click();
    await page.getByRole('heading', { name: `Показатели организации: ${schools.first.name}`, level: 1 }).waitFor();
    await page.locator('.breadcrumbs').getByRole('link', { name: IZHEVSK }).waitFor();
    expect(await headline(page, 'Реализует ЦМН')).toBe('да');
    const documents = page.locator('.document-checklist li');
    await documents.filter({ hasText: 'Дорожная карта по внедрению ЦМН' }).filter({ hasText: 'есть' }).waitFor();
    await documents
      .filter({ hasText: 'Дополнительное соглашение к трудовому договору наставника' })
      .filter({ hasText: 'нет' })
      .waitFor();
    expect(await bar(page, 'Наставнические пары/группы по статусу', 'Реализует программу')).toBe('1 · 100 %');
    await web.expectAccessible(page);
    await context.close();
  });

  it('on a phone the dashboard fits the width: charts within the screen, tables scroll with their first column', async () => {
    const { context, page } = await web.signedInPage(browser, regional, web.phone);
    await openDashboard(page, region);
    await web.expectFitsWidth(page);
    expect(await headline(page, 'Реализуют ЦМН')).toBe('1 из 3 (33,3 %)');
    const chart = page.getByRole('figure', { name: 'Какие документы по наставничеству есть в организациях' });
    const box = await chart.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= web.phone.width).toBe(true);
    await expect(chart.locator('.bar-label').getByText('Дорожная карта по внедрению ЦМН').isVisible()).resolves.toBe(
      true,
    );
    // The organisations' table scrolls sideways inside its box; the name stays in view.
    const table = page.getByRole('table', { name: 'Показатели по образовательным организациям' });
    await table.scrollIntoViewIfNeeded();
    await table.evaluate((t: any) => (t.parentElement.scrollLeft = 400));
    const name = table.getByRole('link', { name: schools.third.name });
    const nameBox = await name.boundingBox();
    expect(nameBox && nameBox.x >= 0 && nameBox.x < web.phone.width / 2).toBe(true);
    await web.screenshot(page, 'regional-dashboard-phone');
    await web.expectAccessible(page);
    await context.close();
  });

  it('a municipal coordinator sees only their municipality, not the region’s others', async () => {
    const { context, page } = await web.signedInPage(browser, municipal, web.phone);
    // A municipal coordinator lands on «Показатели» of their municipality.
    await page.goto(`${system.baseUrl}/app/`);
    await page.getByRole('heading', { name: `Показатели реализации ЦМН: ${GLAZOV}`, level: 1 }).waitFor();
    await openDashboard(page, GLAZOV);
    expect(await headline(page, 'Образовательных организаций')).toBe('1');
    const organisations = page.getByRole('table', { name: 'Показатели по образовательным организациям' });
    await expect(organisations.locator('tbody th').allTextContents()).resolves.toEqual([schools.third.name]);
    await expect(page.getByRole('table', { name: 'Показатели по муниципальным образованиям' }).count()).resolves.toBe(
      0,
    );
    await expect(page.locator('main').textContent()).resolves.not.toContain(schools.first.name);
    await expect(page.locator('.breadcrumbs').getByRole('link').count()).resolves.toBe(0);
    // Another municipality is not theirs, by address either.
    await page.goto(`${system.baseUrl}/app/dashboard?municipality=${encodeURIComponent(IZHEVSK)}`);
    await page.getByRole('alert').filter({ hasText: 'Муниципальное образование не найдено' }).waitFor();
    await web.expectFitsWidth(page);
    await context.close();
  });

  it('a curator sees their own organisation’s dashboard, on a laptop and a phone', async () => {
    for (const viewport of [undefined, web.phone]) {
      const { context, page } = await web.signedInPage(browser, curatorToken, viewport);
      await page.goto(`${system.baseUrl}/app/`);
      await web.openFromMenu(page, 'Показатели');
      await page.getByRole('heading', { name: `Показатели организации: ${schools.first.name}`, level: 1 }).waitFor();
      await page.locator('.headline').waitFor();
      expect(await headline(page, 'Наставнических пар/групп')).toBe('1');
      expect(await headline(page, 'Куратор')).toBe('назначен');
      await expect(page.locator('.breadcrumbs').getByRole('link').count()).resolves.toBe(0);
      await web.expectFitsWidth(page);
      await web.expectAccessible(page);
      await context.close();
    }
  });
});

import type { Browser } from 'playwright-core';
import { freshIds } from '../support/ids';
import { addPerson } from '../support/people';
import { catalogueFile, catalogueRows } from '../support/preparation';
import {
  organisationWith,
  places,
  startProgramme,
  preparatoryDocumentsAndCandidates,
} from '../support/programme-setup';
import type { TestSystem } from '../support/system';
import * as web from '../support/web';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * The preparatory stage in the browser (issue 28): the administrator imports the further-training catalogue,
 * the curator records the problems, the director approves the analysis, the curator sees the untrained mentor by
 * name and records her training from the catalogue, then corrects it on the mentor's card.
 */
describe('web application: the preparatory stage — analysis of problems and training', () => {
  let system: TestSystem;
  let browser: Browser;
  const [admin, director, curator] = freshIds(3);
  let as: Record<'admin' | 'director' | 'curator', string>;
  let programmeId: string;
  let mentorId: string;

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    let organisationId: string;
    ({ organisationId, as } = await organisationWith(
      system,
      places.tolyatti,
      { admin: [admin, 'administrator'], director, curator },
      admin,
    ));
    ({ programmeId } = await startProgramme(system, organisationId, as.director, curator, 'Программа 2026/27'));
    mentorId = await addPerson(system, organisationId, as.admin, 'Сидорова');
    const menteeId = await addPerson(system, organisationId, as.admin, 'Петрова', { firstName: 'Анна' });
    await preparatoryDocumentsAndCandidates(system, programmeId, as.curator, { mentorId, menteeId });
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  it('the administrator imports the catalogue of further-training programmes', async () => {
    const { context, page } = await web.signedInPage(browser, as.admin);
    await page.goto(`${system.baseUrl}/app/training-catalogue`);
    await page.getByRole('heading', { name: 'Каталог программ повышения квалификации' }).waitFor();
    const file = catalogueFile(catalogueRows());
    await page.getByLabel('Файл каталога (XLSX или CSV)').setInputFiles({
      name: file.fileName,
      mimeType: 'text/csv',
      buffer: Buffer.from(file.content, 'base64'),
    });
    await page.getByRole('button', { name: 'Загрузить каталог' }).click();
    await page.locator('.alert').first().waitFor();
    // The catalogue is the system's: another journey of the run may have loaded the same two rows already.
    const [loaded] = await page.locator('.alert').allTextContents();
    const [, added, updated] = /^Каталог загружен: добавлено (\d+), обновлено (\d+)$/.exec(loaded ?? '') ?? [];
    expect(Number(added) + Number(updated)).toBe(2);
    await page.getByRole('cell', { name: 'Наставничество в образовательной организации' }).waitFor();
    await context.close();
  });

  it('the curator records a problem, the director approves the analysis', async () => {
    const curatorPage = await web.signedInPage(browser, as.curator);
    const page = curatorPage.page;
    await page.goto(`${system.baseUrl}/app/programmes/${programmeId}`);
    const checklist = page.locator('.checklist');
    await checklist.getByText('Не проведён предварительный анализ проблем').waitFor();
    await checklist.getByRole('button', { name: 'Записать проблему' }).click();
    const form = page.getByRole('form', { name: 'Записать проблему' });
    await form.getByLabel('Проблема').fill('Треть молодых педагогов не прошли аттестацию с первого раза');
    await form.getByLabel('Источник').selectOption({ label: 'Результаты аттестации' });
    await form.getByRole('button', { name: 'Записать проблему' }).click();
    await page.getByText('Проблема записана').waitFor();
    await page.getByRole('cell', { name: 'Треть молодых педагогов не прошли аттестацию с первого раза' }).waitFor();
    await web.openProgrammeScreen(page, 'Обзор');
    await checklist.getByText('Предварительный анализ проблем не утверждён руководителем').waitFor();

    const directorPage = await web.signedInPage(browser, as.director);
    await directorPage.page.goto(`${system.baseUrl}/app/programmes/${programmeId}`);
    await web.openProgrammeScreen(directorPage.page, 'Подготовка');
    await directorPage.page.getByRole('button', { name: 'Утвердить анализ проблем' }).click();
    await directorPage.page.getByText('Анализ проблем утверждён').waitFor();
    await directorPage.context.close();

    await page.reload();
    const warnings = page.getByRole('list', { name: 'Предупреждения' });
    await warnings.getByText('Не прошли обучение отобранные наставники: Сидорова М. П.').waitFor();
    await curatorPage.context.close();
  });

  it('the curator records the mentor’s training from the catalogue; the warning goes (laptop and phone)', async () => {
    const { context, page } = await web.signedInPage(browser, as.curator);
    await page.goto(`${system.baseUrl}/app/programmes/${programmeId}`);
    const warnings = page.getByRole('list', { name: 'Предупреждения' });
    await warnings.getByRole('button', { name: 'Записать обучение' }).click();
    const form = page.getByRole('form', { name: 'Записать обучение' });
    const person = form.getByRole('combobox', { name: 'Сотрудник', exact: true });
    await person.fill('Сидор');
    await page.getByRole('option', { name: 'Сидорова Мария Петровна' }).click();
    await form.getByLabel('Поиск в каталоге программ повышения квалификации').fill('настав');
    const entry = 'Наставничество в образовательной организации — ЦНППМ Самарской области, 36 ч, очная';
    await form.getByLabel('Программа из каталога').locator('option', { hasText: entry }).waitFor({ state: 'attached' });
    await form.getByLabel('Программа из каталога').selectOption({ label: entry });
    await web.fillDate(form.getByLabel('Начало обучения'), daysAgo(14));
    await web.fillDate(form.getByLabel('Окончание обучения'), daysAgo(3));
    await form.getByLabel('Номер удостоверения').fill('772412345678');
    await form.getByRole('button', { name: 'Записать обучение' }).click();
    await page.getByText('Обучение записано: Сидорова М. П.').waitFor();
    await page.getByRole('cell', { name: 'Сидорова Мария Петровна' }).waitFor();
    await web.openProgrammeScreen(page, 'Обзор');
    await warnings.waitFor({ state: 'detached' });
    await page.getByText('Все условия выполнены: этап можно завершить.').waitFor();
    await web.openProgrammeScreen(page, 'Подготовка');

    const audit = await web.accessibilityAudit(page);
    expect(audit.lang).toBe('ru');
    expect(audit.unnamed).toEqual([]);
    expect(audit.h1).toBe(1);
    expect(audit.skipped).toEqual([]);
    await web.screenshot(page, 'curator-preparatory-stage');

    await web.expectFitsPhone(page, 'Анализ проблем', 'phone-curator-preparatory-stage');
    await context.close();
  });

  it('the curator sees the training on the mentor’s card and corrects it; the card’s history says so', async () => {
    const { context, page } = await web.signedInPage(browser, as.curator);
    await page.goto(`${system.baseUrl}/app/people/${mentorId}`);
    const training = page.getByRole('region', { name: 'Обучение' });
    const row = training.getByRole('row', { name: /Наставничество в образовательной организации/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('ЦНППМ Самарской области');
    await expect(row.textContent()).resolves.toContain('772412345678');
    await expect(row.textContent()).resolves.toContain('36');
    const label = 'Исправить сведения об обучении: Наставничество в образовательной организации';
    await training.locator('summary', { hasText: label }).click();
    const form = page.getByRole('form', { name: label });
    await expect(form.getByLabel('Окончание обучения').inputValue()).resolves.toBe(
      daysAgo(3).split('-').reverse().join('.'),
    );
    await form.getByLabel('Часы').fill('72');
    await form.getByLabel('Номер удостоверения').fill('772400000001');
    await form.getByRole('button', { name: 'Сохранить исправление' }).click();
    await form.getByText('Сведения об обучении исправлены').waitFor();
    await row.getByText('772400000001').waitFor();
    await expect(row.textContent()).resolves.toContain('72');
    const history = page.getByRole('region', { name: 'История изменений' });
    await history.getByText('Сведения об обучении исправлены: часы, номер удостоверения').waitFor();
    await expect(history.textContent()).resolves.toContain('Записаны сведения об обучении');
    await web.expectAccessible(page);
    await web.screenshot(page, 'curator-person-training');
    await page.setViewportSize(web.phone);
    await web.expectFitsWidth(page);
    await context.close();
  });
});

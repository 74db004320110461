import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { staffCsv, staffRow } from '../support/people-import';
import { places, registerOrganisation } from '../support/programme-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

/** Issue 18: a curator imports the school's staff list from a file, reads a refused row's reason, applies. */
describe('web application: the curator imports staff from a spreadsheet', () => {
  let system: TestSystem;
  let browser: Browser;
  let curatorToken: string;

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    const adminToken = system.token(randomUUID(), ['administrator']);
    const organisationId = (await registerOrganisation(system, adminToken, places.tolyatti)).body
      .organisationId as string;
    curatorToken = system.token(randomUUID(), ['curator'], [organisationId]);
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  it('previews the file with a refused row and its reason, applies it and sees the counts', async () => {
    const { context, page } = await web.signedInPage(browser, curatorToken);
    await page.goto(`${system.baseUrl}/app/`);
    await page
      .getByRole('navigation', { name: 'Основное меню' })
      .getByRole('link', { name: 'Импорт сотрудников' })
      .click();
    await page.getByRole('heading', { name: 'Импорт сотрудников из Excel' }).waitFor();

    const template = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Скачать шаблон XLSX' }).click();
    expect((await template).suggestedFilename()).toBe('шаблон-сотрудники.xlsx');

    const file = staffCsv(
      [
        staffRow({ personnelKey: 'T-1', surname: 'Иванова', firstName: 'Мария', category: 'первая' }),
        staffRow({ personnelKey: 'T-2', surname: 'Петров', firstName: 'Олег', subjects: 'физика' }),
        staffRow({ personnelKey: 'T-3', firstName: 'Анна' }),
      ],
      { encoding: 'win1251' },
    );
    await page
      .getByLabel('Файл со списком сотрудников (XLSX или CSV)')
      .setInputFiles({ name: 'сотрудники.csv', mimeType: 'text/csv', buffer: file });
    await page.getByRole('button', { name: 'Проверить файл' }).click();
    await page.getByRole('heading', { name: 'Предпросмотр: сотрудники.csv' }).waitFor();
    await expect(page.getByRole('status').first().textContent()).resolves.toBe(
      'Будет создано: 2, будет изменено: 0, без изменений: 0, отклонено: 1',
    );
    const refused = page.locator('tbody tr', { hasText: 'T-3' });
    await expect(refused.textContent()).resolves.toContain('Не указана фамилия');
    await expect(refused.textContent()).resolves.toContain('отклонён');
    const audit = await web.accessibilityAudit(page);
    expect(audit.unnamed).toEqual([]);
    expect(audit.skipped).toEqual([]);
    await web.screenshot(page, 'curator-people-import');

    await page.getByRole('button', { name: 'Импортировать' }).click();
    await page.getByRole('heading', { name: 'Результат импорта: сотрудники.csv' }).waitFor();
    await page.getByText('Импорт выполнен. Создано: 2, изменено: 0, без изменений: 0, отклонено: 1.').waitFor();
    await expect(page.locator('tbody tr', { hasText: 'T-1' }).textContent()).resolves.toContain('создан');
    await context.close();
  });
});

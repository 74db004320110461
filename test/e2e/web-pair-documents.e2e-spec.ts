import type { Browser } from 'playwright-core';
import { downloadedText } from '../support/documents';
import { approvePersonalProgramme, namedPairListed, places, programmeWithCurator } from '../support/programme-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

/** Issue 22: on the pair's panel the curator downloads the assignment order and a consent as DOCX. */
describe('web application: the curator downloads a pair’s documents', () => {
  let system: TestSystem;
  let browser: Browser;
  let curator: string;
  let curatorToken: string;
  let programmeId: string;

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    const programme = await programmeWithCurator(system, places.samara);
    ({ programmeId, curatorId: curator, curator: curatorToken } = programme);
    await namedPairListed(system, programme);
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  it('downloads the assignment order and the mentee’s consent, each naming the mentee', async () => {
    const { context, page } = await web.signedInPage(browser, curatorToken);
    await page.goto(`${system.baseUrl}/app/programmes/${programmeId}`);
    await web.openProgrammeScreen(page, 'Пары и группы');
    await page.getByLabel('Пара или группа').selectOption({ index: 1 });

    const order = await downloadedText(page, 'Скачать приказ (DOCX)');
    expect(order.fileName).toBe('приказ-о-закреплении-15-к.docx');
    expect(order.text).toContain('О закреплении наставнических пар (групп)');
    expect(order.text).toContain('Петров Илья Сергеевич');
    expect(order.text).toContain('Иванова Мария Петровна');

    // The label is the name the user knows (with the directory's note when the person has not consented to processing).
    const consent = await downloadedText(page, /^Скачать согласие наставляемого Петров И\. С\./);
    expect(consent.fileName).toBe('согласие-наставляемого-Петров-И-С.docx');
    expect(consent.text).toContain('Я, Петров Илья Сергеевич');
    await context.close();
  });

  it('downloads the personalised programme once it is approved', async () => {
    const pairId = (await system.request('GET', `/pairs?programmeId=${programmeId}`, curatorToken)).body[0].pairId;
    expect((await approvePersonalProgramme(system, pairId, curatorToken, curator)).status).toBe(200);
    await system.eventually(
      () => system.request('GET', `/pairs?programmeId=${programmeId}`, curatorToken),
      (r) => r.body?.[0]?.personalProgramme !== undefined,
    );
    const { context, page } = await web.signedInPage(browser, curatorToken);
    await page.goto(`${system.baseUrl}/app/programmes/${programmeId}`);
    await web.openProgrammeScreen(page, 'Пары и группы');
    await page.getByLabel('Пара или группа').selectOption({ index: 1 });

    const programme = await downloadedText(page, 'Скачать персонализированную программу (DOCX)');
    expect(programme.fileName).toBe('персонализированная-программа.docx');
    expect(programme.text).toContain('ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА');
    expect(programme.text).toContain('Посещение занятий наставника');
    expect(programme.text).toContain('Петров Илья Сергеевич');
    await context.close();
  });
  it('downloads the analytical report of the monitoring for a period; a period ending before it begins is refused naming the field', async () => {
    const { context, page } = await web.signedInPage(browser, curatorToken);
    await page.goto(`${system.baseUrl}/app/programmes/${programmeId}`);
    await web.openProgrammeScreen(page, 'Мониторинг');
    const form = page.getByRole('form', { name: 'Аналитическая справка по итогам мониторинга' });
    await web.fillDate(form.getByLabel('Начало периода'), '2026-09-01');
    const report = await downloadedText(page, 'Скачать аналитическую справку (DOCX)', 'Справка не сформирована');
    expect(report.fileName).toMatch(/^аналитическая-справка-2026-09-01-\d{4}-\d{2}-\d{2}\.docx$/);
    expect(report.text).toContain('АНАЛИТИЧЕСКАЯ СПРАВКА');
    expect(report.text).toContain('за период с «01» сентября 2026 г.');
    expect(report.text).toContain('Наставнических пар (групп) на конец периода — 1, на начало периода — 0');

    await web.fillDate(form.getByLabel('Конец периода'), '2026-08-01');
    await page.getByRole('button', { name: 'Скачать аналитическую справку (DOCX)' }).click();
    await form.getByText('Конец периода не может быть раньше его начала').first().waitFor();
    await context.close();
  });
});

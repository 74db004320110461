import type { Browser, Page } from 'playwright-core';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { addDays, addMonths, localDay } from '../support/dates';
import { namedPairInCollege, personalProgrammePlan, places } from '../support/programme-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

const { timeZone } = places.kazanCollege;
/** Dates relative to the real now, in the organisation's zone. */
const day = (offsetDays: number) => localDay(timeZone, offsetDays);
/** дд.мм.гггг of a YYYY-MM-DD date, as the pair page shows dates. */
const ru = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

/**
 * Issue 26, correcting a pair's personalised programme in the browser: the mentor proposes a new version with
 * the reason, the commission head returns it with a comment, the mentor reads the comment and proposes again,
 * the commission head approves; the versions side by side with who proposed and who approved them, by name.
 * Then the mentee gives written notice of ending the mentoring early, on a phone. The pair is set up through HTTP.
 */
describe('web application: a personalised programme corrected, returned and approved; the mentee gives notice', () => {
  let system: TestSystem;
  let browser: Browser;
  let as: Record<'director' | 'curator' | 'head' | 'mentor' | 'mentee', string>;
  let pairId: string;
  const start = day(-10);
  const end = addDays(addMonths(start, 6), -1);
  const newEnd = addDays(addMonths(start, 8), -1);
  const lessonDate = day(20);
  const newActivityDate = day(40);

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    await loadFixtureYearsAhead();
    const pair = await namedPairInCollege(system, { orderNumber: '21-к' });
    ({ as, pairId } = pair);
    const approved = await system.request('POST', `/pairs/${pairId}/personal-programme`, as.curator, {
      ...personalProgrammePlan(start, end, lessonDate),
      controller: { personId: pair.head, role: 'commissionHead' },
    });
    expect(approved.status).toBe(200);
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  const pairName = /Иванова М\. П\..* — Петров И\. С\./;
  const openPair = (page: Page, menu: string) => web.openPairFromMenu(page, system.baseUrl, menu, pairName);
  const versions = (page: Page) => page.locator(`section[aria-labelledby="programme-versions-${pairId}"]`);
  const audited = async (page: Page) => await web.expectAccessible(page);

  it('the mentor proposes a correction: a later end and a new activity, with the reason', async () => {
    const { context, page } = await web.signedInPage(browser, as.mentor);
    await openPair(page, 'Мои пары');
    await page.getByText('Предложить корректировку программы').click();
    const form = page.getByRole('form', { name: 'Корректировка программы' });
    await form.getByLabel('Причина корректировки').fill('Открытый урок переносится, нужен разбор контрольной работы');
    await web.fillDate(form.getByLabel('Окончание программы'), newEnd);
    await form.getByRole('button', { name: 'Добавить мероприятие' }).click();
    const added = form.getByRole('group', { name: 'Мероприятие 2' });
    await added.getByLabel('Название мероприятия').fill('Разбор контрольной работы');
    await form.getByRole('button', { name: 'Предложить корректировку' }).click();
    // The new activity's date is required: said before anything is sent.
    await added.getByText('Укажите дату').waitFor();
    await web.fillDate(added.getByLabel('Плановая дата'), newActivityDate);
    await form.getByRole('button', { name: 'Предложить корректировку' }).click();
    await page.getByText('Корректировка программы предложена').waitFor();
    await page.getByTestId('correction-pending').waitFor();

    // The proposal beside the approved version: the term changed, the activity added.
    const compared = versions(page);
    await compared.getByText('Добавлено: 1, удалено: 0, изменено: 1.').waitFor();
    await expect(compared.locator('tr.diff-added').textContent()).resolves.toContain('Разбор контрольной работы');
    await expect(compared.locator('tr.diff-changed').textContent()).resolves.toContain(ru(newEnd));
    await audited(page);
    await context.close();
  });

  it('the commission head sees who proposed it and returns it with a comment, which she must give', async () => {
    const { context, page } = await web.signedInPage(browser, as.head);
    await openPair(page, 'Пары под контролем');
    // Who may read the staff directory also sees its note on a person without a consent to processing.
    const decision = page.getByRole('form', { name: 'Рассмотреть корректировку программы' });
    await decision.getByText(/Предложил\(а\) Иванова М\. П\..*Причина: Открытый урок переносится/).waitFor();
    await decision.getByLabel('Решение').selectOption({ label: 'Вернуть на доработку' });
    await decision.getByRole('button', { name: 'Записать решение' }).click();
    await decision.getByText('Заполните это поле').waitFor();
    await decision.getByLabel('Комментарий').fill('Разбор контрольной работы проведите до конца полугодия');
    await decision.getByRole('button', { name: 'Записать решение' }).click();
    await page.getByText('Корректировка возвращена наставнику с комментарием').waitFor();
    await expect(decision.count()).resolves.toBe(0);
    await audited(page);
    await context.close();
  });

  it('the mentor reads the comment, reworks the returned version and proposes it again', async () => {
    const { context, page } = await web.signedInPage(browser, as.mentor);
    await openPair(page, 'Мои пары');
    await page
      .getByTestId('correction-returned')
      .getByText(/«Разбор контрольной работы проведите до конца полугодия» — Смирнова (О\. В\.|Ольга Викторовна)/)
      .waitFor();
    // The returned version is where the rework starts: the activity and the reason are still there.
    const form = page.getByRole('form', { name: 'Корректировка программы' });
    const activity = form.getByRole('group', { name: 'Мероприятие 2' });
    await expect(activity.getByLabel('Название мероприятия').inputValue()).resolves.toBe('Разбор контрольной работы');
    await web.fillDate(activity.getByLabel('Плановая дата'), day(30));
    await form.getByRole('button', { name: 'Предложить корректировку' }).click();
    await page.getByText('Корректировка программы предложена').waitFor();
    await expect(page.getByTestId('correction-returned').count()).resolves.toBe(0);
    await context.close();
  });

  it('the commission head approves it; the versions show who proposed and who approved each, by name', async () => {
    const { context, page } = await web.signedInPage(browser, as.head);
    await openPair(page, 'Пары под контролем');
    const decision = page.getByRole('form', { name: 'Рассмотреть корректировку программы' });
    await decision.getByLabel('Решение').selectOption({ label: 'Утвердить' });
    await decision.getByRole('button', { name: 'Записать решение' }).click();
    await page.getByText('Корректировка программы утверждена').waitFor();

    const compared = versions(page);
    await compared.getByText('Добавлено: 1, удалено: 0, изменено: 1.').waitFor();
    const notes = compared.locator('.version-notes');
    await notes.getByText(/Версия 1: утверждённая программа — утвердил\(а\) /).waitFor();
    await notes
      .getByText(
        /Версия 2: корректировка — предложил\(а\) Иванова (М\. П\.|Мария Петровна).*утвердил\(а\) Смирнова (О\. В\.|Ольга Викторовна)/,
      )
      .waitFor();
    await expect(compared.locator('tr.diff-added').textContent()).resolves.toContain(ru(day(30)));
    // The programme now runs to the new end, with the new activity in its table.
    await page.getByText(`${ru(start)} — ${ru(newEnd)}. Направления: Методическая поддержка.`).waitFor();
    await page
      .getByRole('table', { name: 'Мероприятия программы' })
      .getByRole('row', { name: /Разбор контрольной работы/ })
      .waitFor();
    await audited(page);
    await compared.scrollIntoViewIfNeeded();
    await web.screenshot(page, 'pair-programme-versions');
    await context.close();
  });

  it('the mentee, on a phone, sees the versions and gives written notice; the date is required', async () => {
    const { context, page } = await web.signedInPage(browser, as.mentee, web.phone);
    await openPair(page, 'Моя пара');
    await versions(page).getByText('Добавлено: 1, удалено: 0, изменено: 1.').waitFor();
    // The correction is the mentor's: the mentee proposes none.
    await expect(page.getByRole('form', { name: 'Корректировка программы' }).count()).resolves.toBe(0);

    const notice = page.getByRole('form', { name: 'Заявление о досрочном прекращении' });
    await notice.getByRole('button', { name: 'Подать заявление' }).click();
    await notice.getByText('Укажите дату').waitFor();
    await web.fillDate(notice.getByLabel('Дата письменного заявления'), day(0));
    await notice.getByRole('button', { name: 'Подать заявление' }).click();
    await page.getByText('Заявление подано').waitFor();
    await page
      .getByTestId('termination-notice')
      .getByText(new RegExp(`^Письменное заявление наставляемого от .*: наставничество прекращается `))
      .waitFor();
    await web.expectFitsWidth(page);
    await audited(page);
    await web.screenshot(page, 'mentee-termination-notice-phone');
    await context.close();
  });
});

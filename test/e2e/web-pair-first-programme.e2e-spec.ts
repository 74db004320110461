import type { Browser, Page } from 'playwright-core';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { addDays, addMonths, localDay } from '../support/dates';
import { namedPairInCollege, places } from '../support/programme-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

const { timeZone } = places.kazanCollege;
/** Dates relative to the real now, in the organisation's zone. */
const day = (offsetDays: number) => localDay(timeZone, offsetDays);

/**
 * Issue 26, the first personalised programme in the browser: on a pair formed by order, the mentor proposes
 * the programme, the commission head returns it with a comment, the mentor reads it (with the head's name),
 * reworks and proposes again, the head approves it; the pair is then active with version 1, by name.
 * The pair is formed through HTTP; nobody approves a programme there.
 */
describe('web application: the mentor’s first programme returned by the commission head, then approved', () => {
  let system: TestSystem;
  let browser: Browser;
  let as: Record<'director' | 'curator' | 'head' | 'mentor', string>;
  let pairId: string;
  const start = day(-5);
  const end = addDays(addMonths(start, 6), -1);

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    await loadFixtureYearsAhead();
    ({ as, pairId } = await namedPairInCollege(system, { startedDaysAgo: 5, orderNumber: '22-к' }));
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  const pairName = /Иванова М\. П\..* — Петров И\. С\./;
  const pairTitle = new RegExp(`^Пара: ${pairName.source}`);
  const openAsMentor = async (page: Page) => {
    await page.goto(`${system.baseUrl}/app/tasks`);
    await page.getByRole('heading', { name: 'Мои задачи' }).waitFor();
    await web.openFromMenu(page, 'Мои пары');
    await page.getByRole('heading', { name: 'Мои пары', level: 1 }).waitFor();
    await page.getByRole('link', { name: pairName }).click();
    await page.getByRole('heading', { name: pairTitle, level: 1 }).waitFor();
  };
  // The head's list «Пары под контролем» shows active pairs; her inbox links a formed pair to its programme's
  // page (web-commission-head). Here she opens the pair's own page, where the mentor's proposal is decided.
  const openAsHead = async (page: Page) => {
    await page.goto(`${system.baseUrl}/app/pairs/${pairId}`);
    await page.getByRole('heading', { name: pairTitle, level: 1 }).waitFor();
  };
  const audited = async (page: Page) => await web.expectAccessible(page);

  it('the mentor proposes the first programme on the formed pair', async () => {
    const { context, page } = await web.signedInPage(browser, as.mentor);
    await openAsMentor(page);
    await page.getByText('Программа ещё не утверждена.').waitFor();
    await page.getByText('Предложить программу', { exact: true }).first().click();
    const form = page.getByRole('form', { name: 'Предложение программы' });
    await form.getByLabel('Пояснение к программе').fill('Составлена по итогам входной диагностики');
    await web.fillDate(form.getByLabel('Начало программы'), start);
    await web.fillDate(form.getByLabel('Окончание программы'), end);
    await form.getByLabel('Направления работы (по одному в строке)').fill('Методическая поддержка');
    await form.getByLabel('Профессиональные затруднения наставляемого (по одному в строке)').fill('Дисциплина');
    const activity = form.getByRole('group', { name: 'Мероприятие 1' });
    await activity.getByLabel('Название мероприятия').fill('Открытый урок наставляемого');
    await web.fillDate(activity.getByLabel('Плановая дата'), day(20));
    await form.getByRole('button', { name: 'Предложить программу' }).click();
    await page.getByText('Программа предложена: её рассмотрит').waitFor();
    await page
      .getByTestId('correction-pending')
      .getByText(/^Программа предложена .* и ждёт решения/)
      .waitFor();
    await audited(page);
    await context.close();
  });

  it('the commission head sees who proposed it and returns it with a comment', async () => {
    const { context, page } = await web.signedInPage(browser, as.head);
    await openAsHead(page);
    const decision = page.getByRole('form', { name: 'Рассмотреть предложенную программу' });
    // Who may read the staff directory also sees its note on a person without a consent to processing.
    await decision.getByText(/Предложил\(а\) Иванова М\. П\..*Пояснение: Составлена по итогам входной/).waitFor();
    await decision.getByLabel('Решение').selectOption({ label: 'Вернуть на доработку' });
    await decision.getByLabel('Комментарий').fill('Добавьте посещение уроков наставника');
    await decision.getByRole('button', { name: 'Записать решение' }).click();
    await page.getByText('Программа возвращена наставнику с комментарием').waitFor();
    await expect(decision.count()).resolves.toBe(0);
    await audited(page);
    await context.close();
  });

  it('the mentor reads the head’s comment with her name, reworks the programme and proposes it again', async () => {
    const { context, page } = await web.signedInPage(browser, as.mentor);
    await openAsMentor(page);
    await page
      .getByTestId('correction-returned')
      .getByText(
        /^Программа возвращена на доработку: «Добавьте посещение уроков наставника» — Смирнова (О\. В\.|Ольга Викторовна)/,
      )
      .waitFor();
    // The returned programme is where the rework starts.
    const form = page.getByRole('form', { name: 'Предложение программы' });
    await expect(form.getByLabel('Направления работы (по одному в строке)').inputValue()).resolves.toBe(
      'Методическая поддержка',
    );
    await form.getByRole('button', { name: 'Добавить мероприятие' }).click();
    const added = form.getByRole('group', { name: 'Мероприятие 2' });
    await added.getByLabel('Название мероприятия').fill('Посещение уроков наставника');
    await web.fillDate(added.getByLabel('Плановая дата'), day(10));
    await form.getByRole('button', { name: 'Предложить программу' }).click();
    await page.getByText('Программа предложена: её рассмотрит').waitFor();
    await expect(page.getByTestId('correction-returned').count()).resolves.toBe(0);
    await context.close();
  });

  it('the commission head approves it: the pair is active with version 1, proposed and approved by name', async () => {
    const { context, page } = await web.signedInPage(browser, as.head);
    await openAsHead(page);
    const decision = page.getByRole('form', { name: 'Рассмотреть предложенную программу' });
    await decision.getByText(/Мероприятия: .*Посещение уроков наставника/).waitFor();
    await decision.getByLabel('Решение').selectOption({ label: 'Утвердить' });
    await decision.getByRole('button', { name: 'Записать решение' }).click();
    await page.getByText('Программа утверждена: пара/группа активна').waitFor();
    await page.getByText('Реализует программу').first().waitFor();
    const version = page.getByTestId('programme-version');
    await version.waitFor();
    await expect(version.textContent()).resolves.toMatch(
      /^Действует версия 1: предложил\(а\) Иванова (М\. П\.|Мария Петровна).*; утвердил\(а\) Смирнова (О\. В\.|Ольга Викторовна)/,
    );
    await page
      .getByRole('table', { name: 'Мероприятия программы' })
      .getByRole('row', { name: /Посещение уроков наставника/ })
      .waitFor();
    await audited(page);
    await context.close();
  });
});

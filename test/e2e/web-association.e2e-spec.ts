import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { localDay } from '../support/dates';
import { addPerson } from '../support/people';
import { organisationWith, places } from '../support/programme-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

/**
 * The mentors' methodical association in the browser (issue 28): the curator creates it, adds two mentors by
 * name, plans an item that appears in the responsible mentor's «Мои задачи», records a meeting's minutes; the
 * member's person card lists her part in the association in its history.
 */
describe('web application: the curator keeps the mentors’ methodical association', () => {
  let system: TestSystem;
  let browser: Browser;
  const { timeZone } = places.tolyatti;
  const people = { curator: randomUUID(), mentorA: randomUUID(), mentorB: randomUUID() };
  const as = {} as Record<keyof typeof people, string>;

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    const { organisationId, as: staff } = await organisationWith(
      system,
      places.tolyatti,
      {
        curator: [people.curator, 'curator'],
        mentorA: [people.mentorA, 'mentor'],
        mentorB: [people.mentorB, 'mentor'],
      },
      randomUUID(),
    );
    Object.assign(as, staff);
    await addPerson(system, organisationId, as.curator, 'Ласточкина', {
      personId: people.mentorA,
      firstName: 'Анна',
      patronymic: 'Сергеевна',
    });
    await addPerson(system, organisationId, as.curator, 'Воробьёв', {
      personId: people.mentorB,
      firstName: 'Борис',
      patronymic: 'Игоревич',
    });
  }, 180_000);
  afterAll(() => web.stopWebJourney({ system, browser }));

  const pick = async (page: import('playwright-core').Page, typed: string, name: RegExp) => {
    const box = page.getByRole('combobox', { name: 'Наставник', exact: true });
    const option = page.getByRole('option', { name });
    for (let attempt = 1; ; attempt++) {
      await box.fill('');
      await box.fill(typed);
      const offered = await option.waitFor({ timeout: 10_000 }).then(
        () => true,
        () => false,
      );
      if (offered) break;
      const status = await page.locator('.person-picker [aria-live]').first().textContent();
      const seen = `box «${await box.inputValue()}», expanded ${await box.getAttribute('aria-expanded')}, status «${status}»`;
      process.stderr.write(`pick ${typed}: attempt ${attempt}: ${seen}\n`);
      if (attempt === 3) throw new Error(`«${typed}» typed three times, ${name} never offered: ${seen}`);
    }
    await option.click();
    await page.getByRole('button', { name: 'Включить в объединение' }).click();
  };

  it('the curator creates the association, adds two mentors by name, plans an item and records minutes', async () => {
    const { context, page } = await web.signedInPage(browser, as.curator);
    await page.goto(`${system.baseUrl}/app/associations`);
    await page.getByRole('heading', { name: 'Методическое объединение наставников' }).waitFor();
    await expect(web.menuLinks(page)).resolves.toContain('Методическое объединение');
    const create = page.getByRole('form', { name: 'Создать методическое объединение' });
    await create.getByLabel('Название').fill('МО наставников школы № 5');
    await create.getByRole('button', { name: 'Создать' }).click();
    await page.getByRole('heading', { name: 'МО наставников школы № 5' }).waitFor();

    await pick(page, 'Ласточ', /Ласточкина Анна Сергеевна/);
    await page
      .getByRole('list', { name: 'Члены объединения' })
      .getByText(/Ласточкина Анна Сергеевна/)
      .waitFor();
    // Left and entered again at once, the box keeps its list: the blur's 150 ms timer once closed it under the typing.
    const box = page.getByRole('combobox', { name: 'Наставник', exact: true });
    await box.focus();
    await page.getByRole('heading', { name: 'Члены объединения' }).click();
    await box.fill('Воробь');
    await page.getByRole('option', { name: /Воробьёв Борис Игоревич/ }).waitFor({ timeout: 10_000 });
    await pick(page, 'Воробь', /Воробьёв Борис Игоревич/);
    await page
      .getByRole('list', { name: 'Члены объединения' })
      .getByText(/Воробьёв Борис Игоревич/)
      .waitFor();

    const plan = page.getByRole('form', { name: 'Мероприятие плана' });
    await plan.getByLabel('Мероприятие').fill('Семинар «Адаптация молодого педагога»');
    await web.fillDate(plan.getByLabel('Дата'), localDay(timeZone, 30));
    await plan.getByLabel('Ответственный').selectOption({ label: 'Ласточкина Анна Сергеевна' });
    await plan.getByRole('button', { name: 'Включить в план' }).click();
    await page.getByRole('cell', { name: 'Семинар «Адаптация молодого педагога»' }).waitFor();

    const minutes = page.getByRole('form', { name: 'Протокол заседания' });
    await web.fillDate(minutes.getByLabel('Дата заседания'), localDay(timeZone, -1));
    await minutes.getByLabel('Номер протокола').fill('1');
    await minutes.getByLabel('Повестка').fill('Утверждение плана работы на учебный год');
    await minutes.getByLabel('Решения').fill('План работы утвердить');
    await minutes.getByLabel('Ласточкина Анна Сергеевна').check();
    await minutes.getByLabel('Воробьёв Борис Игоревич').check();
    await minutes.getByRole('button', { name: 'Записать протокол' }).click();
    const recorded = page.getByRole('region', { name: /^Протокол № 1 от \d\d\.\d\d\.\d{4}$/ });
    await recorded.waitFor();
    await expect(recorded.textContent()).resolves.toContain('План работы утвердить');
    await expect(recorded.textContent()).resolves.toContain('Ласточкина Анна Сергеевна, Воробьёв Борис Игоревич');

    await web.expectAccessible(page);
    await web.screenshot(page, 'curator-association');
    await context.close();
  });

  it('the responsible mentor finds the plan item in «Мои задачи» on a phone and sees the association', async () => {
    const { context, page } = await web.signedInPage(browser, as.mentorA, web.phone);
    await page.goto(`${system.baseUrl}/app/tasks`);
    const card = page.locator('.task', { hasText: 'Семинар «Адаптация молодого педагога»' });
    await system.eventually(
      async () => {
        await page.reload();
        return card.count();
      },
      (n) => n > 0,
      20_000,
    );
    await page.goto(`${system.baseUrl}/app/associations`);
    await page.getByRole('link', { name: 'МО наставников школы № 5' }).click();
    await page.getByRole('cell', { name: 'Семинар «Адаптация молодого педагога»' }).waitFor();
    await expect(page.getByRole('form', { name: 'Мероприятие плана' }).count()).resolves.toBe(0);
    await web.expectFitsWidth(page);
    await web.expectAccessible(page);
    await context.close();
  });

  it('the curator opens the member’s card: its history names the association, her plan item and the meeting', async () => {
    const { context, page } = await web.signedInPage(browser, as.curator);
    await page.goto(`${system.baseUrl}/app/people/${people.mentorA}`);
    await page.getByRole('heading', { name: 'Ласточкина Анна Сергеевна', level: 1 }).waitFor();
    const history = page.getByRole('region', { name: 'История изменений' });
    const association = 'методического объединения «МО наставников школы № 5»';
    await history.getByText(`Включение в состав ${association}`).waitFor();
    await history
      .getByText(`Ответственный за мероприятие плана «Семинар «Адаптация молодого педагога»» ${association}`)
      .waitFor();
    const meeting = history.getByText(`Участие в заседании ${association}`);
    await expect(meeting.textContent()).resolves.toMatch(/\(протокол № 1 от \d\d\.\d\d\.\d{4}\)$/);
    await expect(history.textContent()).resolves.not.toContain(people.mentorA);
    await web.expectAccessible(page);
    await web.screenshot(page, 'curator-person-association-history');
    await context.close();
  });
});

import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { localDay as localDayIn } from '../support/dates';
import { addPerson } from '../support/people';
import { registerOrganisation, startProgramme } from '../support/programme-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

const ZONE = 'Europe/Moscow';
/** A date in the organisation's zone relative to today. */
const localDay = (days: number) => localDayIn(ZONE, days);

/** The staff the curator adds through the screen: what she types, and how the lists name them. */
const staff = [
  {
    surname: 'Иванова',
    firstName: 'Мария',
    patronymic: 'Петровна',
    position: 'учитель математики',
    subjects: 'Математика',
    category: 'высшая',
    teaching: '14',
    inSubject: '10',
    short: 'Иванова М. П.',
    workEmail: '514@school12.ru',
  },
  {
    surname: 'Петров',
    firstName: 'Иван',
    patronymic: 'Сергеевич',
    position: 'учитель математики',
    subjects: 'Математика',
    category: 'без категории',
    teaching: '0',
    inSubject: '0',
    short: 'Петров И. С.',
    workEmail: '40@school12.ru',
  },
  {
    surname: 'Ёлкина',
    firstName: 'Ольга',
    patronymic: 'Игоревна',
    position: 'учитель физики',
    subjects: 'Физика',
    category: 'первая',
    teaching: '3',
    inSubject: '3',
    short: 'Ёлкина О. И.',
    workEmail: '',
  },
] as const;

/**
 * Issue 18's «done when», in the browser: a user signed in as a curator only adds staff through «Сотрудники»,
 * selects participants and forms a pair with pickers that search by surname, and reads every list and the
 * pair's history with names — no id typed anywhere.
 */
describe('web application: a curator works with people by name, never by id', () => {
  let system: TestSystem;
  let browser: Browser;
  const curator = randomUUID();
  let organisationId: string;
  let programmeId: string;
  let curatorToken: string;

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    const adminToken = system.token(randomUUID(), ['administrator']);
    const org = await registerOrganisation(system, adminToken, {
      name: 'МБОУ «Школа № 12»',
      municipality: 'г. Москва',
      region: 'Москва',
      timeZone: ZONE,
    });
    organisationId = org.body.organisationId;
    const directorToken = system.token(randomUUID(), ['director'], [organisationId]);
    curatorToken = system.token(curator, ['curator'], [organisationId]);
    // The curator is on the school's staff too (her account's subject is her person id): the history names her.
    await addPerson(system, organisationId, adminToken, 'Сидорова', {
      personId: curator,
      firstName: 'Анна',
      patronymic: 'Викторовна',
      positions: ['заместитель директора'],
    });
    ({ programmeId } = await startProgramme(
      system,
      organisationId,
      directorToken,
      curator,
      'Программа наставничества МБОУ «Школа № 12»',
    ));
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  /** The people the directory lists for a search, as the API answers the curator. */
  const listed = async (q = '') =>
    (
      await system.request(
        'GET',
        `/organisations/${organisationId}/people?q=${encodeURIComponent(q)}&limit=100`,
        curatorToken,
      )
    ).body as { personId: string; fullName: string; hasConsent: boolean }[];

  it('adds staff through «Сотрудники», finds them by surname as she types, and records a consent on a card', async () => {
    const { context, page } = await web.signedInPage(browser, curatorToken);
    await page.goto(`${system.baseUrl}/app/`);
    const menu = page.getByRole('navigation', { name: 'Основное меню' });
    await menu.getByRole('link', { name: 'Сотрудники' }).click();
    await page.getByRole('heading', { name: 'Сотрудники', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Сидорова Анна Викторовна' }).waitFor();
    // The header names her as the directory does, not by her account's placeholder.
    await page.locator('.user-name').filter({ hasText: 'Сидорова Анна Викторовна' }).waitFor();

    // An empty card is refused field by field and adds nobody.
    await page.getByText('Добавить сотрудника', { exact: true }).click();
    const form = page.getByRole('form', { name: 'Добавить сотрудника' });
    await form.getByRole('button', { name: 'Добавить', exact: true }).click();
    await form.locator('.field-invalid').first().waitFor();
    await expect(form.locator('.field-invalid label').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Фамилия', 'Имя']),
    );
    expect((await listed()).map((p) => p.fullName)).toEqual(['Сидорова Анна Викторовна']);

    for (const person of staff) {
      await form.getByLabel('Фамилия', { exact: true }).fill(person.surname);
      await form.getByLabel('Имя', { exact: true }).fill(person.firstName);
      await form.getByLabel('Отчество', { exact: true }).fill(person.patronymic);
      await form.getByLabel('Квалификационная категория').selectOption({ label: person.category });
      await form.getByLabel('Педагогический стаж, лет').fill(person.teaching);
      await form.getByLabel('Стаж по предмету, лет').fill(person.inSubject);
      await form.getByLabel('Рабочая электронная почта').fill(person.workEmail);
      await form.getByLabel('Должность', { exact: true }).fill(person.position);
      await form.getByLabel('Предметы', { exact: true }).fill(person.subjects);
      await form.getByRole('button', { name: 'Добавить', exact: true }).click();
      await form
        .getByRole('status')
        .filter({ hasText: `Сотрудник ${person.surname} ${person.firstName} ${person.patronymic} добавлен` })
        .waitFor();
    }
    const table = page.locator('section[aria-labelledby="staff-title"] table tbody');
    await table.locator('tr').nth(3).waitFor();
    // Ordered by surname; nobody has consented yet, and everyone is flagged.
    await expect(table.locator('tr td:first-child a').allTextContents()).resolves.toEqual([
      'Ёлкина Ольга Игоревна',
      'Иванова Мария Петровна',
      'Петров Иван Сергеевич',
      'Сидорова Анна Викторовна',
    ]);
    await expect(table.locator('.no-consent').count()).resolves.toBe(4);
    // Ёлкина has no work e-mail: notifications cannot reach her, and the list says so (issue 21).
    await expect(
      table
        .locator('tr')
        .filter({ has: page.locator('.no-work-email') })
        .allTextContents(),
    ).resolves.toEqual([expect.stringMatching(/^Ёлкина Ольга Игоревна.*нет адреса для уведомлений$/)]);
    await page.getByLabel('Только без адреса для уведомлений').check();
    await table.getByRole('link', { name: 'Иванова Мария Петровна' }).waitFor({ state: 'detached' });
    await expect(table.locator('tr td:first-child a').allTextContents()).resolves.toEqual(['Ёлкина Ольга Игоревна']);
    await page.getByLabel('Только без адреса для уведомлений').uncheck();
    await table.locator('tr').nth(3).waitFor();

    // Search as she types, on the server, whatever the case and ё/е.
    const search = page.getByRole('searchbox', { name: 'Поиск по фамилии' });
    await search.fill('ИВАН');
    await table.getByRole('link', { name: 'Петров Иван Сергеевич' }).waitFor({ state: 'detached' });
    await expect(table.locator('tr td:first-child a').allTextContents()).resolves.toEqual(['Иванова Мария Петровна']);
    await search.fill('елк');
    await table.getByRole('link', { name: 'Ёлкина Ольга Игоревна' }).waitFor();
    await expect(table.locator('tr').count()).resolves.toBe(1);
    await search.fill('Кузнец');
    await page.getByText('Никого не найдено.').waitFor();
    await search.fill('');

    // The card: what the form recorded, then the consent to the processing of personal data.
    await table.getByRole('link', { name: 'Иванова Мария Петровна' }).click();
    await page.getByRole('heading', { name: 'Иванова Мария Петровна', level: 1 }).waitFor();
    const card = page.locator('section[aria-labelledby="person-facts-title"]');
    await expect(card.textContent()).resolves.toContain('высшая');
    await expect(page.locator('section[aria-labelledby="employments-title"]').textContent()).resolves.toContain(
      'учитель математики (Математика)',
    );
    const consent = page.locator('section[aria-labelledby="consent-title"]');
    await consent.getByText('нет согласия на обработку ПДн').waitFor();
    await web.fillDate(consent.getByLabel('Дата согласия'), localDay(-20));
    await consent.getByLabel('Документ (реквизиты согласия)').fill('Согласие № 15');
    await consent.getByRole('button', { name: 'Записать согласие' }).click();
    await consent.getByTestId('consent').filter({ hasText: 'Согласие № 15' }).waitFor();
    await expect(consent.textContent()).resolves.not.toContain('нет согласия на обработку ПДн');

    // Editing the card: the category changes and the card shows it.
    await page.getByText('Изменить карточку', { exact: true }).click();
    const edit = page.getByRole('form', { name: 'Изменить карточку' });
    await expect(edit.getByLabel('Фамилия', { exact: true }).inputValue()).resolves.toBe('Иванова');
    await edit.getByLabel('Квалификационная категория').selectOption({ label: 'педагог-наставник' });
    await edit.getByRole('button', { name: 'Сохранить' }).click();
    await edit.getByText('Карточка сохранена').waitFor();
    await card.locator('dd').filter({ hasText: 'педагог-наставник' }).waitFor();
    // The card's history says who changed which field (never the value).
    const history = page.locator('section[aria-labelledby="person-history-title"]');
    await history.getByText(/Изменена карточка: Квалификационная категория — Сидорова А\. В\./).waitFor();
    await history.getByText(/Записано согласие на обработку ПДн/).waitFor();
    await web.screenshot(page, 'curator-person-card');

    const people = await listed();
    expect(people.find((p) => p.fullName === 'Иванова Мария Петровна')?.hasConsent).toBe(true);
    expect(people.find((p) => p.fullName === 'Петров Иван Сергеевич')?.hasConsent).toBe(false);
    await context.close();
  });

  it('selects participants with the picker, forms a pair by name, and reads the lists and the history with names', async () => {
    const { context, page } = await web.signedInPage(browser, curatorToken);
    const people = await listed();
    const idOf = (surname: string) => people.find((p) => p.fullName.startsWith(surname))!.personId;
    const proposed: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/participants')) proposed.push(JSON.parse(r.postData()!).personId);
    });
    await page.goto(`${system.baseUrl}/app/programmes/${programmeId}`);
    // The programme names its curator.
    await page.getByText('Куратор программы: Сидорова А. В.').waitFor();
    await web.openProgrammeScreen(page, 'Участники');
    const participants = page.locator('section[aria-labelledby="participants-title"]');
    await participants.getByText('Участники не отобраны.').waitFor();
    await web.unfold(page, 'Предложить кандидата');
    const proposal = page.getByRole('form', { name: 'Предложить кандидата' });

    // The mentor by mouse: the picker shows who the person is; position and experience come from the directory.
    await proposal.getByLabel('Роль').selectOption('mentor');
    await web.pickPerson(proposal, 'Сотрудник', 'иван', 'Иванова Мария Петровна — учитель математики', 'mouse');
    // The experience arrives with the card a moment after the choice.
    await page.waitForFunction(
      (input) => (input as { value: string } | null)?.value === '14',
      await proposal.getByLabel('Педагогический стаж, лет').elementHandle(),
    );
    await expect(proposal.getByLabel('Должность', { exact: true }).inputValue()).resolves.toBe('учитель математики');
    await expect(proposal.getByLabel('Стаж по предмету, лет').inputValue()).resolves.toBe('10');
    await proposal.getByRole('button', { name: 'Предложить' }).click();
    const rows = participants.locator('tbody tr');
    await rows.filter({ hasText: 'Иванова М. П.' }).waitFor();

    // The mentee by keyboard; he has not consented to the processing of personal data, and is flagged.
    await proposal.getByLabel('Роль').selectOption('mentee');
    await web.pickPerson(proposal, 'Сотрудник', 'Петр', 'Петров Иван Сергеевич — учитель математики', 'keyboard');
    await proposal.getByRole('button', { name: 'Предложить' }).click();
    const menteeRow = rows.filter({ hasText: 'Петров И. С.' });
    await menteeRow.getByText('нет согласия на обработку ПДн').waitFor();
    await expect(rows.filter({ hasText: 'Иванова М. П.' }).textContent()).resolves.not.toContain(
      'нет согласия на обработку ПДн',
    );

    // The commission's meeting names each candidate.
    const meeting = page.getByRole('form', { name: 'Заседание комиссии по кандидатам' });
    await web.fillDate(meeting.getByLabel('Дата заседания'), localDay(-1));
    await meeting.getByLabel('Номер протокола').fill('3');
    await meeting.getByLabel('Присутствовали (по одному в строке)').fill('Иванова М. П.\nЁлкина О. И.');
    await meeting.getByLabel(/^Решение: Наставник Иванова М\. П\./).selectOption('approved');
    await meeting.getByLabel(/^Решение: Наставляемый Петров И\. С\./).selectOption('approved');
    await meeting.getByRole('button', { name: 'Внести решения комиссии' }).click();
    await rows.filter({ hasText: 'Петров И. С.' }).getByText('Отобран', { exact: true }).waitFor();
    await rows.filter({ hasText: 'Иванова М. П.' }).getByText('Отобран', { exact: true }).waitFor();

    // The pair: chosen by name among the selected participants.
    await web.openProgrammeScreen(page, 'Пары и группы');
    await page.getByText('Сформировать пару или группу', { exact: true }).first().click();
    const form = page.getByRole('form', { name: 'Сформировать пару или группу' });
    await form
      .getByLabel('Наставник', { exact: true })
      .selectOption({ label: 'Иванова М. П. — учитель математики, Математика' });
    await form.getByRole('checkbox', { name: /^Петров И\. С\./ }).check();
    await web.fillDate(form.getByLabel('Дата согласия наставника Иванова М. П.'), localDay(-10));
    await form.getByLabel('Номер приказа').fill('21-к');
    await web.fillDate(form.getByLabel('Дата приказа'), localDay(-7));
    await form.getByLabel('Кем подписан приказ').fill('Директор А. А. Смирнов');
    await web.fillDate(form.getByLabel('Начало', { exact: true }), localDay(-7));
    await web.fillDate(form.getByLabel('Окончание', { exact: true }), localDay(400));
    // A consent left out: the refusal names the mentee, not her id.
    await form.getByRole('button', { name: 'Закрепить приказом' }).click();
    await expect(form.getByRole('alert').textContent()).resolves.toContain(
      'Нет письменного согласия наставляемого (Петров И. С.)',
    );
    await web.fillDate(form.getByLabel(/^Дата согласия наставляемого Петров И\. С\./), localDay(-10));
    await form.getByRole('button', { name: 'Закрепить приказом' }).click();
    await form.getByText('Пара закреплена приказом № 21-к').waitFor();
    const pairRow = page.locator('section[aria-labelledby="pairs-title"] tbody tr');
    await pairRow.filter({ hasText: /Иванова М\. П\..*Петров И\. С\./ }).waitFor();
    await expect(page.getByLabel('Пара или группа').textContent()).resolves.toContain(
      'наставник Иванова М. П., наставляемые Петров И. С.',
    );
    await web.screenshot(page, 'curator-programme-names');

    // The controller of the personalised programme is chosen by name too.
    await page.getByLabel('Пара или группа').selectOption({ index: 1 });
    await page.locator('details[data-action="approve"] summary').click();
    const approve = page.getByRole('form', { name: 'Утвердить персонализированную программу' });
    await approve.getByRole('combobox', { name: 'Контролирующий' }).waitFor();

    // The pair's history names the mentor and the mentee.
    await pairRow.getByRole('link', { name: 'История' }).click();
    await page.getByRole('heading', { name: 'История пары' }).waitFor();
    const formed = page.locator('.timeline-PairFormed');
    await formed.getByText('Наставник Иванова М. П., наставляемые: Петров И. С.').waitFor();
    // Who did it: the curator by name and role (she has not consented yet, and is flagged here too).
    await formed
      .locator('dd', { hasText: 'Сидорова А. В.' })
      .filter({ hasText: 'нет согласия на обработку ПДн — Куратор' })
      .waitFor();
    // The audit's search finds the pair by the mentor's surname and names her.
    await expect((await web.auditSearch(page, 'Иванова')).first().textContent()).resolves.toContain('Иванова М. П.');
    await web.screenshot(page, 'curator-pair-history-names');

    // What the browser sent names people by the ids the pickers chose; nothing was typed as an id.
    const pair = (await system.request('GET', `/pairs?programmeId=${programmeId}`, curatorToken)).body[0];
    expect(pair).toMatchObject({ mentorId: idOf('Иванова'), menteeIds: [idOf('Петров')] });
    expect(proposed).toEqual([idOf('Иванова'), idOf('Петров')]);
    await context.close();
  });

  it('keeps the staff screen accessible (named controls, one h1, no skipped heading) and usable on a phone', async () => {
    const { context, page } = await web.signedInPage(browser, curatorToken);
    await page.goto(`${system.baseUrl}/app/people`);
    await page.locator('section[aria-labelledby="staff-title"] tbody tr').first().waitFor();
    await web.expectAccessible(page);
    await web.screenshot(page, 'curator-staff');
    // On a phone: one column, nothing cut off horizontally (the table scrolls inside its frame).
    await page.setViewportSize(web.phone);
    await page.reload();
    await page.locator('section[aria-labelledby="staff-title"] tbody tr').first().waitFor();
    await web.expectFitsWidth(page);
    await context.close();
  });
});

import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { localDay as localDayIn } from '../support/dates';
import type { TestSystem } from '../support/system';
import * as web from '../support/web';

const ZONE = 'Europe/Samara';
/** A date in the organisation's zone relative to today: no year that becomes the past. */
const localDay = (days: number) => localDayIn(ZONE, days);

const SCHOOL = 'МБОУ «Средняя школа № 17»';

/** The staff the administrator adds: who they are, and (director, curator) the account they sign in with. */
const staff = {
  director: {
    surname: 'Петрова',
    firstName: 'Елена',
    patronymic: 'Ивановна',
    position: 'директор',
    short: 'Петрова Е. И.',
  },
  curator: {
    surname: 'Смирнова',
    firstName: 'Ольга',
    patronymic: 'Николаевна',
    position: 'заместитель директора',
    short: 'Смирнова О. Н.',
  },
  mentor: {
    surname: 'Кузнецова',
    firstName: 'Марина',
    patronymic: 'Андреевна',
    position: 'учитель физики',
    short: 'Кузнецова М. А.',
  },
  mentee: {
    surname: 'Волков',
    firstName: 'Дмитрий',
    patronymic: 'Сергеевич',
    position: 'учитель физики',
    short: 'Волков Д. С.',
  },
} as const;
type Who = keyof typeof staff;
/** A label that begins with `text` (a name may be followed by the «нет согласия» flag). */
const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
const fullName = (who: Who) => `${staff[who].surname} ${staff[who].firstName} ${staff[who].patronymic}`;

/**
 * Issue 26, the school's side: from an empty system to a closed programme, in the browser. The administrator
 * registers the school, its users and staff; the director starts the programme, appoints the curator and
 * registers the orders; the curator selects participants, forms the pair, plans and returns a stage, and closes
 * the programme after seeing the pair still working. Every step in the browser, on the programme's screens
 * (issue 26): the curator's home page says where the programme stands and what blocks the next stage.
 */
describe('web application: a school year from an empty system to a closed programme', () => {
  let system: TestSystem;
  let browser: Browser;
  let adminToken: string;
  const subs: Record<'director' | 'curator', string> = { director: randomUUID(), curator: randomUUID() };
  let programmeId: string;
  const tokens: Partial<Record<'director' | 'curator', string>> = {};

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    adminToken = system.token(randomUUID(), ['administrator']);
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  /** Signs in as a user the administrator registered in the browser (development sign-in by subject). */
  const signInAs = async (who: 'director' | 'curator') => {
    tokens[who] ??= (await system.request('POST', '/auth/dev-token', undefined, { sub: subs[who] })).body
      .token as string;
    return web.signedInPage(browser, tokens[who]);
  };

  /** The main screen on a phone: nothing cut off sideways, and the accessibility audit as on a laptop. */
  const phoneCheck = async (page: Page, heading: string, name: string) => {
    await page.setViewportSize(web.phone);
    await page.reload();
    await page.getByRole('heading', { name: heading }).first().waitFor();
    await web.expectFitsWidth(page);
    await web.screenshot(page, name);
  };

  /** A document from the documents screen's form (opened by the checklist's item, or unfolded here). */
  const registerDocument = async (page: Page, kind: string, number: string) => {
    await web.openProgrammeScreen(page, 'Документы');
    await web.unfold(page, 'Зарегистрировать документ');
    const form = page.getByRole('form', { name: 'Зарегистрировать документ' });
    await form.getByLabel('Вид документа').selectOption(kind);
    await form.getByLabel('Номер', { exact: true }).fill(number);
    await web.fillDate(form.getByLabel('Дата документа'), localDay(-1));
    await form.getByLabel('Кем подписан', { exact: true }).fill('Директор Е. И. Петрова');
    await form.getByRole('button', { name: 'Зарегистрировать', exact: true }).click();
    await form
      .getByRole('status')
      .filter({ hasText: `№ ${number} зарегистрирован` })
      .waitFor();
  };

  const programme = () => system.request('GET', `/programmes/${programmeId}`, tokens.curator ?? adminToken);
  const checklist = (page: Page): Locator => page.locator('.checklist');
  /** The gate reads projections: once the checklist is empty there, the overview (reloaded) offers the advance. */
  const advance = async (page: Page, to: string) => {
    const ready = await system.eventually(programme, (r) => r.body.nextStageChecklist?.length === 0);
    expect(ready.body.nextStageChecklist).toEqual([]);
    await page.reload();
    await web.openProgrammeScreen(page, 'Обзор');
    await page.getByText('Все условия выполнены: этап можно завершить.').waitFor();
    await page.getByRole('button', { name: 'Завершить этап и перейти к следующему' }).click();
    await page.getByText(`Программа переведена на этап «${to}»`).waitFor();
  };

  it('administrator: registers the school with its time zone by city, its users (a typo corrected in place) and staff', async () => {
    const { context, page } = await web.signedInPage(browser, adminToken);
    const empty = (await system.request('GET', '/organisations?limit=1', adminToken)).body.length === 0;
    await page.goto(`${system.baseUrl}/app/`);
    if (empty) {
      // On an empty system the landing page says what to do first.
      await page.getByText('Организаций пока нет. Начните с регистрации образовательной организации').waitFor();
    } else {
      await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Организации' }).click();
      await page.getByRole('button', { name: 'Зарегистрировать организацию' }).click();
    }
    const register = page.getByRole('form', { name: 'Зарегистрировать организацию' });
    await register.getByLabel('Полное название').fill(SCHOOL);
    await register.getByLabel('Регион').fill('Самарская область');
    await register.getByLabel('Муниципалитет').fill('г. Тольятти');
    // Zones by city, not IANA names.
    await expect(register.getByLabel('Часовой пояс').locator('option').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Самара, Ижевск (МСК+1, UTC+4)', 'Владивосток, Хабаровск (МСК+7, UTC+10)']),
    );
    await register.getByRole('button', { name: 'Зарегистрировать' }).click();
    // Without a zone: refused next to the field, nothing registered.
    await register.locator('.field-invalid').filter({ hasText: 'Часовой пояс' }).waitFor();
    await register.getByLabel('Часовой пояс').selectOption({ label: 'Самара, Ижевск (МСК+1, UTC+4)' });
    await register.getByRole('button', { name: 'Зарегистрировать' }).click();
    await page.getByText(`Организация «${SCHOOL}» зарегистрирована`).waitFor();
    await page.getByLabel('Поиск организации').fill('тольятти');
    const row = page.locator('table tbody tr').filter({ hasText: SCHOOL });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Самара, Ижевск (МСК+1, UTC+4)');
    await web.screenshot(page, 'admin-organisations');
    await web.expectAccessible(page);

    // Users: the director's name typed wrong is corrected on the same account, never a second one.
    await page
      .getByRole('navigation', { name: 'Основное меню' })
      .getByRole('link', { name: 'Пользователи и роли' })
      .click();
    const create = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Новый пользователь' }) });
    const card = (sub: string) => page.locator('li.card').filter({ hasText: sub });
    const search = page.getByLabel('Поиск пользователя');
    /** The user's card, found by her sign-in subject (by name she may be past the first hundred). */
    const find = async (sub: string) => {
      await search.fill(sub);
      await card(sub).waitFor();
      return card(sub);
    };
    for (const [who, typed] of [
      ['director', 'Петрва Елена Ивановна'],
      ['curator', fullName('curator')],
    ] as const) {
      await create.getByLabel('ФИО').fill(typed);
      await create.getByLabel('Идентификатор входа (sub)').fill(subs[who]);
      await create.getByRole('button', { name: 'Зарегистрировать' }).click();
      // The list shows the user just registered, whatever her place in it.
      await card(subs[who]).waitFor();
      await expect(search.inputValue()).resolves.toBe(subs[who]);
    }
    // Found by part of the name too, in any case.
    await search.fill('ПЕТРВА');
    await card(subs.director).waitFor();
    await (
      await find(subs.director)
    )
      .getByRole('button', { name: 'Исправить пользователя Петрва Елена Ивановна' })
      .click();
    const edit = page.getByRole('form', { name: 'Исправить пользователя Петрва Елена Ивановна' });
    await edit.getByLabel('ФИО').fill(fullName('director'));
    await edit.getByRole('button', { name: 'Сохранить' }).click();
    await card(subs.director)
      .getByRole('heading', { name: fullName('director') })
      .waitFor();
    await expect(page.locator('li.card').filter({ hasText: subs.director }).count()).resolves.toBe(1);

    for (const [who, role] of [
      ['director', 'Руководитель'],
      ['curator', 'Куратор'],
    ] as const) {
      const user = await find(subs[who]);
      await user.getByLabel('Роль').selectOption({ label: role });
      await user.getByLabel('Организация').selectOption({ label: SCHOOL });
      await user.getByRole('button', { name: 'Назначить роль' }).click();
      await user.getByText(`${role} — ${SCHOOL}`).waitFor();
    }
    // The municipal coordinator is granted by region and municipality.
    const coordinatorSub = randomUUID();
    await create.getByLabel('ФИО').fill('Орлова Татьяна Викторовна');
    await create.getByLabel('Идентификатор входа (sub)').fill(coordinatorSub);
    await create.getByRole('button', { name: 'Зарегистрировать' }).click();
    await card(coordinatorSub).getByLabel('Роль').selectOption({ label: 'Муниципальный/региональный координатор' });
    await card(coordinatorSub).getByLabel('Регион').fill('Самарская область');
    await card(coordinatorSub).getByLabel('Муниципалитет (для муниципального координатора)').fill('г. Тольятти');
    await card(coordinatorSub).getByRole('button', { name: 'Назначить роль' }).click();
    await card(coordinatorSub).getByText('Муниципальный/региональный координатор — г. Тольятти').waitFor();

    // Staff: the director's and the curator's cards linked to their accounts; the mentor and the mentee.
    // «Сотрудники» from the menu (the app opened afresh knows the new school), the school chosen by name when
    // the administrator keeps several.
    await page.goto(`${system.baseUrl}/app/`);
    await web.openFromMenu(page, 'Сотрудники');
    await page.getByText('Добавить сотрудника', { exact: true }).waitFor();
    const school = page.getByRole('main').getByRole('combobox', { name: 'Организация', exact: true });
    if ((await school.count()) > 0) await school.selectOption({ label: SCHOOL });
    await page.getByText('Добавить сотрудника', { exact: true }).click();
    const add = page.getByRole('form', { name: 'Добавить сотрудника' });
    for (const who of ['director', 'curator', 'mentor', 'mentee'] as const) {
      const person = staff[who];
      await add.getByLabel('Фамилия', { exact: true }).fill(person.surname);
      await add.getByLabel('Имя', { exact: true }).fill(person.firstName);
      await add.getByLabel('Отчество', { exact: true }).fill(person.patronymic);
      await add.getByLabel('Педагогический стаж, лет').fill(who === 'mentor' ? '15' : who === 'mentee' ? '1' : '20');
      await add.getByLabel('Стаж по предмету, лет').fill(who === 'mentor' ? '12' : who === 'mentee' ? '1' : '10');
      await add.getByLabel('Должность', { exact: true }).fill(person.position);
      await add.getByLabel('Предметы', { exact: true }).fill(who === 'mentor' || who === 'mentee' ? 'Физика' : '');
      if (who === 'director' || who === 'curator')
        await add
          .getByLabel('Учётная запись для входа (необязательно)')
          .selectOption({ label: `${fullName(who)} (${subs[who]})` });
      await add.getByRole('button', { name: 'Добавить', exact: true }).click();
      await add
        .getByRole('status')
        .filter({ hasText: `Сотрудник ${fullName(who)} добавлен` })
        .waitFor();
    }
    await page.getByRole('link', { name: fullName('mentee') }).waitFor();
    await context.close();
  });

  it('director: starts the programme for the academic year, appoints the curator by name and registers the orders', async () => {
    const { context, page } = await signInAs('director');
    await page.goto(`${system.baseUrl}/app/`);
    await page.getByText('Программ пока нет: начните программу наставничества организации.').waitFor();
    const start = page.getByRole('form', { name: 'Начать программу' });
    await expect(start.getByLabel('Название программы').inputValue()).resolves.toMatch(
      /^Программа наставничества педагогических работников на \d{4}\/\d{2} учебный год$/,
    );
    await page.getByText(/учебный год — с 01\.09\.\d{4} по 31\.08\.\d{4}/).waitFor();
    await start.getByRole('button', { name: 'Начать программу' }).click();
    await page.getByRole('heading', { name: 'Условия перехода к следующему этапу' }).waitFor();
    programmeId = page.url().split('/programmes/')[1] as string;

    // «Не назначен куратор» leads the director to the picker that fixes it.
    await checklist(page).getByText('Не назначен куратор программы наставничества').waitFor();
    await checklist(page).getByRole('button', { name: 'Назначить куратора' }).click();
    const appoint = page.getByRole('form', { name: 'Назначить куратора' });
    await web.pickPerson(appoint, 'Куратор', 'смир', `${fullName('curator')} — ${staff.curator.position}`);
    await appoint.getByRole('button', { name: 'Назначить куратора' }).click();
    await page.getByText(`Куратор программы: ${staff.curator.short}`).waitFor();
    await checklist(page).getByText('Не назначен куратор').waitFor({ state: 'detached' });

    // The orders: the checklist's item opens the documents screen with the form open, the kind chosen.
    await checklist(page).getByRole('button', { name: 'Зарегистрировать документ' }).first().click();
    await page.getByRole('form', { name: 'Зарегистрировать документ' }).waitFor();
    await registerDocument(page, 'implementationAct', '45-од');
    await registerDocument(page, 'regulationApprovalOrder', '46-од');
    await web.openProgrammeScreen(page, 'Обзор');
    await checklist(page)
      .getByText(/Приказ об утверждении положения/)
      .waitFor({ state: 'detached' });
    await web.screenshot(page, 'director-programme');
    await web.expectAccessible(page);
    await phoneCheck(page, 'Этапы программы', 'phone-director-programme');
    await context.close();
  });

  it('curator: selects participants from the directory, forms the pair by names, plans, returns a stage and closes the programme', async () => {
    const { context, page } = await signInAs('curator');
    await page.goto(`${system.baseUrl}/app/`);
    // Her home page: where the programme stands and what blocks the next stage, each item a link to its screen.
    await page.getByRole('heading', { name: 'Главная', level: 1 }).waitFor();
    const standing = page.locator('section.card').filter({
      has: page.getByRole('link', { name: /^Программа наставничества педагогических работников/ }),
    });
    await standing.getByText('Текущий этап: Подготовительный').waitFor();
    const blockers = standing.getByRole('list', { name: 'Невыполненные условия' });
    await blockers.getByText('Не отобран ни один наставник').waitFor();
    await expect(blockers.getByRole('link', { name: 'Отобрать наставника' }).count()).resolves.toBe(1);
    await page.getByRole('heading', { name: 'Просроченные задачи' }).waitFor();
    await web.screenshot(page, 'curator-home');
    await web.expectAccessible(page);
    await phoneCheck(page, 'Главная', 'phone-curator-home');
    await page.setViewportSize(web.laptop);

    // The overview, and from its checklist the participants' screen with the proposal open; «back» returns.
    await standing.getByRole('link', { name: /^Программа наставничества педагогических работников/ }).click();
    await page.getByText(`Куратор программы: ${staff.curator.short}`).waitFor();
    await checklist(page).getByRole('button', { name: 'Отобрать наставника' }).click();
    const proposal = page.getByRole('form', { name: 'Предложить кандидата' });
    await proposal.waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Условия перехода к следующему этапу' }).waitFor();
    await page.goForward();

    // Participants from the staff directory: the picker fills in the position and experience.
    for (const who of ['mentor', 'mentee'] as const) {
      await proposal.getByLabel('Роль').selectOption(who);
      await web.pickPerson(
        proposal,
        'Сотрудник',
        staff[who].surname.slice(0, 4),
        `${fullName(who)} — ${staff[who].position}`,
      );
      await page.waitForFunction(([input, years]) => (input as { value: string } | null)?.value === years, [
        await proposal.getByLabel('Педагогический стаж, лет').elementHandle(),
        who === 'mentor' ? '15' : '1',
      ] as const);
      await proposal.getByRole('button', { name: 'Предложить' }).click();
      await page
        .locator('section[aria-labelledby="participants-title"] tbody tr')
        .filter({ hasText: staff[who].short })
        .waitFor();
    }
    // The commission's meeting (the commission head's screen is another's): the curator records it here.
    const meeting = page.getByRole('form', { name: 'Заседание комиссии по кандидатам' });
    await web.fillDate(meeting.getByLabel('Дата заседания'), localDay(-1));
    await meeting.getByLabel('Номер протокола').fill('1');
    await meeting.getByLabel('Присутствовали (по одному в строке)').fill('Петрова Е. И.\nСмирнова О. Н.');
    await meeting.getByLabel(startsWith(`Решение: Наставник ${staff.mentor.short}`)).selectOption('approved');
    await meeting.getByLabel(startsWith(`Решение: Наставляемый ${staff.mentee.short}`)).selectOption('approved');
    await meeting.getByRole('button', { name: 'Внести решения комиссии' }).click();
    // The preliminary analysis of problems (issue 28): the curator records one, the director approves it.
    await web.openProgrammeScreen(page, 'Обзор');
    await checklist(page).getByRole('button', { name: 'Записать проблему' }).click();
    const problem = page.getByRole('form', { name: 'Записать проблему' });
    await problem.getByLabel('Проблема').fill('Молодые педагоги уходят из школы в первые два года');
    await problem.getByLabel('Источник').selectOption({ label: 'Результаты аттестации' });
    await problem.getByRole('button', { name: 'Записать проблему' }).click();
    await page.getByText('Проблема записана').waitFor();
    const director = await signInAs('director');
    await director.page.goto(`${system.baseUrl}/app/`);
    // The director's home page links the unapproved analysis to the screen that approves it.
    await director.page.getByRole('link', { name: 'Перейти к анализу проблем' }).click();
    await director.page.getByRole('button', { name: 'Утвердить анализ проблем' }).click();
    await director.page.getByText('Анализ проблем утверждён').waitFor();
    await director.context.close();
    await advance(page, 'Проектировочный');

    // A deadline for the design stage.
    await page.getByRole('button', { name: 'Задать плановый срок этапа' }).click();
    const plan = page.getByRole('form', { name: 'Плановый срок этапа' });
    await plan.getByLabel('Этап').selectOption({ label: 'Проектировочный' });
    await web.fillDate(plan.getByLabel('Плановая дата окончания'), localDay(30));
    await plan.getByRole('button', { name: 'Сохранить срок' }).click();
    const plans = page.locator('section[aria-labelledby="plans-title"] table');
    await plans.getByText('Проектировочный').waitFor();
    await expect(plans.textContent()).resolves.toContain(localDay(30).split('-').reverse().join('.'));

    // The road map, and the pair formed with every label naming people.
    await registerDocument(page, 'roadMap', '50-од');
    await web.openProgrammeScreen(page, 'Обзор');
    await checklist(page).getByRole('button', { name: 'Сформировать пару или группу' }).click();
    const form = page.getByRole('form', { name: 'Сформировать пару или группу' });
    // The mentor among the selected participants, by name (with the position and subject the directory gave).
    const mentorField = form.getByLabel('Наставник', { exact: true });
    const mentorOption = mentorField.locator('option', { hasText: staff.mentor.short });
    // Nobody recorded the staff's consent to the processing of personal data here: the names carry the flag.
    await expect(mentorOption.textContent()).resolves.toBe(
      `${staff.mentor.short} (нет согласия на обработку ПДн) — учитель физики, Физика`,
    );
    await mentorField.selectOption((await mentorOption.getAttribute('value')) as string);
    await form.getByRole('checkbox', { name: startsWith(staff.mentee.short) }).check();
    await web.fillDate(form.getByLabel(startsWith(`Дата согласия наставника ${staff.mentor.short}`)), localDay(-10));
    await web.fillDate(form.getByLabel(startsWith(`Дата согласия наставляемого ${staff.mentee.short}`)), localDay(-10));
    await form.getByLabel('Номер приказа').fill('17-к');
    await web.fillDate(form.getByLabel('Дата приказа'), localDay(-7));
    await form.getByLabel('Кем подписан приказ').fill('Директор Е. И. Петрова');
    await web.fillDate(form.getByLabel('Начало', { exact: true }), localDay(-7));
    await web.fillDate(form.getByLabel('Окончание', { exact: true }), localDay(400));
    await form.getByRole('button', { name: 'Закрепить приказом' }).click();
    await form.getByText('Пара закреплена приказом № 17-к').waitFor();

    // The pair's personalised programme, approved on the pairs screen from the checklist: the form opens on the pair.
    await web.openProgrammeScreen(page, 'Обзор');
    await checklist(page).getByRole('button', { name: 'Утвердить персонализированную программу' }).click();
    const approve = page.getByRole('form', { name: 'Утвердить персонализированную программу' });
    await approve.waitFor({ state: 'visible' });
    await expect(page.getByLabel('Пара или группа').locator('option:checked').textContent()).resolves.toContain(
      `наставник ${staff.mentor.short}`,
    );
    await web.fillDate(approve.getByLabel('Окончание программы'), localDay(300));
    await approve.getByLabel('Направления работы (по одному в строке)').fill('Методическая поддержка');
    await approve
      .getByLabel('Профессиональные затруднения наставляемого (по одному в строке)')
      .fill('Организация дисциплины');
    await approve.getByLabel('Название мероприятия').fill('Открытый урок наставляемого');
    await web.fillDate(approve.getByLabel('Плановая дата'), localDay(30));
    await approve.getByRole('button', { name: 'Утвердить программу' }).click();
    await page.getByText('Персонализированная программа утверждена').waitFor();
    const pairRow = page.locator('section[aria-labelledby="pairs-title"] tbody tr').filter({
      hasText: staff.mentor.short,
    });
    await pairRow.getByText('Реализует программу').waitFor();
    await advance(page, 'Реализационный');

    // Returned to design with a reason (kept in the history), then forward again.
    await page.getByRole('button', { name: 'Вернуть на предыдущий этап' }).click();
    const back = page.getByRole('form', { name: 'Вернуть на предыдущий этап' });
    await back.getByLabel('Вернуть на этап').selectOption({ label: 'Проектировочный' });
    await back.getByRole('button', { name: 'Вернуть' }).click();
    await back.locator('.field-invalid').filter({ hasText: 'Причина возврата' }).waitFor();
    await back.getByLabel('Причина возврата').fill('Дорожная карта уточняется после заседания совета');
    await back.getByRole('button', { name: 'Вернуть' }).click();
    await page.getByText('Программа возвращена на этап «Проектировочный»').waitFor();
    const history = await system.request('GET', `/programmes/${programmeId}/history`, tokens.curator);
    expect(history.body.find((e: { type: string }) => e.type === 'StageReturned')).toMatchObject({
      type: 'StageReturned',
      data: { to: 'design', reason: 'Дорожная карта уточняется после заседания совета' },
    });
    await advance(page, 'Реализационный');

    // The interim control, from the checklist: its form opens on the pair that has not passed it.
    await checklist(page).getByRole('button', { name: 'Провести промежуточный контроль' }).click();
    const interim = page.getByRole('form', { name: 'Провести промежуточный контроль' });
    await interim.waitFor({ state: 'visible' });
    await interim.getByLabel('Комментарий контролирующего').fill('План выполняется');
    await interim.getByRole('button', { name: 'Записать результат' }).click();
    await page.getByText('Промежуточный контроль записан').waitFor();
    await advance(page, 'Рефлексивно-аналитический');

    // Monitoring results (002 §10) on the monitoring screen, each stage's item of the checklist opening the form
    // with its first indicator chosen. The gate counts results whose period reaches into the programme (begun today).
    for (const [stage, indicator, value] of [
      [
        'Мониторинг процесса',
        'Доля обучающихся наставляемого, успешно прошедших ВПР/ГИА/демонстрационный экзамен, %',
        '87.5',
      ],
      [
        'Мониторинг влияния',
        'Качество и темпы адаптации молодого (менее опытного, сменившего место работы) специалиста (оценка 1–5)',
        '4',
      ],
    ] as const) {
      await web.openProgrammeScreen(page, 'Обзор');
      await checklist(page)
        .locator('li')
        .filter({ hasText: `этапа «${stage}` })
        .getByRole('button', { name: 'Внести результат мониторинга' })
        .click();
      const form = page.getByRole('form', { name: 'Внести результат мониторинга' });
      await form.getByLabel('Показатель').selectOption({ label: indicator });
      await form.getByLabel('Значение').fill(value);
      await web.fillDate(form.getByLabel('Начало периода'), localDay(0));
      await web.fillDate(form.getByLabel('Конец периода'), localDay(0));
      await form.getByRole('button', { name: 'Внести результат' }).click();
      await form.getByRole('status').filter({ hasText: 'внесён' }).waitFor();
      await page.locator('section[aria-labelledby="monitoring-title"] tbody tr').filter({ hasText: stage }).waitFor();
    }
    await registerDocument(page, 'processMonitoringReport', '60-од');
    await registerDocument(page, 'influenceMonitoringReport', '61-од');
    await advance(page, 'Результативный');
    await registerDocument(page, 'finalReport', '70-од');

    // Closing: the curator first sees the pair still working, by names, then confirms.
    await system.eventually(programme, (r) => r.body.nextStageChecklist?.length === 0);
    await page.reload();
    await web.openProgrammeScreen(page, 'Обзор');
    await page.getByText('Все условия выполнены: этап можно завершить.').waitFor();
    await page.getByRole('button', { name: 'Завершить программу' }).click();
    const dialog = page.getByRole('dialog', { name: 'Завершить программу наставничества?' });
    const working = dialog.getByTestId('pairs-still-working');
    await working.waitFor();
    const still = await working.textContent();
    expect(still).toMatch(startsWith(`наставник ${staff.mentor.short}`));
    expect(still).toContain(`наставляемые ${staff.mentee.short}`);
    expect(still).toContain(`срок до ${localDay(400).split('-').reverse().join('.')}`);
    await web.screenshot(page, 'curator-close-programme');
    await dialog.getByRole('button', { name: 'Завершить программу' }).click();
    await page.getByText('Программа наставничества завершена').waitFor();
    expect((await programme()).body.stage).toBe('closed');
    await web.screenshot(page, 'curator-programme-closed');
    await web.expectAccessible(page);
    await phoneCheck(page, 'Этапы программы', 'phone-curator-programme-closed');
    await context.close();
  });
});

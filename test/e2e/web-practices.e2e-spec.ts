import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { localDateOf } from '@mentorflow/calendar';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { addDays } from '../support/dates';
import { addPerson } from '../support/people';
import { courseRow, fourYearsLessADay, ictDeficit, mathsTeacherTitlePage, routeBody } from '../support/route-setup';
import { organisationWith, places, registerOrganisation } from '../support/programme-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

/**
 * The bank of best practices (issue 28): a mentor submits a practice, the regional coordinator publishes it,
 * a teacher of another school of the region finds it by a word form and sees who wrote it where; a tutor links
 * it to an «изучение практики» activity of a teacher's road map and the teacher opens it from there.
 */
describe('web application: a practice goes from the mentor through the regional operator to the region', () => {
  let system: TestSystem;
  let browser: Browser;
  const region = `Область банка практик ${randomUUID().slice(0, 8)}`;
  const people = { mentor: randomUUID(), curator: randomUUID(), coordinator: randomUUID(), teacher: randomUUID() };
  const as = {} as Record<keyof typeof people | 'tutor' | 'methodologist', string>;
  let practiceId: string;
  let organisationId: string;

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    const admin = randomUUID();
    let staff: Record<'curator' | 'mentor', string>;
    ({ organisationId, as: staff } = await organisationWith(
      system,
      { ...places.tolyatti, region },
      { curator: [people.curator, 'curator'], mentor: [people.mentor, 'mentor'] },
      admin,
    ));
    as.curator = staff.curator;
    as.mentor = staff.mentor;
    await addPerson(system, organisationId, as.curator, 'Наставникова', {
      personId: people.mentor,
      firstName: 'Анна',
      patronymic: 'Сергеевна',
    });
    const neighbour = await registerOrganisation(system, system.token(admin, ['administrator']), {
      ...places.samara,
      name: 'МБОУ «Гимназия № 1»',
      region,
    });
    as.teacher = system.token(people.teacher, ['mentee'], [neighbour.body.organisationId]);
    as.coordinator = system.token(people.coordinator, ['regionalCoordinator'], [], { region });
    await system.eventually(
      () => system.request('GET', `/organisations/${organisationId}`, as.coordinator),
      (r) => r.status === 200,
    );
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  it('the mentor submits a practice; an empty form is refused field by field', async () => {
    const { context, page } = await web.signedInPage(browser, as.mentor);
    await page.goto(`${system.baseUrl}/app/practices`);
    await page.getByRole('heading', { name: 'Банк практик' }).waitFor();
    await expect(web.menuLinks(page)).resolves.toContain('Банк практик');
    await page.getByRole('link', { name: 'Предложить практику' }).click();
    const form = page.getByRole('form', { name: 'Предложить практику' });
    await form.waitFor();
    await form.getByRole('button', { name: 'Предложить практику' }).click();
    await page.locator('.field-invalid').first().waitFor();
    await expect(page.locator('.field-invalid label').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Название практики', 'Форма наставничества', 'Уровень']),
    );

    await form.getByLabel('Название практики').fill('Школа молодого педагога');
    await form.getByLabel('Форма наставничества').selectOption('teacherTeacher');
    await form.getByLabel('Предмет или направление').fill('Математика');
    await form.getByLabel('Уровень').selectOption('municipal');
    await form.getByLabel('Какую проблему решала практика').fill('Трудная адаптация молодых специалистов');
    await form.getByLabel('Что было сделано').fill('Еженедельные встречи, взаимопосещение уроков');
    await form.getByLabel('Результаты').fill('Все молодые педагоги остались в школе');
    await form.getByLabel('Подтверждение результатов').fill('Анкетирование, протоколы посещений');
    await form.getByLabel('Приложения').fill('https://disk.example.ru/practice.pdf');
    await form.getByRole('button', { name: 'Предложить практику' }).click();
    await page.getByRole('heading', { name: 'Школа молодого педагога' }).waitFor();
    await page.getByText('На рассмотрении').first().waitFor();
    practiceId = page.url().split('/').at(-1) as string;
    await web.expectAccessible(page);
    await web.screenshot(page, 'mentor-practice-submitted');
    await context.close();
  });

  it('the regional coordinator finds it among those awaiting review and publishes it', async () => {
    const { context, page } = await web.signedInPage(browser, as.coordinator);
    await page.goto(`${system.baseUrl}/app/practices`);
    const search = page.getByRole('search', { name: 'Поиск практик' });
    await search.getByLabel('Статус').selectOption('submitted');
    await search.getByRole('button', { name: 'Найти' }).click();
    await system.eventually(
      async () => {
        await search.getByRole('button', { name: 'Найти' }).click();
        return page.getByRole('link', { name: 'Школа молодого педагога' }).count();
      },
      (n) => n === 1,
    );
    await page.getByRole('link', { name: 'Школа молодого педагога' }).click();
    const review = page.getByRole('region', { name: 'Рассмотрение практики' });
    await review.waitFor();
    await expect(page.locator('.facts').textContent()).resolves.toContain('Наставникова Анна Сергеевна');
    await web.expectAccessible(page);
    await web.screenshot(page, 'coordinator-practice-review');
    await review.getByRole('button', { name: 'Опубликовать' }).click();
    // The badge, not the notice: the review form (and its notice) leaves the page once the practice is published,
    // and the history below says «Практика опубликована» too.
    await page.locator('.badge').filter({ hasText: 'Опубликована' }).waitFor();
    // The practice's history names who did what.
    const history = page.getByRole('region', { name: 'История практики' });
    await history.getByText(/Практика опубликована/).waitFor();
    await expect(history.textContent()).resolves.toContain('Практика предложена (Наставникова Анна Сергеевна)');
    expect((await system.request('GET', `/practices/${practiceId}`, as.coordinator)).body.status).toBe('published');
    await context.close();
  });

  it('a teacher of another school of the region finds it by a word form and sees the author and the school, on a laptop and a phone', async () => {
    const { context, page } = await web.signedInPage(browser, as.teacher);
    await page.goto(`${system.baseUrl}/app/practices`);
    const search = page.getByRole('search', { name: 'Поиск практик' });
    await search.getByLabel('Поиск по тексту').fill('адаптации');
    await system.eventually(
      async () => {
        await search.getByRole('button', { name: 'Найти' }).click();
        return page.getByRole('link', { name: 'Школа молодого педагога' }).count();
      },
      (n) => n === 1,
    );
    const card = page.locator('.card').filter({ hasText: 'Школа молодого педагога' });
    await expect(card.textContent()).resolves.toContain('Наставникова Анна Сергеевна');
    await expect(card.textContent()).resolves.toContain(places.tolyatti.name);
    await expect(card.textContent()).resolves.not.toContain(people.mentor);
    await web.expectAccessible(page);
    await web.screenshot(page, 'teacher-practice-bank');
    await web.expectFitsPhone(page, 'Банк практик', 'phone-teacher-practice-bank');
    // The menu folds under «Меню» on a phone and still reaches the bank.
    await web.openFromMenu(page, 'Банк практик');
    await page.getByRole('heading', { name: 'Банк практик' }).waitFor();
    await context.close();
  });

  it('a tutor links the published practice to an «изучение практики» activity; the teacher sees it with its author and opens it', async () => {
    await loadFixtureYearsAhead();
    const today = localDateOf(new Date(), places.tolyatti.timeZone);
    const tutor = await addPerson(system, organisationId, as.curator, 'Орлова', { firstName: 'Ольга' });
    const methodologist = await addPerson(system, organisationId, as.curator, 'Петрова', { positions: ['методист'] });
    const teacher = await addPerson(system, organisationId, as.curator, 'Смирнова');
    as.tutor = system.token(tutor, ['tutor'], [organisationId]);
    as.methodologist = system.token(methodologist, ['methodologist'], [organisationId]);
    const teacherToken = system.token(teacher, ['teacher'], [organisationId]);
    const created = await system.request(
      'POST',
      `/organisations/${organisationId}/routes`,
      as.tutor,
      routeBody(teacher, methodologist, mathsTeacherTitlePage(today, fourYearsLessADay(today))),
    );
    expect(created.status).toBe(201);
    const routeId = created.body.state.routeId as string;
    const post = (path: string, token: string, body: unknown) =>
      system.request('POST', `/routes/${routeId}/${path}`, token, body);
    expect(
      (await post('record-diagnostics', as.tutor, { diagnosticsId: randomUUID(), date: today, results: ictDeficit() }))
        .status,
    ).toBe(200);
    // The methodologist drafts the activity without a practice: the tutor chooses it from the bank.
    const study = 'Изучить опыт коллег по адаптации молодых педагогов';
    const drafted = await post('submit-draft', as.methodologist, {
      rows: [
        courseRow(addDays(today, 120)),
        { ...courseRow(addDays(today, 90)), rowId: 'row-2', activity: study, activityKind: 'practiceStudy', hours: 4 },
      ],
    });
    expect(drafted.status).toBe(200);

    const tutorPage = await web.signedInPage(browser, as.tutor);
    const { page } = tutorPage;
    await page.goto(`${system.baseUrl}/app/routes/${routeId}`);
    const agree = page.getByRole('form', { name: 'Согласовать дорожную карту' });
    const row = agree.getByRole('group', { name: 'Мероприятие 2', exact: true });
    await expect(row.getByLabel('Мероприятие', { exact: true }).inputValue()).resolves.toBe(study);
    await row.getByLabel('Поиск практики по названию').fill('молодого педагога');
    const choice = row.getByLabel('Практика из банка');
    const option = `Школа молодого педагога — ${places.tolyatti.name}`;
    await choice.locator('option', { hasText: option }).waitFor({ state: 'attached' });
    await choice.selectOption({ label: option });
    const point = agree.getByRole('group', { name: 'Контрольная точка 1' });
    await web.fillDate(point.getByLabel('Дата контрольной точки'), addDays(today, 30));
    await point.getByLabel('Что проверяется').fill('Практика изучена');
    await web.expectAccessible(page);
    await agree.getByRole('button', { name: 'Согласовать дорожную карту' }).click();
    await page.getByText('Дорожная карта согласована: маршрут реализуется').first().waitFor();
    await tutorPage.context.close();

    const { context, page: teacherPage } = await web.signedInPage(browser, teacherToken);
    await teacherPage.goto(`${system.baseUrl}/app/routes/${routeId}`);
    const roadMap = teacherPage.locator('section[aria-labelledby="road-map"]').locator('table').first();
    const studied = roadMap.locator('tr', { hasText: study });
    await studied.getByRole('link', { name: 'Школа молодого педагога' }).waitFor();
    await expect(studied.textContent()).resolves.toContain('автор: Наставникова Анна Сергеевна');
    await expect(studied.textContent()).resolves.not.toContain(people.mentor);
    await web.expectAccessible(teacherPage);
    await web.screenshot(teacherPage, 'teacher-road-map-practice');
    await studied.getByRole('link', { name: 'Школа молодого педагога' }).click();
    await teacherPage.getByRole('heading', { name: 'Школа молодого педагога' }).waitFor();
    await expect(teacherPage.locator('.facts').textContent()).resolves.toContain('Наставникова Анна Сергеевна');
    await context.close();
  });
});

import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { addPerson } from '../support/people';
import { organisationWith, places, registerOrganisation } from '../support/programme-setup';
import { TestSystem } from '../support/system';
import {
  accessibilityAudit,
  horizontalOverflow,
  menuLinks,
  openFromMenu,
  phone,
  screenshot,
  signedInPage,
  startWebJourney,
  stopWebJourney,
} from '../support/web';

/**
 * The bank of best practices (issue 28): a mentor submits a practice, the regional coordinator publishes it,
 * a teacher of another school of the region finds it by a word form and sees who wrote it where.
 */
describe('web application: a practice goes from the mentor through the regional operator to the region', () => {
  let system: TestSystem;
  let browser: Browser;
  const region = `Область банка практик ${randomUUID().slice(0, 8)}`;
  const people = { mentor: randomUUID(), curator: randomUUID(), coordinator: randomUUID(), teacher: randomUUID() };
  const as = {} as Record<keyof typeof people, string>;
  let practiceId: string;

  beforeAll(async () => {
    ({ system, browser } = await startWebJourney());
    const admin = randomUUID();
    const { organisationId, as: staff } = await organisationWith(
      system,
      { ...places.tolyatti, region },
      { curator: [people.curator, 'curator'], mentor: [people.mentor, 'mentor'] },
      admin,
    );
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
  afterAll(() => stopWebJourney({ system, browser }));

  it('the mentor submits a practice; an empty form is refused field by field', async () => {
    const { context, page } = await signedInPage(browser, as.mentor);
    await page.goto(`${system.baseUrl}/app/practices`);
    await page.getByRole('heading', { name: 'Банк практик' }).waitFor();
    await expect(menuLinks(page)).resolves.toContain('Банк практик');
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
    const audit = await accessibilityAudit(page);
    expect(audit).toMatchObject({ lang: 'ru', unnamed: [], h1: 1, skipped: [] });
    await screenshot(page, 'mentor-practice-submitted');
    await context.close();
  });

  it('the regional coordinator finds it among those awaiting review and publishes it', async () => {
    const { context, page } = await signedInPage(browser, as.coordinator);
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
    const audit = await accessibilityAudit(page);
    expect(audit).toMatchObject({ lang: 'ru', unnamed: [], h1: 1, skipped: [] });
    await screenshot(page, 'coordinator-practice-review');
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
    const { context, page } = await signedInPage(browser, as.teacher);
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
    const audit = await accessibilityAudit(page);
    expect(audit).toMatchObject({ lang: 'ru', unnamed: [], h1: 1, skipped: [] });
    await screenshot(page, 'teacher-practice-bank');
    await page.setViewportSize(phone);
    await page.reload();
    await page.getByRole('heading', { name: 'Банк практик' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-teacher-practice-bank');
    // The menu folds under «Меню» on a phone and still reaches the bank.
    await openFromMenu(page, 'Банк практик');
    await page.getByRole('heading', { name: 'Банк практик' }).waitFor();
    await context.close();
  });
});

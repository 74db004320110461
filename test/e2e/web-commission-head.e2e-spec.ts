import { freshIds } from '../support/ids';
import type { Browser } from 'playwright-core';
import { localDateOf } from '@mentorflow/calendar';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { formPair, places, organisationWith, selectMentorAndMentee, startProgramme } from '../support/programme-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

const DAY = 86_400_000;

/**
 * The commission head's inbox (002 §4.4, §8.3): the candidates awaiting the commission and a formed pair's
 * programme come as timed tasks, each linking to the place on the programme's page where it is decided.
 */
describe('web application: the commission head goes from a task to where it is decided', () => {
  let system: TestSystem;
  let browser: Browser;
  const { timeZone } = places.tolyatti;
  const [admin, director, curator, head, mentor, mentee] = freshIds(6);
  let as: Record<'director' | 'curator' | 'head', string>;
  let programmeId: string;

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    await loadFixtureYearsAhead();
    let organisationId: string;
    ({ organisationId, as } = await organisationWith(
      system,
      places.tolyatti,
      { director, curator, head: [head, 'commissionHead'] },
      admin,
    ));
    ({ programmeId } = await startProgramme(system, organisationId, as.director, curator));
    for (const registered of await selectMentorAndMentee(system, programmeId, as.curator, mentor, mentee)) {
      expect(registered.status).toBe(201);
    }
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  it('links the candidates’ review to the commission’s meeting form; the decision closes the task', async () => {
    const { context, page } = await web.signedInPage(browser, as.head);
    await page.goto(`${system.baseUrl}/app/tasks`);
    const card = page.locator('.task', { hasText: 'Рассмотреть кандидатуры наставников и наставляемых' });
    await card.waitFor();
    await expect(card.locator('dd').first().textContent()).resolves.toMatch(/^до конца дня .+ г\./);
    await card.getByRole('link', { name: 'Перейти к заседанию комиссии' }).click();

    const meeting = page.getByRole('form', { name: 'Заседание комиссии по кандидатам' });
    await meeting.waitFor();
    await web.fillDate(
      meeting.getByLabel('Дата заседания'),
      localDateOf(new Date(Date.now() - DAY).toISOString(), timeZone),
    );
    await meeting.getByLabel('Номер протокола').fill('4');
    await meeting.getByLabel('Присутствовали (по одному в строке)').fill('Председатель комиссии\nЧлен комиссии');
    const decisions = meeting.getByLabel(/^Решение:/);
    for (let i = 0; i < (await decisions.count()); i++) await decisions.nth(i).selectOption('approved');
    await meeting.getByRole('button', { name: 'Внести решения комиссии' }).click();
    await page.getByText('Нет кандидатов, ожидающих решения комиссии.').waitFor();

    await page.getByRole('link', { name: 'Мои задачи' }).click();
    await page.getByRole('heading', { name: 'Мои задачи' }).waitFor();
    // The projection closes the task after the meeting's events: read the inbox again until it has.
    await system.eventually(
      () => system.request('GET', '/tasks', as.head),
      (r) => Array.isArray(r.body) && r.body.every((t: { kind: string }) => t.kind !== 'candidateReview'),
    );
    await page.getByRole('button', { name: 'Обновить' }).click();
    await page.getByText('Открытых задач нет.').waitFor();
    await context.close();
  });

  it('links a formed pair’s programme review to the pair’s actions, with the pair chosen', async () => {
    const formed = await formPair(system, programmeId, as.director, mentor, mentee);
    expect(formed.status).toBe(201);
    const pairId = formed.body.state.pairId as string;

    const { context, page } = await web.signedInPage(browser, as.head);
    await page.goto(`${system.baseUrl}/app/tasks`);
    const card = page.locator('.task', { hasText: 'Рассмотреть и утвердить персонализированную программу' });
    await card.waitFor();
    await card.getByRole('link', { name: 'Перейти к программе пары' }).click();
    const choice = page.getByLabel('Пара или группа');
    await choice.waitFor();
    await expect(choice.inputValue()).resolves.toBe(pairId);
    await context.close();
  });
});

import { freshIds } from '../support/ids';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { localDateOf } from '@mentorflow/calendar';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { organisationWith, places } from '../support/programme-setup';
import { courseRow, fourYearsLessADay, ictAndMethodicalDeficits, routeBody, titlePage } from '../support/route-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

const DAY = 86_400_000;

/**
 * The route page's forms of issue 19 in the browser: the methodologist enters the deficit levels of the
 * entry diagnostics (003 §5.4), the tutor records the month's control-point check (003 §7.1); each sees the
 * result on the page, in Russian.
 */
describe('web application: deficit levels and the monthly control-point check on the route page', () => {
  let system: TestSystem;
  let browser: Browser;
  const { timeZone } = places.tolyatti;
  const [admin, tutor, methodologist, teacher] = freshIds(4);
  let routeId: string;
  let as: Record<'tutor' | 'methodologist', string>;

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    await loadFixtureYearsAhead();
    let organisationId: string;
    ({ organisationId, as } = await organisationWith(system, places.tolyatti, { tutor, methodologist }, admin));
    const today = localDateOf(new Date(), timeZone);
    const created = await system.request(
      'POST',
      `/organisations/${organisationId}/routes`,
      as.tutor,
      routeBody(teacher, methodologist, titlePage(today, fourYearsLessADay(today)), {
        goal: 'Преодолеть дефициты ИКТ-компетенций и методических компетенций',
      }),
    );
    expect(created.status).toBe(201);
    routeId = created.body.state.routeId as string;
    const post = (path: string, token: string, body: unknown) =>
      system.request('POST', `/routes/${routeId}/${path}`, token, body);
    // Two deficits: ИКТ 35 %, методические 45 %; the route reaches its implementation with two control points this month.
    const diagnosed = await post('record-diagnostics', as.tutor, {
      diagnosticsId: randomUUID(),
      date: today,
      results: ictAndMethodicalDeficits(),
    });
    expect(diagnosed.status).toBe(200);
    const deadline = localDateOf(new Date(Date.now() + 120 * DAY).toISOString(), timeZone);
    expect(
      (
        await post('submit-draft', as.methodologist, {
          rows: [courseRow(deadline), { ...courseRow(deadline), rowId: 'row-2', competence: 'methodical' }],
        })
      ).status,
    ).toBe(200);
    const agreed = await post('agree-road-map', as.tutor, {
      controlPoints: [
        { controlPointId: 'cp-1', date: today, description: 'Курс пройден' },
        { controlPointId: 'cp-2', date: today, description: 'Открытый урок проведён' },
      ],
    });
    expect(agreed.status).toBe(200);
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  it('the methodologist enters the deficit levels and sees them beside the competences', async () => {
    const { context, page } = await web.signedInPage(browser, as.methodologist);
    await page.goto(`${system.baseUrl}/app/routes/${routeId}`);
    await page.locator('summary', { hasText: 'Уровень дефицитов (входная диагностика)' }).click();
    const form = page.getByRole('form', { name: 'Уровень дефицитов (входная диагностика)' });
    await form.getByLabel('ИКТ-компетенции (35 %)').selectOption({ label: 'Средний' });
    await form.getByLabel('Методические (45 %)').selectOption({ label: 'Высокий' });
    await form.getByRole('button', { name: 'Сохранить уровни дефицитов' }).click();

    // What the methodologist reads on the page once the route is reloaded: the levels in the table of values.
    const chart = page.locator('#control');
    await chart.locator('summary', { hasText: 'Таблица значений' }).click();
    const row = (area: string) => chart.locator('tr', { has: page.locator('th', { hasText: area }) });
    await row('ИКТ-компетенции').getByText('35 % — Дефицитный (уровень дефицита: средний)').waitFor();
    await expect(row('Методические').textContent()).resolves.toContain('45 % — Дефицитный (уровень дефицита: высокий)');
    await context.close();

    const stored = await system.request('GET', `/routes/${routeId}`, as.methodologist);
    expect(stored.body.diagnostics.results).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ area: 'ict', deficitLevel: 'medium' }),
        expect.objectContaining({ area: 'methodical', deficitLevel: 'high' }),
      ]),
    );
  });

  it('the tutor records the month’s check: one point passed, one not passed; the page shows both and the missed point', async () => {
    const { context, page } = await web.signedInPage(browser, as.tutor);
    await page.goto(`${system.baseUrl}/app/routes/${routeId}`);
    const form = page.getByRole('form', { name: 'Проверка контрольных точек' });
    // The month's points are offered at once: the form opens when the month has points due.
    const passed = form.locator('fieldset', { hasText: 'Курс пройден' });
    const failed = form.locator('fieldset', { hasText: 'Открытый урок проведён' });
    await failed.waitFor();
    await expect(passed.getByLabel('Результат').inputValue()).resolves.toBe('passed');
    await failed.getByLabel('Результат').selectOption({ label: 'Не пройдена' });
    await failed.getByLabel('Пояснение (необязательно)').fill('Урок перенесён администрацией');
    await form.getByRole('button', { name: 'Записать проверку' }).click();

    // The road map's list of control points carries each outcome; the point not passed is reported as missed.
    const points = page.locator('section[aria-labelledby="road-map"]');
    await points
      .locator('li', { hasText: 'Открытый урок проведён' })
      .getByText(/Не пройдена: Урок перенесён администрацией/)
      .waitFor();
    await expect(points.locator('li', { hasText: 'Курс пройден' }).textContent()).resolves.toContain('[Пройдена]');
    const missed = points.getByRole('status', { name: 'Пропущенные контрольные точки' });
    await missed.waitFor();
    await expect(missed.textContent()).resolves.toContain('Открытый урок проведён');
    await expect(missed.textContent()).resolves.toContain('не пройдена');
    await context.close();
  });
});

import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { localDay } from '../support/dates';
import { addPerson } from '../support/people';
import { places, registerOrganisation } from '../support/programme-setup';
import { createRoute, recordDiagnostics } from '../support/route-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

/**
 * Issue 21 in the browser: a methodologist takes the address of her task calendar from «Мои задачи» and
 * revokes it; a curator connects the school's messenger bot and sees its secret once.
 */
describe('web application: the calendar feed and the messenger bot', () => {
  let system: TestSystem;
  let browser: Browser;
  let school: string;
  let curatorId: string;
  const { timeZone } = places.tolyatti;
  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    const admin = system.token(randomUUID(), ['administrator']);
    school = (await registerOrganisation(system, admin, places.tolyatti)).body.organisationId as string;
    curatorId = randomUUID();
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  it('«Календарь задач»: the methodologist gets her link once with how to subscribe, the link serves her task, and «Отозвать ссылку» ends it', async () => {
    const curator = system.token(curatorId, ['curator'], [school]);
    const tutor = system.token(randomUUID(), ['tutor'], [school]);
    const methodologistId = randomUUID();
    const token = system.token(methodologistId, ['methodologist'], [school]);
    await addPerson(system, school, curator, 'Календарева', { personId: methodologistId });
    const teacherId = await addPerson(system, school, curator, 'Учителева');
    const route = await createRoute(system, school, tutor, { teacherId, methodologistId, today: localDay(timeZone) });
    expect((await recordDiagnostics(system, route.body.state.routeId, tutor, localDay(timeZone))).status).toBe(200);
    await system.eventually(
      () => system.request('GET', '/tasks/inbox', token),
      (r) => r.body?.items?.length === 1,
    );

    const { context, page } = await web.signedInPage(browser, token, web.phone);
    await page.goto(`${system.baseUrl}/app/tasks`);
    const section = page.getByRole('region', { name: 'Календарь задач' });
    await section.getByText('Ссылки для календаря у вас нет.').waitFor();
    await section.getByRole('button', { name: 'Получить ссылку для календаря' }).click();
    await section.getByRole('status').filter({ hasText: 'Ссылка для календаря готова' }).waitFor();
    const link = section.getByRole('textbox', { name: /Ссылка для подписки/ });
    const url = await link.inputValue();
    expect(url).toMatch(/\/calendar\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const steps = await section.getByRole('listitem').allTextContents();
    expect(steps.map((s) => s.split(':')[0])).toEqual(['Яндекс Календарь', 'Outlook', 'Google Календарь']);
    expect(steps[0]).toContain('Подписаться на календарь');
    await section.getByRole('button', { name: 'Отозвать ссылку' }).waitFor();
    await web.expectFitsWidth(page);
    await web.expectAccessible(page);
    await web.screenshot(page, 'calendar-feed');

    // What a calendar application gets from the link: her task, without signing in.
    const feed = await fetch(`${system.baseUrl}${new URL(url).pathname}`);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await feed.text()).toContain('SUMMARY:Срок: Составить проект ИОМ');

    // Reopened: the link is not shown again, only that one exists.
    await page.reload();
    await section.getByText(/^Ссылка получена \d{2}\.\d{2}\.\d{4}\./).waitFor();
    expect(await section.getByRole('textbox').count()).toBe(0);
    await section.getByRole('button', { name: 'Отозвать ссылку' }).click();
    await section.getByRole('status').filter({ hasText: 'Ссылка отозвана' }).waitFor();
    await section.getByText('Ссылки для календаря у вас нет.').waitFor();
    expect((await fetch(`${system.baseUrl}${new URL(url).pathname}`)).status).toBe(404);
    await context.close();
  });

  it('«Бот в мессенджере»: the curator is refused a plain-http address, connects the bot, sees the secret once and disconnects it', async () => {
    const { context, page } = await web.signedInPage(browser, system.token(curatorId, ['curator'], [school]));
    await page.goto(`${system.baseUrl}/app/`);
    await page.getByRole('link', { name: 'Бот в мессенджере' }).click();
    await page.getByRole('heading', { name: 'Бот в мессенджере', level: 1 }).waitFor();
    await page.getByText('Бот не подключён.').waitFor();
    const address = page.getByRole('textbox', { name: 'Адрес бота (вебхук)' });
    await address.fill('http://bot.school.example.ru/hook');
    await page.getByRole('button', { name: 'Подключить бота' }).click();
    await page.getByRole('alert').filter({ hasText: 'Бот не подключён' }).waitFor();
    await page
      .getByText('Адрес вебхука должен быть полным адресом https://… (http:// — только для localhost)')
      .waitFor();

    await address.fill('https://bot.school.example.ru/hook');
    await page.getByRole('button', { name: 'Подключить бота' }).click();
    await page.getByRole('status').filter({ hasText: 'Бот подключён' }).waitFor();
    const secret = await page.getByRole('textbox', { name: /Секрет подписи/ }).inputValue();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const facts = page.locator('dl.facts');
    await facts.getByText('https://bot.school.example.ru/hook').waitFor();
    expect(await facts.locator('dt').allTextContents()).toEqual(['Адрес бота', 'Подключён']);
    await page.getByRole('button', { name: 'Заменить адрес и секрет' }).waitFor();
    await web.expectAccessible(page);
    await web.screenshot(page, 'messenger-bot');

    // Reopened: the secret is not shown again.
    await page.reload();
    await facts.getByText('https://bot.school.example.ru/hook').waitFor();
    expect(await page.getByRole('textbox', { name: /Секрет подписи/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Отключить бота' }).click();
    await page.getByRole('status').filter({ hasText: 'Бот отключён' }).waitFor();
    await page.getByText('Бот не подключён.').waitFor();
    await context.close();
  });
});

import { freshIds } from '../support/ids';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { approveCandidates } from '../support/participants';
import { addPerson } from '../support/people';
import {
  formPair,
  mentorReplacement,
  participantsListed,
  places,
  organisationWith,
  selectParticipant,
  startProgramme,
} from '../support/programme-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

/** Journey 3: an administrator reads a pair's history after a mentor replacement, verifies its chain and exports it. */
describe('web application: the administrator audits a pair after a mentor replacement', () => {
  let system: TestSystem;
  let browser: Browser;
  const [admin, director, curator] = freshIds(3);
  const [mentor, secondMentor, mentee] = [randomUUID(), randomUUID(), randomUUID()];
  let pairId: string;
  let programmeId: string;
  let adminToken: string;

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    const { organisationId, as } = await organisationWith(system, places.vladivostok, { director, curator }, admin);
    adminToken = system.token(admin, ['administrator']);
    ({ programmeId } = await startProgramme(system, organisationId, as.director, curator));
    const candidates: string[] = [];
    for (const personId of [mentor, secondMentor]) {
      const proposed = await selectParticipant(system, programmeId, as.curator, personId, 'mentor', {
        teachingExperienceYears: 12,
        subjectExperienceYears: 8,
      });
      candidates.push(proposed.body.participantId);
    }
    // The directory names the mentee: the administrator finds the pair by her surname.
    await addPerson(system, organisationId, as.curator, 'Аудитова', { personId: mentee, firstName: 'Ольга' });
    // A pair takes people of the organisation only.
    const proposedMentee = await selectParticipant(system, programmeId, as.curator, mentee, 'mentee', {
      teachingExperienceYears: 0,
      subjectExperienceYears: 0,
      menteeCategory: 'newSpecialist',
    });
    await participantsListed(system, programmeId, as.curator, 3);
    // Only candidates the commission approved are paired (002 §4.4).
    await approveCandidates(system, programmeId, as.curator, [...candidates, proposedMentee.body.participantId]);
    const formed = await formPair(system, programmeId, as.director, mentor, mentee);
    pairId = formed.body.state.pairId;
    const replaced = await system.request(
      'POST',
      `/pairs/${pairId}/replace-mentor`,
      as.director,
      mentorReplacement(secondMentor, [mentee]),
    );
    expect(replaced.status).toBe(202);
    await system.eventually(
      () => system.request('GET', `/pairs/${pairId}`, adminToken),
      (r) => r.body.mentorId === secondMentor,
    );
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  it('reads the timeline with who, when, what, why and which order, verifies the chain and exports CSV', async () => {
    const { context, page } = await web.signedInPage(browser, adminToken);
    await page.goto(`${system.baseUrl}/app/`);
    await page.getByRole('heading', { name: 'Аудит наставнических пар' }).waitFor();
    await expect(web.menuLinks(page)).resolves.toEqual([
      'Мои задачи',
      'Программы',
      'ИОМ',
      'Организации',
      'Сотрудники',
      'Аудит пар',
      ...web.managementMenuItems,
      'Производственный календарь',
      'Пользователи и роли',
      'Уведомления',
      'Сбойные события',
    ]);

    // Found by the mentee's surname (a search, not a list of every pair), opened from the result.
    const result = await web.auditSearch(page, 'аудитова');
    await expect(result.allTextContents()).resolves.toEqual([expect.stringContaining('— Аудитова О. П.')]);
    await result.first().click();
    await page.waitForURL(`**/audit/${pairId}`);
    // Diary entries and reports open with a reason, recorded with the read.
    await web.openPairHistoryWithReason(page, 'Проверка по обращению');
    const formedItem = page.locator('.timeline-PairFormed');
    await formedItem.waitFor();
    await expect(formedItem.textContent()).resolves.toContain('наставляемые: Аудитова');
    const replacement = page.locator('.timeline-MentorReplaced');
    await replacement.waitFor();
    const text = await replacement.textContent();
    expect(text).toContain('Замена наставника');
    expect(text).toContain('Руководитель');
    expect(text).toContain('Увольнение наставника');
    expect(text).toContain('№ 20-к от');
    expect(text).toContain(`Новый наставник ${secondMentor.slice(0, 8)} вместо ${mentor.slice(0, 8)}`);
    // Times are shown in the organisation's zone (Vladivostok).
    await expect(page.getByText('Время — часовой пояс организации (Asia/Vladivostok).').isVisible()).resolves.toBe(
      true,
    );
    const types = await page.locator('.timeline-item h3').allTextContents();
    expect(types[0]).toBe('Пара закреплена приказом');
    expect(types).toContain('Замена наставника');

    await page.getByRole('button', { name: 'Проверить цепочку' }).click();
    const verdict = page.getByTestId('chain-verdict');
    await verdict.waitFor();
    await expect(verdict.textContent()).resolves.toBe(`Цепочка цела: проверено событий — ${types.length}.`);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Выгрузить CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`pair-${pairId}-history.csv`);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    // For Russian Excel: a BOM, `;`, the timeline's words, no JSON.
    expect(csv.split('\r\n')[0]).toMatch(/^\uFEFFВерсия;Событие;Время \(местное\);/);
    expect(csv).toContain(';Замена наставника;');
    expect(csv).not.toContain('{"');
    await web.screenshot(page, 'admin-pair-history');

    // The audit reads the administrator made are themselves recorded.
    const reads = await system.request('GET', `/pairs/${pairId}/history/reads`, adminToken);
    expect(reads.body.map((r: { readerId: string; format: string }) => [r.readerId, r.format])).toEqual(
      expect.arrayContaining([
        [admin, 'json'],
        [admin, 'csv'],
      ]),
    );
    expect(reads.body).toContainEqual(expect.objectContaining({ readerId: admin, reason: 'Проверка по обращению' }));
    await context.close();
  });

  it("shows the pair on its programme's page with its status, the replacement and the new mentor's load", async () => {
    const { context, page } = await web.signedInPage(browser, adminToken);
    await page.goto(`${system.baseUrl}/app/programmes/${programmeId}`);
    await web.openProgrammeScreen(page, 'Пары и группы');
    const row = page.locator('section[aria-labelledby="pairs-title"] tbody tr');
    await row.waitFor();
    // The mentor-load read model lags the replacement: reload the page until it has caught up.
    const text = await system.eventually(
      async () => {
        const shown = (await row.textContent()) ?? '';
        if (!shown.includes('1 из 2')) await page.reload().then(() => row.waitFor());
        return shown;
      },
      (shown) => shown.includes('1 из 2'),
      20_000,
    );
    expect(text).toContain(secondMentor.slice(0, 8));
    expect(text).toContain('(замена наставника)');
    expect(text).toContain('1 из 2');
    expect(text).toContain('Закреплена приказом');
    await web.screenshot(page, 'programme-pairs');
    await row.getByRole('link', { name: 'История' }).click();
    await web.openPairHistoryWithReason(page);
    await page.locator('.timeline-MentorReplaced').waitFor();
    await context.close();
  });

  it('refuses an empty replacement and termination field by field, then terminates the pair with a reason and an order', async () => {
    const { context, page } = await web.signedInPage(browser, adminToken);
    await page.goto(`${system.baseUrl}/app/programmes/${programmeId}`);
    await web.openProgrammeScreen(page, 'Пары и группы');
    await page.getByLabel('Пара или группа').selectOption(pairId);

    const replace = page.getByRole('form', { name: 'Заменить наставника' });
    await page.locator('details[data-action="replace"] summary').click();
    // Only the programme's other selected mentors are offered, with the four legal grounds.
    await expect(replace.getByLabel('Основание замены').locator('option').allTextContents()).resolves.toEqual([
      '— выберите основание —',
      'Увольнение наставника',
      'Перевод наставника или наставляемого на другую работу',
      'Привлечение наставника к дисциплинарной ответственности',
      'Психологическая несовместимость наставника и наставляемого',
    ]);
    await expect(replace.getByLabel('Новый наставник').locator('option').count()).resolves.toBe(2);
    await replace.getByRole('button', { name: 'Заменить наставника' }).click();
    await replace.locator('.field-invalid').first().waitFor();
    await expect(replace.locator('.field-invalid label').allTextContents()).resolves.toEqual(
      expect.arrayContaining([
        'Основание замены',
        'Новый наставник',
        'Номер приказа',
        'Дата приказа',
        'Кем подписан приказ',
      ]),
    );

    await page.locator('details[data-action="terminate"] summary').click();
    const terminate = page.getByRole('form', { name: 'Прекратить наставничество досрочно' });
    await terminate.getByRole('button', { name: 'Прекратить наставничество' }).click();
    await terminate.locator('.field-invalid').first().waitFor();
    await expect(terminate.locator('.field-invalid label').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Причина прекращения', 'Номер приказа', 'Дата приказа', 'Кем подписан приказ']),
    );
    expect((await system.request('GET', `/pairs/${pairId}`, adminToken)).body.status).toBe('formed');

    await terminate.getByLabel('Причина прекращения').fill('Увольнение наставляемого по собственному желанию');
    await terminate.getByLabel('Номер приказа').fill('31-к');
    await web.fillDate(terminate.getByLabel('Дата приказа'), '2026-11-02');
    await terminate.getByLabel('Кем подписан приказ').fill('Директор');
    await terminate.getByRole('button', { name: 'Прекратить наставничество' }).click();
    await page.getByText('Наставничество прекращено досрочно').first().waitFor();
    await page
      .locator('section[aria-labelledby="pairs-title"] tbody tr')
      .filter({ hasText: 'Прекращена досрочно' })
      .waitFor();
    const stored = (await system.request('GET', `/pairs/${pairId}`, adminToken)).body;
    expect(stored).toMatchObject({
      status: 'terminated',
      termination: { reason: 'Увольнение наставляемого по собственному желанию', order: { number: '31-к' } },
    });
    await web.screenshot(page, 'admin-pair-terminated');
    await web.expectAccessible(page);
    await context.close();
  });

  it('reads a long participant list 100 at a time, with "Показать ещё" for the rest', async () => {
    const curatorToken = system.token(curator, ['curator']);
    // 101 more mentees: two pages of the API's maximum of 100 (plus the two mentors and the mentee already there).
    for (let batch = 0; batch < 101; batch += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, 101 - batch) }, () =>
          system.request('POST', `/programmes/${programmeId}/participants`, curatorToken, {
            personId: randomUUID(),
            role: 'mentee',
            position: 'Учитель',
            teachingExperienceYears: 1,
            subjectExperienceYears: 1,
            menteeCategory: 'newSpecialist',
          }),
        ),
      );
    }
    await system.eventually(
      () => system.request('GET', `/programmes/${programmeId}/participants?limit=100&offset=100`, adminToken),
      (r) => r.body.length === 4,
      30_000,
    );
    const { context, page } = await web.signedInPage(browser, adminToken);
    await page.goto(`${system.baseUrl}/app/programmes/${programmeId}`);
    await web.openProgrammeScreen(page, 'Участники');
    const rows = page.locator('section[aria-labelledby="participants-title"] tbody tr');
    const more = page.getByRole('button', { name: 'Показать ещё участников' });
    await more.waitFor();
    await expect(rows.count()).resolves.toBe(100);
    await more.click();
    await page.waitForFunction(
      () =>
        (globalThis as any).document.querySelectorAll('section[aria-labelledby="participants-title"] tbody tr')
          .length === 104,
    );
    await expect(more.count()).resolves.toBe(0);
    await context.close();
  });

  it('lists the calendar years and refuses a broken calendar file next to its field, changing nothing', async () => {
    const { context, page } = await web.signedInPage(browser, adminToken);
    await page.goto(`${system.baseUrl}/app/calendar`);
    await page.getByRole('heading', { name: 'Производственный календарь' }).waitFor();
    await page.getByRole('cell', { name: '2026', exact: true }).waitFor();
    const before = (await system.request('GET', '/calendar/years', adminToken)).body;

    await page.getByLabel('Файл календаря (XML, формат xmlcalendar)').setInputFiles({
      name: '2031.xml',
      mimeType: 'text/xml',
      buffer: Buffer.from('<calendar year="2031"><days><day d="13.45" t="1"/></days></calendar>'),
    });
    await page.getByRole('button', { name: 'Загрузить' }).click();
    const fieldError = page.locator('.field-invalid .field-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toMatch(/[А-Яа-я]/);
    expect((await system.request('GET', '/calendar/years', adminToken)).body).toEqual(before);
    await web.screenshot(page, 'admin-calendar');
    await context.close();
  });

  it('registers a user and grants and revokes a role in an organisation', async () => {
    const { context, page } = await web.signedInPage(browser, adminToken);
    await page.goto(`${system.baseUrl}/app/users`);
    const sub = `methodologist-${randomUUID().slice(0, 8)}`;
    const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Новый пользователь' }) });
    // The page shows the user just registered, found by her sign-in subject, however many others there are.
    await form.getByLabel('ФИО').fill('Абрамова Анна Викторовна');
    await form.getByLabel('Идентификатор входа (sub)').fill(sub);
    await form.getByRole('button', { name: 'Зарегистрировать' }).click();
    const card = page.locator('li.card').filter({ hasText: sub });
    await card.waitFor();

    await card.getByLabel('Роль').selectOption('methodologist');
    await card.getByLabel('Организация').selectOption({ label: 'МБОУ «Лицей № 2»' });
    await card.getByRole('button', { name: 'Назначить роль' }).click();
    await card.getByText('Методист — МБОУ «Лицей № 2»').waitFor();
    const granted = await system.listedUser<{ userId: string; sub: string; assignments: unknown[] }>(
      adminToken,
      (u) => u.sub === sub,
    );
    expect(granted?.assignments).toEqual([expect.objectContaining({ role: 'methodologist' })]);
    await web.screenshot(page, 'admin-users');
    await web.expectAccessible(page);

    // The new user signs in from the development sign-in list and gets the menu of a methodologist.
    const fresh = await browser.newContext({ locale: 'ru-RU' });
    const signIn = await fresh.newPage();
    await signIn.goto(`${system.baseUrl}/app/signin`);
    await signIn.getByRole('button', { name: /Абрамова Анна Викторовна/ }).click();
    await signIn.getByRole('heading', { name: 'Мои задачи' }).waitFor();
    await expect(signIn.locator('.user').textContent()).resolves.toContain('Абрамова Анна Викторовна');
    await expect(web.menuLinks(signIn)).resolves.toEqual([
      'Мои задачи',
      'ИОМ',
      'Банк практик',
      'Настройки уведомлений',
    ]);
    await fresh.close();

    await card.getByRole('button', { name: 'Снять роль «Методист» (МБОУ «Лицей № 2»)' }).click();
    await card.getByText('Ролей нет').waitFor();
    const revoked = await system.listedUser<{ userId: string; sub: string; assignments: unknown[] }>(
      adminToken,
      (u) => u.sub === sub,
    );
    expect(revoked?.assignments).toEqual([]);

    // Blocking: the card shows the state in Russian; the user's token stops working until unblocked.
    await card.getByText('Активен').waitFor();
    await card.getByRole('button', { name: 'Заблокировать пользователя Абрамова Анна Викторовна' }).click();
    await card.getByText('Заблокирован', { exact: true }).waitFor();
    const blockedToken = system.token(sub, []);
    expect((await system.request('GET', '/me', blockedToken)).status).toBe(401);
    await card.getByRole('button', { name: 'Разблокировать пользователя Абрамова Анна Викторовна' }).click();
    await card.getByText('Активен').waitFor();
    expect((await system.request('GET', '/me', blockedToken)).status).not.toBe(401);
    await context.close();
  });
});

import { freshIds } from '../support/ids';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { localDay as localDayIn } from '../support/dates';
import { addPerson } from '../support/people';
import { approveCandidates } from '../support/participants';
import {
  formPair,
  participantsListed,
  registerOrganisation,
  selectMentorAndMentee,
  startProgramme,
} from '../support/programme-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

const ZONE = 'Europe/Moscow';
const localDay = (days: number) => localDayIn(ZONE, days);
/** The day as the card shows it: «03.12.2026». */
const shownDay = (date: string) => date.split('-').reverse().join('.');

/**
 * Issue 18, «Personal data (152-ФЗ)», in the browser: on a person's card an administrator downloads everything
 * the system holds about the person as JSON, is refused depersonalisation (in Russian, naming what is missing)
 * while the person still works and has not withdrawn consent, records both, depersonalises them through a
 * confirmation that says what goes and what stays — and the person's pair names them nowhere afterwards.
 */
describe('web application: an administrator exports and depersonalises a person with a pair', () => {
  let system: TestSystem;
  let browser: Browser;
  const [admin, mentor, mentee] = freshIds(3);
  const surname = 'Лаврентьева';
  let organisationId: string;
  let pairId: string;
  let adminToken: string;

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    await loadFixtureYearsAhead();
    adminToken = system.token(admin, ['administrator']);
    const org = await registerOrganisation(system, adminToken, {
      name: 'МБОУ «Лицей № 3»',
      municipality: 'г. Москва',
      region: 'Москва',
      timeZone: ZONE,
    });
    organisationId = org.body.organisationId;
    const directorToken = system.token(randomUUID(), ['director'], [organisationId]);
    const curator = randomUUID();
    const curatorToken = system.token(curator, ['curator'], [organisationId]);
    system.token(mentor, ['mentor'], [organisationId]);
    system.token(mentee, ['mentee'], [organisationId]);
    // The administrator has a card too, so the card's reads name her.
    await addPerson(system, organisationId, adminToken, 'Админова', {
      personId: admin,
      firstName: 'Алла',
      patronymic: 'Андреевна',
      positions: ['специалист по персональным данным'],
    });
    await addPerson(system, organisationId, adminToken, surname, {
      personId: mentor,
      firstName: 'Вера',
      patronymic: 'Павловна',
      birthDate: '1979-05-14',
    });
    await addPerson(system, organisationId, adminToken, 'Кравцов', { personId: mentee, firstName: 'Олег' });
    const consent = await system.request('POST', `/people/${mentor}/consent`, adminToken, {
      date: localDay(-30),
      document: 'Согласие № 4',
    });
    expect(consent.status).toBeLessThan(300);

    // A pair where she is the mentor.
    const { programmeId } = await startProgramme(system, organisationId, directorToken, curator);
    const candidates: string[] = [];
    for (const selected of await selectMentorAndMentee(system, programmeId, curatorToken, mentor, mentee)) {
      expect(selected.status).toBe(201);
      candidates.push(selected.body.participantId);
    }
    await participantsListed(system, programmeId, curatorToken, 2);
    await approveCandidates(system, programmeId, curatorToken, candidates);
    const pair = await formPair(system, programmeId, directorToken, mentor, mentee, {
      mentorConsent: localDay(-10),
      menteeConsent: localDay(-9),
      order: { date: localDay(-7) },
      term: { start: localDay(-7), end: localDay(400) },
    });
    expect(pair.status).toBe(201);
    pairId = pair.body.state.pairId as string;
    await system.eventually(
      () => system.request('GET', `/pairs/${pairId}`, adminToken),
      (r) => r.status === 200,
    );
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  it('exports the card as JSON, is refused while she works, then depersonalises her: the pair names her nowhere', async () => {
    const { context, page } = await web.signedInPage(browser, adminToken);
    // Before: the pair's page names its mentor.
    await page.goto(`${system.baseUrl}/app/audit/${pairId}`);
    await web.openPairHistoryWithReason(page);
    await page.locator('.timeline-PairFormed', { hasText: `Наставник ${surname}` }).waitFor();

    await page.goto(`${system.baseUrl}/app/people/${mentor}`);
    await page.getByRole('heading', { name: `${surname} Вера Павловна`, level: 1 }).waitFor();

    // «Выгрузить все данные (JSON)»: a file with the card, her pair and the history.
    const privacy = page.locator('section[aria-labelledby="privacy-title"]');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      privacy.getByRole('button', { name: 'Выгрузить все данные (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`person-${mentor}.json`);
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(exported).toMatchObject({
      card: { surname, firstName: 'Вера', birthDate: '1979-05-14' },
      consent: { document: 'Согласие № 4' },
      pairs: [expect.objectContaining({ pairId, role: 'mentor' })],
    });
    expect(JSON.stringify(exported)).toContain(surname);

    // Who looked at the card from outside her school: the administrator herself, by name (flagged: no consent).
    const reads = page.locator('section[aria-labelledby="reads-title"]');
    await reads
      .locator('li')
      .filter({ hasText: /Админова А\. А\..*\(Администратор\), с чувствительными полями/ })
      .waitFor();

    // Refused while she still works and has not withdrawn consent: the API's reasons, in Russian.
    const dialog = page.getByRole('dialog', { name: 'Обезличить персональные данные?' });
    await privacy.getByRole('button', { name: 'Обезличить' }).click();
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toMatch(/Останутся: история пар и ИОМ/);
    await dialog.getByLabel('Основание (реквизиты документа, без ФИО)').fill('Заявление № 15 об отзыве согласия');
    await dialog.getByRole('button', { name: 'Обезличить' }).click();
    const refusal = dialog.getByRole('alert').filter({ hasText: 'Обезличивание отклонено' });
    await refusal.getByText('Не записан отзыв согласия на обработку персональных данных').waitFor();
    await refusal.getByText('Сотрудник не уволен из организации «МБОУ «Лицей № 3»»').waitFor();
    await web.screenshot(page, 'admin-depersonalisation-refused');
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // She leaves and withdraws consent, recorded on the same card.
    await page.getByText('Изменить сведения о работе', { exact: true }).click();
    const employment = page.getByRole('form', { name: 'Изменить сведения о работе' });
    await employment.getByLabel('Статус', { exact: true }).selectOption({ label: 'уволен' });
    await web.fillDate(employment.getByLabel('Статус с', { exact: true }), localDay(-2));
    await employment.getByRole('button', { name: 'Сохранить' }).click();
    await employment.getByText('Сведения о работе сохранены').waitFor();
    const consent = page.locator('section[aria-labelledby="consent-title"]');
    await web.fillDate(consent.getByLabel('Дата отзыва согласия'), localDay(-1));
    await consent.getByRole('button', { name: 'Записать отзыв согласия' }).click();
    await consent.getByTestId('consent').filter({ hasText: 'отозвано' }).waitFor();

    await privacy.getByRole('button', { name: 'Обезличить' }).click();
    await dialog.getByRole('button', { name: 'Обезличить' }).click();
    await page.getByRole('heading', { name: `Обезличен(а) ${shownDay(localDay(0))}`, level: 1 }).waitFor();
    await expect(page.locator('main').textContent()).resolves.not.toContain(surname);
    await privacy.getByRole('button', { name: 'Обезличить' }).waitFor({ state: 'hidden' });
    await web.screenshot(page, 'admin-person-depersonalised');

    // The pair's page: «Обезличено» where her name was, her surname nowhere.
    await page.goto(`${system.baseUrl}/app/audit/${pairId}`);
    await web.openPairHistoryWithReason(page);
    await page.locator('.timeline-PairFormed', { hasText: 'Наставник Обезличено' }).waitFor();
    await expect(page.locator('body').textContent()).resolves.not.toContain(surname);

    // The staff list: «Обезличено» in her row, without the no-consent flag (no name is left to flag).
    await page.goto(`${system.baseUrl}/app/people?organisation=${organisationId}`);
    const row = page.locator('section[aria-labelledby="staff-title"] tbody tr', { hasText: 'Обезличено' });
    await row.waitFor();
    await expect(row.locator('.no-consent').count()).resolves.toBe(0);
    await context.close();
  });

  it('keeps the card with its personal-data tools accessible (named controls, one h1, no skipped heading)', async () => {
    const { context, page } = await web.signedInPage(browser, adminToken);
    await page.goto(`${system.baseUrl}/app/people/${mentee}`);
    await page.locator('section[aria-labelledby="reads-title"] li').first().waitFor();
    await web.expectAccessible(page);
    await context.close();
  });
});

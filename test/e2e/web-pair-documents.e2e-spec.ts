import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import mammoth from 'mammoth';
import type { Browser, Page } from 'playwright-core';
import { addPerson } from '../support/people';
import { selectParticipants } from '../support/participants';
import {
  approvePersonalProgramme,
  formPair,
  places,
  registerOrganisation,
  startProgramme,
} from '../support/programme-setup';
import { TestSystem } from '../support/system';
import { ensureWebBuild, launchBrowser, signedInPage } from '../support/web';

/** The text of the DOCX the button makes the browser download (a refusal shown instead fails with its text). */
async function downloadedText(page: Page, button: string | RegExp): Promise<{ fileName: string; text: string }> {
  const refusal = page.getByRole('alert').filter({ hasText: 'Документ не сформирован' });
  const [download] = await Promise.all([
    Promise.race([
      page.waitForEvent('download'),
      refusal.waitFor().then(async () => Promise.reject(new Error(`${await refusal.textContent()}`))),
    ]),
    page.getByRole('button', { name: button }).click(),
  ]);
  const { value } = await mammoth.extractRawText({ buffer: await readFile(await download.path()) });
  return { fileName: download.suggestedFilename(), text: value };
}

/** Issue 22: on the pair's panel the curator downloads the assignment order and a consent as DOCX. */
describe('web application: the curator downloads a pair’s documents', () => {
  let system: TestSystem;
  let browser: Browser;
  const curator = randomUUID();
  let curatorToken: string;
  let programmeId: string;

  beforeAll(async () => {
    ensureWebBuild();
    [system, browser] = await Promise.all([TestSystem.start(), launchBrowser()]);
    const admin = system.token(randomUUID(), ['administrator']);
    const organisationId = (await registerOrganisation(system, admin, places.samara)).body.organisationId;
    const director = system.token(randomUUID(), ['director'], [organisationId]);
    curatorToken = system.token(curator, ['curator'], [organisationId]);
    const mentor = await addPerson(system, organisationId, curatorToken, 'Иванова');
    const mentee = await addPerson(system, organisationId, curatorToken, 'Петров', {
      firstName: 'Илья',
      patronymic: 'Сергеевич',
    });
    ({ programmeId } = await startProgramme(system, organisationId, director, curator));
    await selectParticipants(system, programmeId, curatorToken, [
      { personId: mentor, role: 'mentor' },
      { personId: mentee, role: 'mentee' },
    ]);
    const formed = await formPair(system, programmeId, director, mentor, mentee);
    expect(formed.status).toBe(201);
    await system.eventually(
      () => system.request('GET', `/pairs?programmeId=${programmeId}`, curatorToken),
      (r) => r.body?.length === 1,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('downloads the assignment order and the mentee’s consent, each naming the mentee', async () => {
    const { context, page } = await signedInPage(browser, curatorToken);
    await page.goto(`${system.baseUrl}/app/programmes/${programmeId}`);
    await page.getByLabel('Пара или группа').selectOption({ index: 1 });

    const order = await downloadedText(page, 'Скачать приказ (DOCX)');
    expect(order.fileName).toBe('приказ-о-закреплении-15-к.docx');
    expect(order.text).toContain('О закреплении наставнических пар (групп)');
    expect(order.text).toContain('Петров Илья Сергеевич');
    expect(order.text).toContain('Иванова Мария Петровна');

    // The label is the name the user knows (with the directory's note when the person has not consented to processing).
    const consent = await downloadedText(page, /^Скачать согласие наставляемого Петров И\. С\./);
    expect(consent.fileName).toBe('согласие-наставляемого-Петров-И-С.docx');
    expect(consent.text).toContain('Я, Петров Илья Сергеевич');
    await context.close();
  });

  it('downloads the personalised programme once it is approved', async () => {
    const pairId = (await system.request('GET', `/pairs?programmeId=${programmeId}`, curatorToken)).body[0].pairId;
    expect((await approvePersonalProgramme(system, pairId, curatorToken, curator)).status).toBe(200);
    await system.eventually(
      () => system.request('GET', `/pairs?programmeId=${programmeId}`, curatorToken),
      (r) => r.body?.[0]?.personalProgramme !== undefined,
    );
    const { context, page } = await signedInPage(browser, curatorToken);
    await page.goto(`${system.baseUrl}/app/programmes/${programmeId}`);
    await page.getByLabel('Пара или группа').selectOption({ index: 1 });

    const programme = await downloadedText(page, 'Скачать персонализированную программу (DOCX)');
    expect(programme.fileName).toBe('персонализированная-программа.docx');
    expect(programme.text).toContain('ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА');
    expect(programme.text).toContain('Посещение занятий наставника');
    expect(programme.text).toContain('Петров Илья Сергеевич');
    await context.close();
  });
});

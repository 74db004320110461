import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { localDateOf } from '@mentorflow/calendar';
import { approveCandidates } from '../support/participants';
import { addPerson } from '../support/people';
import {
  approvePersonalProgramme,
  formPair,
  fulfilPreparatoryStage,
  organisationWith,
  passInterimControl,
  places,
  programmeDocument,
  selectMentorAndMentee,
  startProgramme,
} from '../support/programme-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

/**
 * Incentives (issue 28): the mentor proposes a грамота for her mentee, the curator «Почётный наставник» for the
 * mentor, the director grants both by order; the person card names them; the results stage counts them.
 */
describe('web application: incentives from the proposal to the person card and the results stage', () => {
  let system: TestSystem;
  let browser: Browser;
  const people = { director: randomUUID(), curator: randomUUID(), mentor: randomUUID(), mentee: randomUUID() };
  let as: Record<keyof typeof people, string>;
  let organisationId: string;
  let programmeId: string;

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    ({ organisationId, as } = await organisationWith(system, places.tolyatti, {
      director: [people.director, 'director'],
      curator: [people.curator, 'curator'],
      mentor: [people.mentor, 'mentor'],
      mentee: [people.mentee, 'mentee'],
    }));
    await addPerson(system, organisationId, as.curator, 'Наставникова', { personId: people.mentor, firstName: 'Анна' });
    await addPerson(system, organisationId, as.curator, 'Молодых', { personId: people.mentee, firstName: 'Ольга' });
    // A programme taken through its stages to the results stage, with the mentor's pair.
    ({ programmeId } = await startProgramme(system, organisationId, as.director, people.curator));
    await fulfilPreparatoryStage(system, programmeId, as.curator, as.director);
    const selected = await selectMentorAndMentee(system, programmeId, as.curator, people.mentor, people.mentee);
    await approveCandidates(
      system,
      programmeId,
      as.curator,
      selected.map((r) => r.body.participantId as string),
    );
    const advance = async (from: string) => {
      await system.eventually(
        () => system.request('GET', `/programmes/${programmeId}`, as.curator),
        (r) => r.body.stage === from && r.body.nextStageChecklist.length === 0,
      );
      const advanced = await system.request('POST', `/programmes/${programmeId}/advance`, as.curator, {
        expectedStage: from,
      });
      expect(advanced.status).toBe(200);
    };
    await advance('preparatory');
    await system.request('POST', `/programmes/${programmeId}/documents`, as.curator, programmeDocument('roadMap'));
    const formed = await formPair(system, programmeId, as.director, people.mentor, people.mentee);
    expect(formed.status).toBe(201);
    const pairId = formed.body.state.pairId as string;
    const approved = await approvePersonalProgramme(system, pairId, as.curator, people.curator);
    await advance('design');
    await passInterimControl(system, pairId, as.curator, approved.body.state);
    await advance('implementation');
    const today = localDateOf(new Date().toISOString(), places.tolyatti.timeZone);
    for (const indicator of ['studentsPassedNationalTestsShare', 'adaptationQualityAndPace'])
      await system.request('POST', `/organisations/${organisationId}/monitoring-results`, as.curator, {
        indicator,
        value: 4,
        periodStart: today,
        periodEnd: today,
      });
    for (const kind of ['processMonitoringReport', 'influenceMonitoringReport'])
      await system.request('POST', `/programmes/${programmeId}/documents`, as.curator, programmeDocument(kind));
    await advance('reflectiveAnalytical');
    // The curator's proposals check the mentor against the pairs' read model.
    await system.eventually(
      () => system.request('GET', `/pairs?mentorId=${people.mentor}`, as.curator),
      (r) => r.body?.length === 1,
    );
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  it('the mentor proposes a почётная грамота for her mentee', async () => {
    const { context, page } = await web.signedInPage(browser, as.mentor);
    await page.goto(`${system.baseUrl}/app/incentives`);
    await page.getByRole('heading', { name: 'Поощрения', level: 1 }).waitFor();
    await expect(web.menuLinks(page)).resolves.toContain('Поощрения');
    const form = page.getByRole('form', { name: 'Предложить поощрение наставляемому' });
    await form.getByRole('option', { name: 'Молодых Ольга Петровна' }).waitFor({ state: 'attached' });
    await form.getByLabel('Наставляемый').selectOption({ label: 'Молодых Ольга Петровна' });
    await form.getByLabel('Вид поощрения').selectOption({ label: 'Почётная грамота' });
    await form.getByRole('button', { name: 'Предложить' }).click();
    await page.getByText('Поощрение предложено: Молодых Ольга Петровна').waitFor();
    await web.expectAccessible(page);
    await web.screenshot(page, 'mentor-incentive-proposed');
    await context.close();
  });

  it('the curator proposes «Почётный наставник» for the mentor', async () => {
    const { context, page } = await web.signedInPage(browser, as.curator);
    await page.goto(`${system.baseUrl}/app/incentives`);
    const form = page.getByRole('form', { name: 'Предложить поощрение наставнику' });
    await form.waitFor();
    const box = form.getByRole('combobox', { name: 'Наставник', exact: true });
    await box.fill('Наставн');
    await page.getByRole('option', { name: /Наставникова Анна Петровна/ }).click();
    await form.getByLabel('Вид поощрения').selectOption({ label: 'Нагрудный знак «Почётный наставник»' });
    await form.getByRole('button', { name: 'Предложить' }).click();
    await page.getByText('Поощрение предложено: Наставникова Анна Петровна').waitFor();
    await context.close();
  });

  it('the director grants both by order; the person card and the results stage show them, on a laptop and a phone', async () => {
    // The lists read a projection: both proposals are in it before the director opens the page.
    await system.eventually(
      () => system.request('GET', `/incentives?organisationId=${organisationId}&status=proposed`, as.director),
      (r) => r.body?.length === 2,
    );
    const { context, page } = await web.signedInPage(browser, as.director);
    await page.goto(`${system.baseUrl}/app/incentives`);
    const today = localDateOf(new Date().toISOString(), 'Europe/Moscow');
    for (const [name, number] of [
      ['Молодых Ольга Петровна', '45-п'],
      ['Наставникова Анна Петровна', '46-п'],
    ] as const) {
      const approval = page.getByRole('form', { name: `Утвердить поощрение: ${name}` });
      await approval.waitFor();
      await approval.getByLabel('Номер приказа (решения)').fill(number);
      await web.fillDate(approval.getByLabel('Дата приказа (решения)'), today);
      await approval.getByRole('button', { name: 'Утвердить' }).click();
      await page.getByRole('form', { name: `Утвердить поощрение: ${name}` }).waitFor({ state: 'detached' });
    }
    await web.expectAccessible(page);
    await web.screenshot(page, 'director-incentives-approved');
    await context.close();

    await system.eventually(
      () => system.request('GET', `/incentives?organisationId=${organisationId}&status=approved`, as.curator),
      (r) => r.body?.length === 2,
    );
    const curator = await web.signedInPage(browser, as.curator);
    await curator.page.goto(`${system.baseUrl}/app/people/${people.mentee}`);
    const incentives = curator.page.getByRole('region', { name: 'Поощрения' });
    await incentives.getByText(/Почётная грамота, приказ № 45-п/).waitFor();
    await expect(incentives.textContent()).resolves.toContain('Предложил(а) Наставникова Анна Петровна');
    await expect(incentives.textContent()).resolves.not.toContain(people.mentor);
    await web.screenshot(curator.page, 'curator-person-incentives');

    await curator.page.goto(`${system.baseUrl}/app/programmes/${programmeId}`);
    const summary = curator.page.getByTestId('results-summary');
    await summary.getByText(/Поощрений утверждено: 2, наставников поощрено: 1/).waitFor();
    await expect(summary.textContent()).resolves.toContain('Практик предложено в банк: 0');
    await web.expectAccessible(curator.page);
    await web.screenshot(curator.page, 'curator-results-stage-summary');
    await curator.page.setViewportSize(web.phone);
    await curator.page.reload();
    await summary.waitFor();
    await web.expectFitsWidth(curator.page);
    await web.screenshot(curator.page, 'phone-curator-results-stage-summary');
    await curator.context.close();
  });
});

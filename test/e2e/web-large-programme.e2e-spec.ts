import type { Browser } from 'playwright-core';
import { freshIds } from '../support/ids';
import { selectParticipants } from '../support/participants';
import { addPerson } from '../support/people';
import { organisationWith, places, startProgramme } from '../support/programme-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

/**
 * A college whose programme selected more participants than one page of the list (100): the pair form offers
 * every one of them — the 101st mentee too, by name — and narrows the list by a part of a name. Until 2026-12-04 it
 * offered only the first page's.
 */
describe('web application: the pair form of a programme with more than a hundred participants', () => {
  let system: TestSystem;
  let browser: Browser;
  const [admin, director, curator] = freshIds(3);
  let programmeId: string;
  let curatorToken: string;

  beforeAll(async () => {
    ({ system, browser } = await web.startWebJourney());
    const setup = await organisationWith(system, places.kazanCollege, { director, curator }, admin);
    const { organisationId } = setup;
    curatorToken = setup.as.curator;
    // People of the college's directory, not accounts: a hundred accounts named «Пользователь …» fill the
    // administrator's first page of users, and a user registered later under a later name is not shown there.
    const person = (surname: string) => addPerson(system, organisationId, curatorToken, surname);
    const mentor = await person('Наставникова');
    const mentees: string[] = [];
    for (let i = 0; i < 100; i++) mentees.push(await person('Молодых'));
    ({ programmeId } = await startProgramme(system, organisationId, setup.as.director, curator));
    // Two commission meetings: one takes at most 100 decisions.
    await selectParticipants(system, programmeId, curatorToken, [
      { personId: mentor, role: 'mentor' },
      ...mentees.slice(0, 60).map((personId) => ({ personId, role: 'mentee' as const })),
    ]);
    await selectParticipants(
      system,
      programmeId,
      curatorToken,
      mentees.slice(60).map((personId) => ({ personId, role: 'mentee' as const })),
    );
    // The last one selected, a person of the directory with her name.
    const last = await addPerson(system, organisationId, curatorToken, 'Яковлева', {
      firstName: 'Анна',
      patronymic: 'Сергеевна',
    });
    await selectParticipants(system, programmeId, curatorToken, [{ personId: last, role: 'mentee' }]);
  }, 300_000);
  afterAll(() => web.stopWebJourney({ system, browser }));

  it('offers the 101st mentee in the pair form, by name', async () => {
    const listed = await system.request('GET', `/programmes/${programmeId}/participants?limit=100`, curatorToken);
    expect(listed.body).toHaveLength(100);
    const { context, page } = await web.signedInPage(browser, curatorToken);
    await page.goto(`${system.baseUrl}/app/programmes/${programmeId}/pairs`);
    await page.getByText('Сформировать пару или группу', { exact: true }).first().click();
    const form = page.getByRole('form', { name: 'Сформировать пару или группу' });
    await form.getByRole('checkbox', { name: /^Яковлева А\. С\./ }).waitFor({ timeout: 30_000 });
    const group = form.getByRole('group', { name: 'Наставляемые' });
    await expect(group.getByRole('checkbox').count()).resolves.toBe(101);

    // A hundred names are not read through: she narrows the list by a part of the surname, in any case.
    const filter = group.getByLabel('Найти наставляемого');
    await filter.fill('яков');
    await expect(group.getByRole('checkbox').count()).resolves.toBe(1);
    await group.getByText('Показано 1 из 101; отмеченные остаются в списке').waitFor();
    await group.getByRole('checkbox', { name: /^Яковлева А\. С\./ }).check();
    // Another search keeps the one she ticked beside the new matches.
    await filter.fill('МОЛОДЫХ');
    await expect(group.getByRole('checkbox').count()).resolves.toBe(101);
    await filter.fill('нет такой');
    await expect(group.getByRole('checkbox').count()).resolves.toBe(1);
    await expect(group.getByRole('checkbox', { name: /^Яковлева А\. С\./ }).isChecked()).resolves.toBe(true);
    await context.close();
  });
});

import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { addDays, addYears, localDay } from '../support/dates';
import { addPerson } from '../support/people';
import { places } from '../support/programme-setup';
import { courseRow, mathsTeacherTitlePage, recordDiagnostics, routeBody } from '../support/route-setup';
import { TestSystem } from '../support/system';
import * as web from '../support/web';

/**
 * Issue 27, a reassigned task's new holder: an administrator passes the methodologist's draft task of a route to
 * another methodologist of the organisation (the route's own one is on leave). The open task grants her exactly
 * the command behind it on that route — she opens the route from her inbox and submits the draft, recorded as
 * hers — and nothing more: another methodologist without the task is refused, naming who may, and so is she
 * once the task is done.
 */
describe('a task passed on: its new holder performs the command behind it', () => {
  let system: TestSystem;
  let browser: Browser;
  const { timeZone } = places.tolyatti;
  const today = () => localDay(timeZone);
  let as: Record<'admin', string>;
  let tutor: string;
  let deputyId: string;
  let deputy: string;
  let stranger: string;
  let routeId: string;
  let taskId: string;

  beforeAll(async () => {
    let organisationId: string;
    ({ system, browser, organisationId, as } = await web.startWebJourneyWithOrganisation(places.tolyatti, {
      admin: [randomUUID(), 'administrator'],
    }));
    const person = (surname: string, firstName = 'Мария') =>
      addPerson(system, organisationId, as.admin, surname, { firstName, positions: ['методист'] });
    const [tutorId, ownId, deputyPerson, strangerId, teacherId] = await Promise.all([
      person('Орлова', 'Ольга'),
      person('Петрова'),
      person('Васильева', 'Анна'),
      person('Егорова', 'Нина'),
      person('Смирнова'),
    ]);
    deputyId = deputyPerson;
    for (const personId of [ownId, deputyId, strangerId]) {
      const staffed = await system.request('POST', `/organisations/${organisationId}/staff`, as.admin, {
        personId,
        role: 'methodologist',
      });
      expect(staffed.status).toBeLessThan(300);
    }
    tutor = system.token(tutorId, ['tutor'], [organisationId]);
    system.token(ownId, ['methodologist'], [organisationId]);
    deputy = system.token(deputyId, ['methodologist'], [organisationId]);
    stranger = system.token(strangerId, ['methodologist'], [organisationId]);
    const created = await system.request(
      'POST',
      `/organisations/${organisationId}/routes`,
      tutor,
      routeBody(teacherId, ownId, mathsTeacherTitlePage(today(), addDays(addYears(today(), 4), -1))),
    );
    expect(created.status).toBe(201);
    routeId = created.body.state.routeId as string;
    expect((await recordDiagnostics(system, routeId, tutor, today())).status).toBe(200);
    const route = await system.eventually(
      () => system.request('GET', `/routes/${routeId}`, tutor),
      (r) => r.body.draft?.taskId !== undefined,
    );
    taskId = route.body.draft.taskId as string;
    await system.eventually(
      () => system.request('GET', '/tasks/inbox?scope=team&kind=draftRoute', as.admin),
      (r) => r.body.items?.some((t: { taskId: string }) => t.taskId === taskId),
    );
  });
  afterAll(() => web.stopWebJourney({ system, browser }));

  const draft = () => ({ rows: [courseRow(addDays(today(), 120))] });

  /** A methodologist's submit-draft refused as not hers (422), naming who may send it. */
  const refusedAsNotHers = async (token: string) => {
    const refused = await system.request('POST', `/routes/${routeId}/submit-draft`, token, draft());
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toBe(
      'Действие доступно только методисту этого маршрута, тому, кому передана его задача, или администратору',
    );
  };

  it('without the task another methodologist of the organisation may read the route but not submit its draft', async () => {
    expect((await system.request('GET', `/routes/${routeId}`, deputy)).status).toBe(200);
    await refusedAsNotHers(deputy);
  });

  it('passed on with a reason, the draft task lets its new holder open the route from her inbox and submit the draft', async () => {
    const moved = await system.request('POST', `/tasks/${taskId}/reassign`, as.admin, {
      toPersonId: deputyId,
      reason: 'Методист маршрута в отпуске',
    });
    expect(moved.status).toBeLessThan(300);
    await system.eventually(
      () => system.request('GET', '/tasks', deputy),
      (r) => r.body.some((t: { taskId: string }) => t.taskId === taskId),
    );
    // Another methodologist of the organisation still may not: the task is not hers.
    await refusedAsNotHers(stranger);

    // In the browser: her inbox names the task; its link opens the route with the draft form.
    const { context, page } = await web.signedInPage(browser, deputy);
    await page.goto(`${system.baseUrl}/app/tasks`);
    const card = page.locator(`[data-task-id="${taskId}"]`);
    await card.getByRole('link', { name: 'Составить проект ИОМ' }).click();
    const form = page.locator('#draft');
    await form.getByRole('heading', { name: 'Проект ИОМ: дорожная карта' }).waitFor();
    await web.expectAccessible(page);
    const row = form.locator('fieldset').first();
    await row.getByLabel('Мероприятие', { exact: true }).fill('Курс «Цифровые инструменты учителя»');
    await row.getByLabel('Решаемые задачи').fill('Освоить цифровые сервисы для уроков');
    await row.getByLabel('Часы').fill('36');
    await web.fillDate(row.getByLabel('Срок'), addDays(today(), 120));
    await form.getByRole('button', { name: 'Передать проект тьютору' }).click();
    await page.getByText('Проект ИОМ передан тьютору. Задача выполнена.').waitFor();
    await context.close();

    // The route's history records the draft and the task's completion with her as the actor.
    const history = await system.request('GET', `/routes/${routeId}/history`, as.admin);
    const submitted = history.body.find((e: { type: string }) => e.type === 'RouteDraftSubmitted');
    expect(submitted).toMatchObject({ actorId: deputyId, role: 'methodologist', data: { submittedBy: deputyId } });
    const reassigned = history.body.find((e: { type: string }) => e.type === 'TaskReassigned');
    expect(reassigned.data).toMatchObject({ taskId, reason: 'Методист маршрута в отпуске' });
  });

  it('once the task is done, the command is no longer hers', async () => {
    await system.eventually(
      () => system.request('GET', '/tasks', deputy),
      (r) => r.body.every((t: { taskId: string }) => t.taskId !== taskId),
    );
    await refusedAsNotHers(deputy);
  });
});

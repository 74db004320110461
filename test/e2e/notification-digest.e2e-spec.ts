import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import type { ProductionCalendar } from '@mentorflow/calendar';
import { russianDate } from '@mentorflow/domain';
import { signUnsubscribeToken } from '@mentorflow/projections';
import { dailyDigestWorkflow } from '@mentorflow/workflows/notifications/daily-digest.workflow';
import { DigestSchedules, digestScheduleId } from '../../apps/worker/src/digest-schedules';
import { addDays, localDay } from '../support/dates';
import type { ReceivedMail, TestMailServer } from '../support/mail-server';
import { startMailSystem, type MailSystem } from '../support/mail-system';
import { addPerson } from '../support/people';
import { eventually } from '../support/poll';
import { places } from '../support/programme-setup';
import { createRoute, recordDiagnostics } from '../support/route-setup';
import type { TestSystem } from '../support/system';
import * as web from '../support/web';

/**
 * Issue 21, people control their mail: per kind at once / in the daily digest / off (escalations locked),
 * the signed unsubscribe link in every message, and the daily digest a Temporal schedule starts at 08:00 in
 * the organisation's zone on its working days — run here for dates the test picks, never today.
 */
describe('notification preferences, unsubscribe links and the daily digest', () => {
  let system: TestSystem;
  let mail: TestMailServer;
  let calendar: ProductionCalendar;
  let client: Client;
  const publicUrl = 'http://mentorflow.test';
  const { timeZone } = places.tolyatti;
  let school: string;
  let admin: string;
  let curator: string;
  let tutor: string;

  let started: MailSystem | undefined;

  beforeAll(async () => {
    started = await startMailSystem({ PUBLIC_URL: publicUrl, NOTIFICATION_RETRY_BASE_MS: '1000' });
    ({ system, mail, calendar, admin, school, curator, tutor } = started);
    client = system.api.get(Client);
  });
  afterAll(() => started?.stop());

  /** A methodologist with a card and a work e-mail, signed in. */
  async function methodologist(surname: string) {
    const personId = randomUUID();
    const address = `${personId.slice(0, 8)}@school.test`;
    await addPerson(system, school, curator, surname, { personId, workEmail: address });
    return { personId, address, token: system.token(personId, ['methodologist'], [school]) };
  }
  /** The tutor records a route's diagnostics today: the methodologist's «Составить проект ИОМ…» task is raised. */
  async function draftRaised(methodologistId: string) {
    const teacherId = await addPerson(system, school, curator, 'Учителева', { workEmail: 'teacher@school.test' });
    const route = await createRoute(system, school, tutor, { teacherId, methodologistId, today: localDay(timeZone) });
    expect(route.status).toBe(201);
    expect((await recordDiagnostics(system, route.body.state.routeId, tutor, localDay(timeZone))).status).toBe(200);
  }
  const preferences = (token: string) => system.request('GET', '/me/notification-preferences', token);
  const choose = (token: string, kind: string, delivery: string) =>
    system.request('PUT', '/me/notification-preferences', token, { preferences: [{ kind, delivery }] });
  const outbox = (status: string, recipientId: string) =>
    system.eventually(
      () => system.request('GET', `/notifications?status=${status}&limit=100`, admin),
      (r) => r.body.some((n: { recipientId: string }) => n.recipientId === recipientId),
      30_000,
    );
  const received = (address: string, count = 1) =>
    eventually(
      () => mail.to(address),
      (m) => m.length >= count,
      { timeoutMs: 30_000 },
    );
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));
  const digestFor = (date: string) =>
    client.workflow.execute(dailyDigestWorkflow, {
      taskQueue: process.env.TEMPORAL_TASK_QUEUE as string,
      workflowId: `digest-test-${randomUUID()}`,
      args: [{ timeZone, date }],
    });
  /** The link of a message, on this system instead of PUBLIC_URL (which only names the installation). */
  const unsubscribeLinkOf = (message: ReceivedMail | undefined): string => {
    const link = /Отписаться от таких писем: (\S+)/.exec(message?.text ?? '')?.[1];
    expect(link).toMatch(/^http:\/\/mentorflow\.test\/notifications\/unsubscribe\?token=/);
    return (link as string).replace(publicUrl, system.baseUrl);
  };
  const open = async (url: string) => {
    const response = await fetch(url);
    return { status: response.status, type: response.headers.get('content-type'), html: await response.text() };
  };

  it('keeps each person’s choice per kind, refuses to turn off or hold escalations (422), and refuses a bad choice (400)', async () => {
    const { token } = await methodologist('Настройкина');
    const initial = await preferences(token);
    expect(initial.status).toBe(200);
    expect(initial.body.preferences).toEqual([
      { kind: 'TaskRaised', label: 'Новая задача', delivery: 'immediately', locked: false },
      { kind: 'TaskReassigned', label: 'Вам передана задача', delivery: 'immediately', locked: false },
      { kind: 'TaskReminded', label: 'Напоминание о приближении срока', delivery: 'immediately', locked: false },
      { kind: 'TaskOverdue', label: 'Срок задачи прошёл', delivery: 'immediately', locked: false },
      {
        kind: 'TaskEscalated',
        label: 'Эскалация: просрочена задача сотрудника, которого вы контролируете',
        delivery: 'immediately',
        locked: true,
      },
    ]);
    expect((await choose(token, 'TaskReminded', 'digest')).status).toBe(200);
    for (const delivery of ['off', 'digest']) {
      const refused = await choose(token, 'TaskEscalated', delivery);
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toMatch(/эскалации руководителю нельзя отключить или отложить до сводки/);
    }
    const bad = await choose(token, 'TaskOverdue', 'sometimes');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('delivery');
    const after = (await preferences(token)).body.preferences;
    expect(Object.fromEntries(after.map((p: { kind: string; delivery: string }) => [p.kind, p.delivery]))).toEqual({
      TaskRaised: 'immediately',
      TaskReassigned: 'immediately',
      TaskReminded: 'digest',
      TaskOverdue: 'immediately',
      TaskEscalated: 'immediately',
    });
    // Each person's own: another sees their own defaults.
    const other = await methodologist('Другова');
    expect((await preferences(other.token)).body.preferences[2].delivery).toBe('immediately');
    expect((await system.request('GET', '/me/notification-preferences')).status).toBe(401);
  });

  it('does not send a kind the person turned off: the message is skipped, not failed', async () => {
    const { personId, address, token } = await methodologist('Отключенова');
    expect((await choose(token, 'TaskRaised', 'off')).status).toBe(200);
    await draftRaised(personId);
    const skipped = await outbox('skipped', personId);
    expect(skipped.body.find((n: { recipientId: string }) => n.recipientId === personId)).toMatchObject({
      kind: 'TaskRaised',
      sentAt: null,
      failedAt: null,
      skippedAt: expect.any(String),
    });
    await settle();
    expect(mail.to(address)).toHaveLength(0);
  });

  it('puts the unsubscribe link in every message and the List-Unsubscribe header; the link turns that kind off without signing in', async () => {
    const { personId, address, token } = await methodologist('Отписова');
    await draftRaised(personId);
    const [message] = await received(address);
    const link = unsubscribeLinkOf(message);
    expect(message?.html).toContain('Отписаться от таких писем</a>');
    expect(message?.headers.get('list-unsubscribe')).toBe(`<${link.replace(system.baseUrl, publicUrl)}>`);

    const page = await open(link);
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/text\/html/);
    expect(page.html).toContain('Вы отписались от писем «Новая задача»');
    expect((await preferences(token)).body.preferences[0]).toMatchObject({ kind: 'TaskRaised', delivery: 'off' });

    // Tampered (another person's id under the same signature) or expired: 400, a Russian page, nothing changes.
    expect((await choose(token, 'TaskRaised', 'immediately')).status).toBe(200);
    const token64 = new URL(link).searchParams.get('token') as string;
    const [, signature] = token64.split('.');
    const forged = Buffer.from(JSON.stringify({ p: randomUUID(), k: 'TaskRaised', i: Date.now() })).toString(
      'base64url',
    );
    const secret = process.env.NOTIFICATION_UNSUBSCRIBE_SECRET as string;
    const expired = signUnsubscribeToken(
      { personId, kind: 'TaskRaised' },
      secret,
      new Date(Date.now() - 400 * 86_400_000),
    );
    for (const bad of [`${forged}.${signature}`, expired, 'не-токен']) {
      const refused = await open(`${system.baseUrl}/notifications/unsubscribe?token=${encodeURIComponent(bad)}`);
      expect(refused.status).toBe(400);
      expect(refused.html).toContain('Ссылка для отписки повреждена или устарела: настройки не изменены');
    }
    expect((await preferences(token)).body.preferences[0]).toMatchObject({ delivery: 'immediately' });

    // An escalation's link explains that escalations cannot be turned off, and changes nothing.
    const escalation = signUnsubscribeToken({ personId, kind: 'TaskEscalated' }, secret, new Date());
    const explained = await open(`${system.baseUrl}/notifications/unsubscribe?token=${escalation}`);
    expect(explained.status).toBe(200);
    expect(explained.html).toContain('Эскалации руководителю приходят всегда');
    expect((await preferences(token)).body.preferences[4]).toMatchObject({ delivery: 'immediately' });
  });

  it('keeps a Temporal schedule at 08:00 in the organisation’s zone and sends the digest on working days only, once per person and day', async () => {
    // The schedule of the school's zone: created (or updated) by the worker, idempotently.
    const schedules = system.workerApp.get(DigestSchedules);
    await schedules.ensureAll();
    await schedules.ensure(timeZone);
    const described = await client.schedule
      .getHandle(digestScheduleId(process.env.TEMPORAL_TASK_QUEUE as string, timeZone))
      .describe();
    expect(described.spec.timezone).toBe(timeZone);
    expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 8, end: 8, step: 1 }] });
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'dailyDigestWorkflow' });

    const { personId, address, token } = await methodologist('Сводкина');
    expect((await choose(token, 'TaskRaised', 'digest')).status).toBe(200);
    await draftRaised(personId);
    await outbox('held', personId);
    const inbox = await system.eventually(
      () => system.request('GET', '/tasks?kind=draftRoute', token),
      (r) => r.body?.length === 1,
    );
    const task = inbox.body[0] as { title: string; dueLocalDate: string };
    // Dates from the test: the next working day (the task is new and due later), the due day, a weekday
    // holiday after it (the task is overdue by then) and the working day after that holiday.
    const nextWorking = (from: string) => {
      let day = addDays(from, 1);
      while (!calendar.isWorkingDay(day)) day = addDays(day, 1);
      return day;
    };
    const firstDay = nextWorking(localDay(timeZone));
    let holiday = addDays(task.dueLocalDate, 1);
    while (calendar.isWorkingDay(holiday) || [0, 6].includes(new Date(`${holiday}T00:00:00Z`).getUTCDay()))
      holiday = addDays(holiday, 1);
    const afterHoliday = nextWorking(holiday);
    expect(firstDay < task.dueLocalDate).toBe(true);

    // Day one: the held «new task» is the news of the digest.
    expect(await digestFor(firstDay)).toMatchObject({ date: firstDay, enqueued: expect.any(Number) });
    const [first] = await received(address);
    expect(first?.subject).toBe(`Сводка задач на ${russianDate(firstDay)}`);
    for (const body of [first?.text, first?.html]) {
      expect(body).toContain('Здравствуйте, Сводкина Мария Петровна!');
      expect(body).toContain('Новое с прошлой сводки');
      expect(body).toContain(task.title);
      expect(body).toContain(`срок ${russianDate(task.dueLocalDate)}`);
    }
    expect(first?.text).not.toContain('Срок сегодня');
    unsubscribeLinkOf(first);

    // The due day: «Срок сегодня»; the news was told already. Run twice: still one letter.
    await digestFor(task.dueLocalDate);
    await digestFor(task.dueLocalDate);
    const [, dueDay] = await received(address, 2);
    expect(dueDay?.subject).toBe(`Сводка задач на ${russianDate(task.dueLocalDate)}`);
    expect(dueDay?.text).toContain('Срок сегодня');
    expect(dueDay?.text).toContain(task.title);
    expect(dueDay?.text).not.toContain('Новое с прошлой сводки');

    // A holiday: no digest at all, though the task is overdue by then.
    expect(await digestFor(holiday)).toMatchObject({ date: holiday, workingOrganisations: 0, enqueued: 0 });
    // The working day after it: the overdue task.
    await digestFor(afterHoliday);
    const [, , overdue] = await received(address, 3);
    expect(overdue?.subject).toBe(`Сводка задач на ${russianDate(afterHoliday)}`);
    expect(overdue?.text).toContain('Просрочено');
    await settle();
    expect(mail.to(address).map((m) => m.subject)).toEqual([
      `Сводка задач на ${russianDate(firstDay)}`,
      `Сводка задач на ${russianDate(task.dueLocalDate)}`,
      `Сводка задач на ${russianDate(afterHoliday)}`,
    ]);
  });

  it('shows «Настройки уведомлений» to the person: the kinds in Russian, escalations locked, a choice saved and kept', async () => {
    const { token } = await methodologist('Экранова');
    const browser = await web.launchBrowser();
    try {
      const { context, page } = await web.signedInPage(browser, token);
      await page.goto(`${system.baseUrl}/app/`);
      await page.getByRole('heading', { name: 'Мои задачи' }).waitFor();
      await expect(web.menuLinks(page)).resolves.toEqual([
        'Мои задачи',
        'ИОМ',
        'Банк практик',
        'Настройки уведомлений',
      ]);
      await page.getByRole('link', { name: 'Настройки уведомлений' }).click();
      await page.getByRole('heading', { name: 'Настройки уведомлений', level: 1 }).waitFor();
      const reminders = page.getByRole('group', { name: 'Напоминание о приближении срока' });
      await reminders.getByRole('radio', { name: 'В ежедневной сводке (08:00)' }).check();
      const escalations = page.getByRole('group', { name: /^Эскалация/ });
      expect(await escalations.getByRole('radio', { name: 'Сразу' }).isChecked()).toBe(true);
      expect(await escalations.getByRole('radio', { name: 'Не присылать' }).isDisabled()).toBe(true);
      expect(await escalations.textContent()).toContain('Эскалации приходят всегда');
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await page.getByRole('status').filter({ hasText: 'Настройки сохранены' }).waitFor();
      await web.screenshot(page, 'notification-settings');
      await web.expectAccessible(page);

      await page.reload();
      await page.getByRole('heading', { name: 'Настройки уведомлений', level: 1 }).waitFor();
      const kept = page.getByRole('group', { name: 'Напоминание о приближении срока' });
      await kept.getByRole('radio', { name: 'В ежедневной сводке (08:00)', checked: true }).waitFor();
      expect((await preferences(token)).body.preferences[2]).toMatchObject({ delivery: 'digest' });
      await context.close();

      const small = await web.signedInPage(browser, token, web.phone);
      await small.page.goto(`${system.baseUrl}/app/notification-settings`);
      await small.page.getByRole('heading', { name: 'Настройки уведомлений', level: 1 }).waitFor();
      await web.expectFitsWidth(small.page);
      await small.context.close();
    } finally {
      await browser.close();
    }
  });
});

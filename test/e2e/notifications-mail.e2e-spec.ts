import { randomUUID } from 'node:crypto';
import { sync as ical, type VEvent } from 'node-ical';
import { localDateOf, type ProductionCalendar } from '@mentorflow/calendar';
import { russianDate } from '@mentorflow/domain';
import { localDay } from '../support/dates';
import type { TestMailServer } from '../support/mail-server';
import { startMailSystem, type MailSystem } from '../support/mail-system';
import { addPerson } from '../support/people';
import { eventually } from '../support/poll';
import { places, registerOrganisation } from '../support/programme-setup';
import { createRoute, recordDiagnostics, recordDiagnosticsAt } from '../support/route-setup';
import type { TestSystem } from '../support/system';
import * as web from '../support/web';

/**
 * Issue 21, e-mail: notifications reach people through a real SMTP server (smtp-server in this process),
 * each exactly once, across an SMTP outage; what the server refuses for good (5xx) is parked at once, what it
 * refuses for now (4xx) after the last attempt, for the administrator (GET /notifications?status=failed) to
 * resend from there.
 */
describe('notifications by e-mail on a real SMTP server', () => {
  let system: TestSystem;
  let mail: TestMailServer;
  let calendar: ProductionCalendar;
  const publicUrl = 'http://mentorflow.test';
  const { timeZone } = places.tolyatti;
  const maxAttempts = 4;
  let school: string;
  let admin: string;
  let curator: string;
  let tutor: string;
  const today = () => localDay(timeZone);

  let started: MailSystem | undefined;

  beforeAll(async () => {
    started = await startMailSystem({
      MAIL_FROM: 'Наставничество <noreply@mentorflow.test>',
      PUBLIC_URL: publicUrl,
      NOTIFICATION_MAX_ATTEMPTS: String(maxAttempts),
      NOTIFICATION_RETRY_BASE_MS: '1000',
    });
    ({ system, mail, calendar, admin, school, curator, tutor } = started);
  });
  afterAll(() => started?.stop());

  /** A person of the school with a card: `surname`, their own work e-mail. */
  async function staffWithMail(surname: string) {
    const personId = randomUUID();
    const address = `${personId.slice(0, 8)}@school.test`;
    await addPerson(system, school, curator, surname, { personId, workEmail: address });
    return { personId, address };
  }

  /**
   * A methodologist with a card (name, own work e-mail) whose route's diagnostics the school's tutor records
   * today — or `backdated`: its tutor records them at a past instant, sent to the route workflow directly, since
   * the API stamps a command with the present.
   */
  async function diagnosticsRecorded(
    surname: string,
    backdated?: { tutor: { personId: string; token: string }; at: Date },
  ) {
    const by = backdated?.tutor.token ?? tutor;
    const { personId: methodologistId, address } = await staffWithMail(surname);
    const token = system.token(methodologistId, ['methodologist'], [school]);
    const teacherId = await addPerson(system, school, curator, 'Учителева', { workEmail: 'teacher@school.test' });
    const route = await createRoute(system, school, by, { teacherId, methodologistId, today: today() });
    expect(route.status).toBe(201);
    const routeId = route.body.state.routeId as string;
    if (backdated) {
      const now = backdated.at.toISOString();
      await recordDiagnosticsAt(system, routeId, backdated.tutor.personId, { date: localDateOf(now, timeZone), now });
    } else expect((await recordDiagnostics(system, routeId, by, today())).status).toBe(200);
    return { methodologistId, address, token, routeId };
  }

  const listed = (status: string) => system.request('GET', `/notifications?status=${status}&limit=100`, admin);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));
  const received = (address: string) =>
    eventually(
      () => mail.to(address),
      (m) => m.length > 0,
      { timeoutMs: 30_000 },
    );
  /** Delivered, and still once after the dispatcher had time to send it again. */
  async function deliveredOnce(address: string) {
    await received(address);
    await settle();
    expect(mail.to(address)).toHaveLength(1);
  }
  const parkedFor = (recipientId: string) =>
    system.eventually(
      () => listed('failed'),
      (r) => r.body.some((n: { recipientId: string }) => n.recipientId === recipientId),
      30_000,
    );

  it('sends the methodologist «Составить проект ИОМ…» once, by name, with the due date as дд.мм.гггг, the link and the deadline as an .ics event', async () => {
    const { address, token, routeId } = await diagnosticsRecorded('Методистова');
    const [message] = await received(address);
    const inbox = await system.eventually(
      () => system.request('GET', '/tasks?kind=draftRoute', token),
      (r) => r.body?.length === 1,
    );
    // The due date counted independently: 10 working days from the diagnostics on the production calendar.
    const due = calendar.addWorkingDays(inbox.body[0].raisedAt as string, 10, timeZone);
    expect(message?.subject).toMatch(/^Новая задача: Составить проект ИОМ 63-\d{4}-\d{4}-\d{6} по результатам/);
    expect(message?.headers.get('message-id')).toMatch(/^<[0-9a-f-]{36}@mentorflow>$/);
    const link = `${publicUrl}/app/routes/${routeId}`;
    for (const body of [message?.text, message?.html]) {
      expect(body).toContain('Здравствуйте, Методистова Мария Петровна!');
      expect(body).toContain('Составить проект ИОМ');
      expect(body).toContain(`до ${russianDate(due.dueLocalDate)} включительно`);
      expect(body).toContain(link);
    }
    // The same deadline as an all-day event for her calendar, read by an iCalendar parser.
    const events = Object.values(ical.parseICS(message?.calendar ?? '')).filter(
      (c): c is VEvent => c?.type === 'VEVENT',
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.summary).toMatch(/^Срок: Составить проект ИОМ/);
    expect(events[0]?.start.dateOnly).toBe(true);
    const start = events[0]?.start as Date;
    expect(
      `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}-${String(start.getDate()).padStart(2, '0')}`,
    ).toBe(due.dueLocalDate);
    await settle();
    expect(mail.to(address)).toHaveLength(1);
  });

  it('delivers everything queued while the SMTP server was down once it is back, each message exactly once', async () => {
    await mail.stop();
    const queued = [await diagnosticsRecorded('Первова'), await diagnosticsRecorded('Вторая')];
    // The dispatcher tried and failed: the messages wait in the outbox for their next attempt.
    const waiting = await system.eventually(
      () => listed('pending'),
      (r) =>
        queued.every((q) =>
          r.body.some(
            (n: { recipientId: string; attempts: number }) => n.recipientId === q.methodologistId && n.attempts > 0,
          ),
        ),
      30_000,
    );
    expect(
      waiting.body.find((n: { recipientId: string }) => n.recipientId === queued[0]?.methodologistId),
    ).toMatchObject({
      kind: 'TaskRaised',
      recipientName: 'Первова Мария Петровна',
      lastError: expect.stringMatching(/ECONNREFUSED/),
    });
    await mail.listen();
    for (const { address } of queued) await received(address);
    await settle();
    for (const { address } of queued) expect(mail.to(address)).toHaveLength(1);
  });

  it('parks a permanent refusal (550) at once with its error, without retrying it', async () => {
    mail.refusing = 550;
    try {
      const { methodologistId, address } = await diagnosticsRecorded('Безадресова');
      const failed = await parkedFor(methodologistId);
      const parked = failed.body.find((n: { recipientId: string }) => n.recipientId === methodologistId);
      expect(parked).toMatchObject({ kind: 'TaskRaised', attempts: 1, recipientName: 'Безадресова Мария Петровна' });
      expect(parked.lastError).toMatch(/550 Mailbox unavailable/);
      expect(parked.lastError).not.toContain(address);
      // Parked: the dispatcher does not try it again.
      await settle();
      const still = (await listed('failed')).body.find(
        (n: { recipientId: string }) => n.recipientId === methodologistId,
      );
      expect(still.attempts).toBe(1);
    } finally {
      mail.refusing = undefined;
    }
  });

  it('retries a temporary refusal (451) with backoff, parks it after the last attempt, lists it with the error for the administrator, and resends it', async () => {
    mail.refusing = 451;
    const { methodologistId, address } = await diagnosticsRecorded('Отказова');
    const failed = await parkedFor(methodologistId);
    const parked = failed.body.find((n: { recipientId: string }) => n.recipientId === methodologistId);
    expect(parked).toMatchObject({
      kind: 'TaskRaised',
      attempts: maxAttempts,
      recipientName: 'Отказова Мария Петровна',
    });
    expect(parked.lastError).toMatch(/451/);
    expect(parked.lastError).not.toContain(address);
    expect(mail.to(address)).toHaveLength(0);

    mail.refusing = undefined;
    const resent = await system.request('POST', `/notifications/${parked.notificationId}/resend`, admin, {
      reason: 'Сервер почты снова принимает письма',
    });
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({
      notificationId: parked.notificationId,
      attempts: 0,
      failedAt: null,
      resendReason: 'Сервер почты снова принимает письма',
    });
    await deliveredOnce(address);
    expect(mail.to(address)[0]?.subject).toMatch(/^Новая задача: Составить проект ИОМ/);

    // Only a parked message is resent; the list and the action are the administrator's.
    const again = await system.request('POST', `/notifications/${parked.notificationId}/resend`, admin, {});
    expect(again.status).toBe(409);
    expect((await system.request('POST', `/notifications/${randomUUID()}/resend`, admin, {})).status).toBe(404);
    expect((await system.request('POST', '/notifications/not-a-uuid/resend', admin, {})).status).toBe(400);
    expect((await system.request('GET', '/notifications?status=lost', admin)).status).toBe(400);
    expect((await system.request('GET', '/notifications?status=failed', curator)).status).toBe(403);
    expect((await system.request('POST', `/notifications/${parked.notificationId}/resend`, curator, {})).status).toBe(
      403,
    );
  });

  it('lists to the curator and the director the staff without a work e-mail («нет адреса для уведомлений»), by name and paginated', async () => {
    const unreachable = await addPerson(system, school, curator, 'Безпочтова', { workEmail: undefined });
    const reachable = await addPerson(system, school, curator, 'Спочтова');
    const director = system.token(randomUUID(), ['director'], [school]);
    const path = `/organisations/${school}/people/without-work-email`;
    for (const reader of [curator, director]) {
      const listedNow = await system.request('GET', `${path}?limit=100`, reader);
      expect(listedNow.status).toBe(200);
      const ids = listedNow.body.map((p: { personId: string }) => p.personId);
      expect(ids).toContain(unreachable);
      expect(ids).not.toContain(reachable);
      expect(listedNow.body.find((p: { personId: string }) => p.personId === unreachable)).toMatchObject({
        fullName: 'Безпочтова Мария Петровна',
      });
      expect(listedNow.body.every((p: { workEmail?: string }) => p.workEmail === undefined)).toBe(true);
    }
    const found = await system.request('GET', `${path}?q=безпоч`, curator);
    expect(found.body.map((p: { personId: string }) => p.personId)).toEqual([unreachable]);
    expect((await system.request('GET', `${path}?limit=1&offset=0`, curator)).body).toHaveLength(1);
    expect((await system.request('GET', `${path}?limit=100000`, curator)).status).toBe(400);
    // The list is the directory keepers': not a tutor's, not another organisation's curator's.
    expect((await system.request('GET', path, tutor)).status).toBe(403);
    const other = (await registerOrganisation(system, admin, places.vladivostok)).body.organisationId as string;
    const otherCurator = system.token(randomUUID(), ['curator'], [other]);
    expect((await system.request('GET', path, otherCurator)).status).toBe(404);
  });

  it('shows the administrator a parked message on the «Уведомления» screen with its error, and «Отправить повторно» delivers it', async () => {
    const browser = await web.launchBrowser();
    try {
      mail.refusing = 550;
      const { methodologistId, address } = await diagnosticsRecorded('Экранова');
      await parkedFor(methodologistId);
      mail.refusing = undefined;
      const { context, page } = await web.signedInPage(browser, admin);
      await page.goto(`${system.baseUrl}/app/notifications`);
      await page.getByRole('heading', { name: 'Уведомления', level: 1 }).waitFor();
      const card = page.locator('li.card').filter({ hasText: 'Экранова Мария Петровна' });
      await card.waitFor();
      expect(await card.textContent()).toMatch(/Новая задача: Составить проект ИОМ[\s\S]*550 Mailbox unavailable/);
      expect(await card.textContent()).toMatch(/Канал\s*E-mail/);
      await web.screenshot(page, 'admin-notifications');
      await web.expectAccessible(page);
      await card.getByRole('button', { name: 'Отправить повторно' }).click();
      await deliveredOnce(address);
      await context.close();
    } finally {
      mail.refusing = undefined;
      await browser.close();
    }
  });
  it("past the draft deadline: the methodologist's overdue mail and the escalations to the tutor and the curator arrive, each exactly once", async () => {
    // The route's tutor and the organisation's curator (the last on its staff), with cards and work e-mails:
    // MarkDraftOverdue escalates to both and gives each a task (libs/domain/src/route/route.diagnostics.ts).
    const routeTutor = await staffWithMail('Тьюторова');
    const routeCurator = await staffWithMail('Кураторова');
    const staffed = await system.request('POST', `/organisations/${school}/staff`, admin, {
      personId: routeCurator.personId,
      role: 'curator',
    });
    expect(staffed.status).toBe(200);
    // Diagnostics 30 days ago: the 10-working-day draft deadline has passed (even across the New Year holidays),
    // so the workflow's own timers remind, mark the draft overdue and escalate at once, as in real time.
    const methodologist = await diagnosticsRecorded('Просрочкина', {
      tutor: { ...routeTutor, token: system.token(routeTutor.personId, ['tutor'], [school]) },
      at: new Date(Date.now() - 30 * 86_400_000),
    });
    const people = [
      { ...methodologist, personId: methodologist.methodologistId, fullName: 'Просрочкина Мария Петровна' },
      { ...routeTutor, fullName: 'Тьюторова Мария Петровна' },
      { ...routeCurator, fullName: 'Кураторова Мария Петровна' },
    ];
    const overdue = /^Просрочено: Составить проект ИОМ/;
    const escalation = /^Эскалация: Составить проект ИОМ/;
    const escalationTask = /^Новая задача: Проект ИОМ 63-\d{4}-\d{4}-\d{6} не представлен методистом в срок/;
    const expected: [string, RegExp][] = [
      [methodologist.address, overdue],
      [routeTutor.address, escalation],
      [routeTutor.address, escalationTask],
      [routeCurator.address, escalation],
      [routeCurator.address, escalationTask],
    ];
    const arrived = () => expected.every(([address, kind]) => mail.to(address).some((m) => kind.test(m.subject)));
    await eventually(
      async () => arrived(),
      (done) => done,
      { timeoutMs: 60_000 },
    );
    // The outbox drained for these three, then one more dispatcher round: nothing more arrives.
    await system.eventually(
      () => listed('pending'),
      (r) => !r.body.some((n: { recipientId: string }) => people.some((p) => p.personId === n.recipientId)),
      30_000,
    );
    await settle();
    for (const [address, kind] of expected)
      expect(mail.to(address).filter((m) => kind.test(m.subject))).toHaveLength(1);
    // Each by name, and no message (one Message-ID) delivered twice, whatever its kind.
    for (const { address, fullName } of people) {
      const theirs = mail.to(address);
      for (const m of theirs) expect(m.text).toContain(`Здравствуйте, ${fullName}!`);
      const ids = theirs.map((m) => m.headers.get('message-id'));
      expect(new Set(ids).size).toBe(ids.length);
    }
    // Only those the domain escalates to: the school's other tutor hears nothing of this route.
    expect(
      mail.received
        .filter((m) => escalation.test(m.subject))
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual([routeTutor.address, routeCurator.address].sort());
  });
});

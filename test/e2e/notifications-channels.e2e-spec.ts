import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sync as ical, type VEvent } from 'node-ical';
import { webhookSignature } from '@mentorflow/projections';
import { localDay } from '../support/dates';
import { addPerson } from '../support/people';
import { eventually } from '../support/poll';
import { places, registerOrganisation } from '../support/programme-setup';
import { courseRow, createRoute, recordDiagnostics } from '../support/route-setup';
import { TestSystem } from '../support/system';

/** A bot's receiving end: node:http, answering what `answer` says for each request. */
class TestWebhookReceiver {
  readonly requests: { headers: IncomingHttpHeaders; body: string; status: number }[] = [];
  answer: (headers: IncomingHttpHeaders) => number = () => 200;
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<TestWebhookReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiver = new TestWebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/bot`);
    server.on('request', (req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const status = receiver.answer(req.headers);
        receiver.requests.push({ headers: req.headers, body, status });
        res.statusCode = status;
        res.end();
      });
    });
    return receiver;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** What a receiver does with the secret: recompute the signature over the timestamp and the raw body. */
const signedWith = (secret: string, request: { headers: IncomingHttpHeaders; body: string }): boolean => {
  const given = Buffer.from(String(request.headers['x-mentorflow-signature']));
  const expected = Buffer.from(
    webhookSignature(secret, String(request.headers['x-mentorflow-timestamp']), request.body),
  );
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/**
 * Issue 21, the channels beside e-mail: a person's private calendar feed, which calendar applications read
 * without signing in, and an organisation's messenger webhook, signed, retried like e-mail, once per
 * notification.
 */
describe('notifications by calendar feed and webhook', () => {
  let system: TestSystem;
  let receiver: TestWebhookReceiver;
  const publicUrl = 'http://mentorflow.test';
  const { timeZone } = places.tolyatti;
  let school: string;
  let curator: string;
  let tutor: string;
  const today = () => localDay(timeZone);

  beforeAll(async () => {
    receiver = await TestWebhookReceiver.start();
    process.env.PUBLIC_URL = publicUrl;
    process.env.NOTIFICATION_RETRY_BASE_MS = '1000';
    system = await TestSystem.start();
    const admin = system.token(randomUUID(), ['administrator']);
    school = (await registerOrganisation(system, admin, places.tolyatti)).body.organisationId as string;
    curator = system.token(randomUUID(), ['curator'], [school]);
    tutor = system.token(randomUUID(), ['tutor'], [school]);
  });
  afterAll(async () => {
    await system?.stop();
    await receiver?.stop();
    delete process.env.PUBLIC_URL;
    delete process.env.NOTIFICATION_RETRY_BASE_MS;
  });

  /** A methodologist with a card and `routes` routes whose diagnostics the tutor records today: a draft task each. */
  async function methodologistWithDrafts(surname: string, routes: number) {
    const methodologistId = randomUUID();
    const token = system.token(methodologistId, ['methodologist'], [school]);
    await addPerson(system, school, curator, surname, { personId: methodologistId });
    const routeIds: string[] = [];
    for (let i = 0; i < routes; i++) {
      const teacherId = await addPerson(system, school, curator, `Учителева${i}`);
      const route = await createRoute(system, school, tutor, { teacherId, methodologistId, today: today() });
      expect(route.status).toBe(201);
      routeIds.push(route.body.state.routeId as string);
      expect((await recordDiagnostics(system, routeIds[i] as string, tutor, today())).status).toBe(200);
    }
    return { methodologistId, token, routeIds };
  }

  /** The feed as a calendar application reads it: no Authorization header. */
  const readFeed = async (url: string) => {
    const response = await fetch(`${system.baseUrl}${new URL(url).pathname}`);
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };
  const eventsOf = (ics: string) =>
    Object.values(ical.parseICS(ics))
      .filter((c): c is VEvent => c?.type === 'VEVENT')
      .map((e) => {
        const start = e.start as Date;
        const date = [start.getFullYear(), start.getMonth() + 1, start.getDate()]
          .map((n) => String(n).padStart(2, '0'))
          .join('-');
        return { uid: e.uid, date, dateOnly: e.start.dateOnly, summary: e.summary, url: e.url, alarms: e.alarms };
      })
      .sort((a, b) => a.uid.localeCompare(b.uid));

  it("gives a person a private feed of their inbox's open tasks, which a completed task leaves, and which 404s once revoked or replaced", async () => {
    const { token, routeIds } = await methodologistWithDrafts('Календарева', 2);
    const inbox = await system.eventually(
      () => system.request('GET', '/tasks/inbox', token),
      (r) => r.body?.items?.length === 2,
    );
    expect((await system.request('GET', '/calendar/feed', token)).body).toEqual({ exists: false });
    const created = await system.request('POST', '/calendar/feed', token, {});
    expect(created.status).toBe(201);
    const url = created.body.url as string;
    expect(url).toMatch(new RegExp(`^${publicUrl}/calendar/feeds/[A-Za-z0-9_-]{43}\\.ics$`));
    // Only that it exists is kept: the address is not shown again.
    const status = await system.request('GET', '/calendar/feed', token);
    expect(status.body).toEqual({ exists: true, createdAt: expect.any(String) });

    const feed = await readFeed(url);
    expect(feed.status).toBe(200);
    expect(feed.type).toBe('text/calendar; charset=utf-8');
    const items = inbox.body.items as {
      taskId: string;
      title: string;
      dueLocalDate: string;
      subject: { id: string };
    }[];
    // The same tasks, dates and titles as the inbox: all-day events, reminded a day before, linking the route.
    expect(eventsOf(feed.text)).toEqual(
      items
        .map((item) => ({
          uid: `${item.taskId}@mentorflow`,
          date: item.dueLocalDate,
          dateOnly: true,
          summary: `Срок: ${item.title}`,
          url: `${publicUrl}/app/routes/${item.subject.id}`,
          alarms: [expect.objectContaining({ action: 'DISPLAY' })],
        }))
        .sort((a, b) => a.uid.localeCompare(b.uid)),
    );
    expect(feed.text).toContain('TRIGGER:-P1D');
    // No names: titles hold none, and the person's own name is not written either.
    expect(feed.text).not.toContain('Календарева');

    // The draft of the first route submitted: its task is done, and the feed no longer holds it.
    const done = items.find((item) => item.subject.id === routeIds[0]);
    const submitted = await system.request('POST', `/routes/${routeIds[0]}/submit-draft`, token, {
      rows: [courseRow(localDay(timeZone, 60))],
    });
    expect(submitted.status).toBe(200);
    const after = await eventually(
      () => readFeed(url),
      (r) => eventsOf(r.text).length === 1,
      { timeoutMs: 10_000 },
    );
    expect(eventsOf(after.text).map((e) => e.uid)).not.toContain(`${done?.taskId}@mentorflow`);

    // Another's token or a made-up one opens nothing.
    expect((await readFeed(`${publicUrl}/calendar/feeds/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await readFeed(url.replace(/\.ics$/, '.json'))).status).toBe(404);

    // A new address replaces the old one.
    const replaced = await system.request('POST', '/calendar/feed', token, {});
    expect(replaced.body.url).not.toBe(url);
    expect((await readFeed(url)).status).toBe(404);
    expect((await readFeed(replaced.body.url)).status).toBe(200);

    // Revoked: 404, and the person's feed is gone.
    const revoked = await system.request('DELETE', '/calendar/feed', token);
    expect(revoked.status).toBe(200);
    expect((await readFeed(replaced.body.url)).status).toBe(404);
    expect((await system.request('GET', '/calendar/feed', token)).body).toEqual({ exists: false });
  });

  it('lets the curator connect a webhook (https, or http to localhost) with a secret shown once; the director and an administrator too, nobody else', async () => {
    const hook = `/organisations/${school}/webhook`;
    const methodologist = system.token(randomUUID(), ['methodologist'], [school]);
    expect((await system.request('PUT', hook, methodologist, { url: receiver.url })).status).toBe(403);
    for (const url of ['http://bot.school.example.ru/hook', 'ftp://127.0.0.1/hook', 'не адрес', '']) {
      const refused = await system.request('PUT', hook, curator, { url });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].field).toBe('url');
      expect(refused.body.errors[0].message).toMatch(
        /^(Поле обязательно|Адрес вебхука должен быть полным адресом https:\/\/…)/,
      );
    }
    expect((await system.request('GET', hook, curator)).body).toEqual({ configured: false });
    const https = await system.request('PUT', hook, curator, { url: 'https://bot.school.example.ru/hook' });
    expect(https.status).toBe(200);
    expect(https.body).toEqual({
      configured: true,
      url: 'https://bot.school.example.ru/hook',
      createdAt: expect.any(String),
      secret: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Read back without the secret.
    const director = system.token(randomUUID(), ['director'], [school]);
    const read = await system.request('GET', hook, director);
    expect(read.body).toEqual({
      configured: true,
      url: 'https://bot.school.example.ru/hook',
      createdAt: expect.any(String),
    });
    expect((await system.request('DELETE', hook, director)).body).toEqual({ configured: false });
  });

  it('posts each notification of the organisation to its webhook, signed, once — retried after a 500 with the same delivery id', async () => {
    const set = await system.request('PUT', `/organisations/${school}/webhook`, curator, { url: receiver.url });
    expect(set.status).toBe(200);
    const secret = set.body.secret as string;
    // The bot fails the first attempt of each delivery, then accepts it.
    const seen = new Set<string>();
    receiver.answer = (headers) => {
      const id = String(headers['x-mentorflow-delivery']);
      if (seen.has(id)) return 200;
      seen.add(id);
      return 500;
    };
    const { methodologistId, routeIds } = await methodologistWithDrafts('Вебхукова', 1);
    const forHer = () =>
      receiver.requests.filter(
        (r) => (JSON.parse(r.body) as { recipient: { personId: string } }).recipient.personId === methodologistId,
      );
    const attempts = await eventually(
      async () => forHer(),
      (r) => r.some((request) => request.status === 200),
      { timeoutMs: 30_000 },
    );
    expect(attempts.map((a) => a.status)).toEqual([500, 200]);
    const [first, second] = attempts;
    expect(second?.headers['x-mentorflow-delivery']).toBe(first?.headers['x-mentorflow-delivery']);
    expect(second?.body).toBe(first?.body);
    for (const attempt of attempts) {
      expect(attempt.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(signedWith(secret, attempt)).toBe(true);
      expect(signedWith('another secret', attempt)).toBe(false);
    }
    const payload = JSON.parse(second?.body ?? '{}');
    expect(payload).toEqual({
      deliveryId: second?.headers['x-mentorflow-delivery'],
      kind: 'TaskRaised',
      text: expect.stringMatching(/^Новая задача: Составить проект ИОМ/),
      organisationId: school,
      task: {
        id: expect.any(String),
        title: expect.stringMatching(/^Составить проект ИОМ/),
        dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        link: `${publicUrl}/app/routes/${routeIds[0]}`,
      },
      recipient: { personId: methodologistId, role: 'methodologist' },
    });
    // Her name is not sent: the bot maps the person id to its chat.
    expect(second?.body).not.toContain('Вебхукова');
    // Nothing more once accepted: delivered once.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(forHer()).toHaveLength(2);
    // The administrator's list shows it as a webhook delivery, sent on the second attempt.
    const admin = system.token(randomUUID(), ['administrator']);
    const sent = await system.request('GET', '/notifications?status=sent&limit=100', admin);
    expect(sent.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          notificationId: second?.headers['x-mentorflow-delivery'],
          channel: 'webhook',
          attempts: 2,
          recipientId: methodologistId,
        }),
      ]),
    );
    // The webhook is in addition to e-mail: her e-mail row is there too.
    expect(
      sent.body
        .filter((n: { recipientId: string; channel: string }) => n.recipientId === methodologistId)
        .map((n: { channel: string }) => n.channel)
        .sort(),
    ).toEqual(['email', 'webhook']);
  });
});

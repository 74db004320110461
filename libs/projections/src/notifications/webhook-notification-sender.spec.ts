import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PermanentNotificationError, type NotificationEnvelope } from './notification-dispatcher';
import { WebhookNotificationSender, webhookSignature, type WebhookPayload } from './webhook-notification-sender';

describe('the webhook channel', () => {
  let server: Server;
  let url: string;
  let answer = 200;
  const received: { headers: Record<string, unknown>; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = answer;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const secret = 'f'.repeat(64);
  const now = new Date('2026-04-28T10:00:00Z');
  const envelope = {
    notificationId: '0d9b5f8e-1111-4000-8000-000000000001',
    kind: 'TaskRaised',
    recipientId: 'person-1',
    recipientRole: 'methodologist',
    taskId: 'c0ffee00-0000-4000-8000-000000000001',
    subject: 'Новая задача: Проект ИОМ',
    body: 'Срок: 2026-05-14',
    channel: 'webhook',
    messageId: '<x@mentorflow>',
    unsubscribeUrl: 'http://x/notifications/unsubscribe?token=t',
    message: { subject: '', text: '', html: '' },
    task: { organisationId: 'org-1', title: 'Проект ИОМ', dueLocalDate: '2026-05-14', link: 'http://x/app/routes/r' },
  } satisfies NotificationEnvelope;
  const sender = (hook?: { url: string; secret: string }) =>
    new WebhookNotificationSender({ query: async () => (hook ? [hook] : []) as never }, () => now);

  it('signs "<timestamp>.<raw body>" with HMAC-SHA256 of the secret', () => {
    const expected = createHmac('sha256', 'k').update('1700000000.{"a":1}').digest('hex');
    expect(webhookSignature('k', '1700000000', '{"a":1}')).toBe(`sha256=${expected}`);
  });

  it('posts the payload with the delivery id, the timestamp and a signature the receiver can check', async () => {
    answer = 204;
    await sender({ url, secret }).send(envelope);
    const [delivery] = received.splice(0);
    const timestamp = delivery?.headers['x-mentorflow-timestamp'] as string;
    expect(timestamp).toBe(String(now.getTime() / 1000));
    expect(delivery?.headers['x-mentorflow-delivery']).toBe(envelope.notificationId);
    expect(delivery?.headers['x-mentorflow-signature']).toBe(webhookSignature(secret, timestamp, delivery?.body ?? ''));
    expect(JSON.parse(delivery?.body ?? '')).toEqual({
      deliveryId: envelope.notificationId,
      kind: 'TaskRaised',
      text: 'Новая задача: Проект ИОМ',
      organisationId: 'org-1',
      task: { id: envelope.taskId, title: 'Проект ИОМ', dueDate: '2026-05-14', link: 'http://x/app/routes/r' },
      recipient: { personId: 'person-1', role: 'methodologist' },
    } satisfies WebhookPayload);
  });

  it('retries a 5xx, a 429 or no answer; parks a 4xx, and a webhook that was removed', async () => {
    const failure = (hook?: { url: string; secret: string }) =>
      sender(hook)
        .send(envelope)
        .then(
          () => undefined,
          (error: Error) => error,
        );
    const retried = async (expected: string | RegExp, hook = { url, secret }) => {
      const error = await failure(hook);
      expect(error?.message).toMatch(expected);
      expect(error).not.toBeInstanceOf(PermanentNotificationError);
      return error;
    };
    answer = 500;
    await retried('Вебхук ответил 500');
    answer = 429;
    await retried('Вебхук ответил 429');
    // No answer at all; the error does not quote the URL, which may carry a bot's token.
    const refused = await retried(/^Вебхук недоступен: /, { url: 'http://127.0.0.1:1/hook?token=bot-secret', secret });
    expect(refused?.message).not.toContain('bot-secret');
    answer = 410;
    expect(await failure({ url, secret })).toBeInstanceOf(PermanentNotificationError);
    expect(await failure()).toEqual(new PermanentNotificationError('Вебхук организации удалён'));
    received.splice(0);
  });
});

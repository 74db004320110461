import { createHmac } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { SqlExecutor } from '@mentorflow/event-store';
import {
  PermanentNotificationError,
  type NotificationEnvelope,
  type NotificationSender,
} from './notification-dispatcher';

/**
 * The JSON an organisation's webhook receives for each notification, the same on every attempt (when it was
 * sent is the timestamp header). Ids, the task's title (titles hold no
 * names), its due date and link, and whom it is for by person id and role: the bot maps person ids to its
 * chats, so no name or contact leaves mentorflow.
 */
export interface WebhookPayload {
  /** The same on every attempt (also the `X-Mentorflow-Delivery` header): the receiver drops a repeat. */
  deliveryId: string;
  kind: string;
  /** The e-mail's subject line, ready to post: «Новая задача: …». */
  text: string;
  organisationId: string;
  task: { id: string; title: string; dueDate: string | null; link: string };
  recipient: { personId: string; role: string };
}

export const webhookHeaders = {
  delivery: 'x-mentorflow-delivery',
  timestamp: 'x-mentorflow-timestamp',
  signature: 'x-mentorflow-signature',
} as const;

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the secret>`: the timestamp is signed too, so a
 * receiver that refuses old timestamps cannot be fed a recorded delivery again.
 */
export const webhookSignature = (secret: string, timestamp: string, rawBody: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;

/**
 * The webhook row of a notification: a copy of its e-mail row (`<key>`) on the `webhook` channel, when the
 * task's organisation has a webhook; enqueued in the same transaction, so once per notification. Its id is
 * derived from the key, as the e-mail row's is.
 */
export async function enqueueWebhookDelivery(
  tx: SqlExecutor,
  notificationKey: string,
  organisationId: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO notification_outbox
       (notification_id, kind, recipient_id, recipient_role, task_id, subject, body, created_at, channel)
     SELECT md5($1 || ':webhook')::uuid, kind, recipient_id, recipient_role, task_id, subject, body, created_at, 'webhook'
     FROM notification_outbox
     WHERE notification_id = md5($1)::uuid
       AND EXISTS (SELECT 1 FROM personal.organisation_webhooks WHERE organisation_id = $2::uuid)
     ON CONFLICT (notification_id) DO NOTHING`,
    [notificationKey, organisationId],
  );
}

/** A 4xx other than these is the receiver's final word about this request (it will answer the same again). */
const RETRIED_CLIENT_ERRORS = new Set([408, 425, 429]);
const TIMEOUT_MS = 10_000;

/**
 * Posts a notification to its organisation's webhook (`personal.organisation_webhooks`), signed with the
 * organisation's secret; the dispatcher retries a failure with backoff and parks it after the last attempt,
 * as it does e-mail. A 2xx answer is success; a redirect is not followed (it is a failure: the URL is to be
 * fixed); the URL and the secret are read at each attempt, so a replaced webhook gets what is still queued.
 */
export class WebhookNotificationSender implements NotificationSender {
  constructor(
    private readonly db: Pick<DataSource, 'query'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(notification: NotificationEnvelope): Promise<void> {
    const { task, taskId } = notification;
    // Only a task's notification is enqueued for a webhook (a digest is e-mail's).
    if (!task || !taskId) throw new PermanentNotificationError('Вебхук получает только уведомления о задачах');
    const [hook] = await this.db.query<{ url: string; secret: string }[]>(
      'SELECT url, secret FROM personal.organisation_webhooks WHERE organisation_id = $1',
      [task.organisationId],
    );
    if (!hook) throw new PermanentNotificationError('Вебхук организации удалён');
    const payload: WebhookPayload = {
      deliveryId: notification.notificationId,
      kind: notification.kind,
      text: notification.subject,
      organisationId: task.organisationId,
      task: { id: taskId, title: task.title, dueDate: task.dueLocalDate ?? null, link: task.link },
      recipient: { personId: notification.recipientId, role: notification.recipientRole },
    };
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(this.now().getTime() / 1000));
    let response: Response;
    try {
      response = await fetch(hook.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'mentorflow-webhook',
          [webhookHeaders.delivery]: notification.notificationId,
          [webhookHeaders.timestamp]: timestamp,
          [webhookHeaders.signature]: webhookSignature(hook.secret, timestamp, body),
        },
        body,
      });
    } catch (error) {
      // The cause names the failure (ECONNREFUSED, a timeout) without the URL, which may carry a bot's token.
      const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`Вебхук недоступен: ${cause?.code ?? cause?.message ?? (error as Error).name}`);
    }
    await response.body?.cancel();
    if (response.ok) return;
    const message = `Вебхук ответил ${response.status}`;
    if (response.status >= 400 && response.status < 500 && !RETRIED_CLIENT_ERRORS.has(response.status))
      throw new PermanentNotificationError(message);
    throw new Error(message);
  }
}

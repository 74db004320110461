import { createTransport, type Transporter } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import {
  PermanentNotificationError,
  type NotificationEnvelope,
  type NotificationSender,
} from './notification-dispatcher';

/**
 * A 5xx reply (550 mailbox unavailable, 553 mailbox name not allowed…) is the server's final word (RFC 5321
 * §4.2.1): sending the same message again gets the same answer, so the message is parked at once with the
 * reply. A 4xx reply (451 local error, greylisting) or no reply (connection refused, timeout) may pass: retried.
 */
const permanentIfRefused = (error: Error): Error => {
  const code = (error as Error & { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600 ? new PermanentNotificationError(error.message) : error;
};

/**
 * Sends notifications by e-mail through the SMTP server of SMTP_URL (nodemailer): `smtps://` is TLS from
 * the first byte, `smtp://` upgrades with STARTTLS when the server offers it; credentials come in the URL.
 * Short timeouts: the dispatcher holds the outbox row's lock while a message is in flight.
 */
export class SmtpNotificationSender implements NotificationSender {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport({
      ...parseConnectionUrl(smtpUrl),
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
  }

  async send(notification: NotificationEnvelope): Promise<void> {
    if (!notification.to) {
      throw new PermanentNotificationError(
        'нет адреса для уведомлений: в карточке сотрудника не указан рабочий e-mail',
      );
    }
    try {
      await this.transport.sendMail(this.mailOf(notification, notification.to));
    } catch (error) {
      throw permanentIfRefused(error as Error);
    }
  }

  private mailOf(notification: NotificationEnvelope, to: string) {
    return {
      from: this.from,
      to,
      subject: notification.message.subject,
      text: notification.message.text,
      html: notification.message.html,
      messageId: notification.messageId,
      ...(notification.calendarEvent
        ? {
            attachments: [
              {
                filename: 'srok.ics',
                content: notification.calendarEvent,
                contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              },
            ],
          }
        : {}),
      // List-Unsubscribe (RFC 2369): mail clients show their own «unsubscribe» button with the same signed link.
      list: { unsubscribe: notification.unsubscribeUrl },
      headers: { 'X-Mentorflow-Notification': notification.notificationId },
    };
  }

  close(): void {
    this.transport.close();
  }
}

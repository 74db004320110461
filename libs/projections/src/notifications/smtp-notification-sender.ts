import { createTransport, type Transporter } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import {
  PermanentNotificationError,
  type NotificationEnvelope,
  type NotificationSender,
} from './notification-dispatcher';

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
    await this.transport.sendMail({
      from: this.from,
      to: notification.to,
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
      headers: { 'X-Mentorflow-Notification': notification.notificationId },
    });
  }

  close(): void {
    this.transport.close();
  }
}

import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { TaskView } from '@mentorflow/domain';
import { PollingLoop } from '../polling-loop';
import {
  renderNotification,
  taskLink,
  type NotificationKind,
  type NotificationMessage,
} from './notification-templates';
import { taskCalendarEvent } from './task-calendar-event';
import { digestKind, digestMessage } from './notification-digest';
import { holdOrSkip } from './notification-preferences';
import { signUnsubscribeToken, unsubscribeLink } from './unsubscribe-token';

/** An outbox row: ids, the kind and the subject line; no names or addresses. */
export interface OutgoingNotification {
  notificationId: string;
  kind: string;
  recipientId: string;
  recipientRole: string;
  /** Null for a daily digest, which covers several tasks (listed in its body). */
  taskId: string | null;
  subject: string;
  body: string;
  /** `email`, or `webhook`: the organisation's messenger webhook (issue 21). */
  channel: NotificationChannel;
}

export const notificationChannels = ['email', 'webhook'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

/** A row ready to go: the rendered message, the recipient's address and a Message-ID derived from the row. */
export interface NotificationEnvelope extends OutgoingNotification {
  /** `<notification id@mentorflow>`: the same on every attempt, so a receiver can drop a repeat. */
  messageId: string;
  /** The recipient's work e-mail from the staff directory; absent when the card has none. */
  to?: string;
  message: NotificationMessage;
  /** The recipient's own task with a due date: an iCalendar event for the `.ics` attachment. */
  calendarEvent?: string;
  /** The signed link that turns this kind off (also the List-Unsubscribe header). */
  unsubscribeUrl: string;
  /** What a webhook payload says of the task: no names (titles hold none); none for a digest. */
  task?: { organisationId: string; title: string; dueLocalDate?: string; link: string };
}

/** Where notifications go: the log by default, e-mail (SmtpNotificationSender) when SMTP_URL is set. */
export interface NotificationSender {
  send(notification: NotificationEnvelope): Promise<void>;
}

/** A failure no retry can mend (no address to write to, a 5xx refusal): parked at once for the administrator. */
export class PermanentNotificationError extends Error {
  override readonly name = 'PermanentNotificationError';
}

/** Names and work e-mails by person id: the API's staff directory (PeopleDirectory.contacts). */
export interface NotificationRecipients {
  contacts(personIds: readonly string[]): Promise<ReadonlyMap<string, { fullName: string; workEmail?: string }>>;
}

export class LogNotificationSender implements NotificationSender {
  private readonly logger = new Logger('Notifications');
  async send(notification: NotificationEnvelope): Promise<void> {
    // Person ids only: the log carries no names or contacts.
    this.logger.log(
      `${notification.kind} → ${notification.recipientRole} ${notification.recipientId}: ${notification.subject}`,
    );
  }
}

export interface NotificationDispatcherSettings {
  /** Poll the outbox (with PROJECTOR_POLL_MS, at least every 200 ms); off where the process must not send. */
  enabled: boolean;
  pollMs: number;
  /** Attempts before a message is parked (`failed_at`) for the administrator. */
  maxAttempts: number;
  /** The wait after the first failure; doubled after each further one, at most an hour. */
  retryBaseMs: number;
  /** The web app's address the messages link to. */
  publicUrl: string;
  /** Signs the unsubscribe links (NOTIFICATION_UNSUBSCRIBE_SECRET). */
  unsubscribeSecret: string;
}

const MAX_RETRY_DELAY_MS = 3_600_000;
const MAX_ERROR_LENGTH = 1000;
/** An SMTP reply may quote the recipient's address: the stored and logged error never does. */
const withoutAddresses = (text: string): string =>
  text.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, 'адрес').slice(0, MAX_ERROR_LENGTH);

/** The Message-ID of a notification: derived from its outbox id, so every attempt carries the same one. */
export const notificationMessageId = (notificationId: string): string => `<${notificationId}@mentorflow>`;

/** The wait before attempt `failures + 1`: base, 2×base, 4×base… capped at an hour. */
export const retryDelayMs = (failures: number, baseMs: number): number =>
  Math.min(baseMs * 2 ** Math.max(failures - 1, 0), MAX_RETRY_DELAY_MS);

type Outcome = 'sent' | 'failed' | 'held' | 'none';

/** A rendered message to the recipient's work e-mail (none when the card has none), with its stable Message-ID. */
const envelope = (
  row: OutgoingNotification,
  recipient: { workEmail?: string } | undefined,
  message: NotificationMessage,
  unsubscribeUrl: string,
): NotificationEnvelope => ({
  ...row,
  messageId: notificationMessageId(row.notificationId),
  ...(recipient?.workEmail ? { to: recipient.workEmail } : {}),
  message,
  unsubscribeUrl,
});

/**
 * Sends what the outbox holds, the outbox being the source of truth. Each message is claimed in its own
 * transaction (`FOR UPDATE SKIP LOCKED`: two dispatchers never take the same row), sent, and marked sent
 * in that transaction right after the SMTP server accepted it. A failure is recorded with its error and
 * retried with exponential backoff; after `maxAttempts` the message is parked (`failed_at`) until an
 * administrator resends it.
 *
 * The guarantee is AT LEAST ONCE, with a stable Message-ID. SMTP cannot be asked whether it accepted a
 * message, so a crash (or a lost database connection) after the server's «250 OK» and before the mark
 * commits leaves a row nobody can prove sent: recording the attempt first would only let us choose between
 * sending it again and dropping it. Dropping loses a deadline; sending again repeats the same Message-ID
 * (`<outbox id@mentorflow>`), which mail stores and clients use to collapse the copy. The window is one
 * UPDATE wide, and the mark of each message commits on its own, so a crash repeats at most the message in
 * flight, never a batch.
 */
export class NotificationDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private loop?: PollingLoop<number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: NotificationDispatcherSettings,
    private readonly sender: NotificationSender = new LogNotificationSender(),
    private readonly recipients?: NotificationRecipients,
    /** The `webhook` channel's sender (WebhookNotificationSender); e-mail and the log take the rest. */
    private readonly webhookSender?: NotificationSender,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.enabled) return;
    const dispatch = () =>
      this.dispatchPending().catch((error: unknown) => {
        this.logger.warn(`Dispatch failed: ${withoutAddresses((error as Error).message)}`);
        return 0;
      });
    this.loop = new PollingLoop(dispatch, () => Math.max(this.settings.pollMs, 200));
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }

  /** Sends up to `limit` due notifications one by one; returns how many were sent. */
  async dispatchPending(limit = 50): Promise<number> {
    let sent = 0;
    for (let i = 0; i < limit; i++) {
      const outcome = await this.dispatchOne();
      if (outcome === 'none') break;
      if (outcome === 'sent') sent++;
    }
    return sent;
  }

  private dispatchOne(): Promise<Outcome> {
    return this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query<(OutgoingNotification & { attempts: number })[]>(
        `SELECT notification_id AS "notificationId", kind, recipient_id AS "recipientId", recipient_role AS "recipientRole",
                task_id AS "taskId", subject, body, channel, attempts
         FROM notification_outbox
         WHERE sent_at IS NULL AND failed_at IS NULL AND skipped_at IS NULL AND held_at IS NULL
           AND next_attempt_at <= now()
         ORDER BY next_attempt_at, created_at, enqueued LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!row) return 'none';
      const { attempts, ...notification } = row;
      // The person's choice for this kind: turned off → skipped, in the digest → held for it.
      // E-mail only: a bot's deliveries are the organisation's, not the person's to turn off or hold.
      if (notification.channel === 'email' && (await holdOrSkip(tx, notification))) return 'held';
      try {
        await this.senderOf(notification.channel).send(await this.envelopeOf(notification, tx));
      } catch (error) {
        await this.recordFailure(tx, notification, attempts + 1, error as Error);
        return 'failed';
      }
      // Accepted by the server: the mark commits now (see the class comment for a crash before it does).
      await tx.query(
        'UPDATE notification_outbox SET sent_at = now(), attempts = attempts + 1 WHERE notification_id = $1',
        [notification.notificationId],
      );
      return 'sent';
    });
  }

  private senderOf(channel: NotificationChannel): NotificationSender {
    if (channel === 'email') return this.sender;
    if (this.webhookSender) return this.webhookSender;
    throw new PermanentNotificationError(`Канал ${channel} не подключён`);
  }

  private unsubscribeUrl(row: OutgoingNotification): string {
    const token = signUnsubscribeToken(
      { personId: row.recipientId, kind: row.kind },
      this.settings.unsubscribeSecret,
      new Date(),
    );
    return unsubscribeLink(this.settings.publicUrl, token);
  }

  /** A digest: its tasks as they are now, by name. */
  private async digestEnvelopeOf(row: OutgoingNotification, tx: EntityManager): Promise<NotificationEnvelope> {
    const recipient = (await this.recipients?.contacts([row.recipientId]))?.get(row.recipientId);
    const unsubscribeUrl = this.unsubscribeUrl(row);
    const message = await digestMessage(tx, row.body, {
      publicUrl: this.settings.publicUrl,
      unsubscribeUrl,
      ...(recipient ? { recipientName: recipient.fullName } : {}),
    });
    return envelope(row, recipient, message, unsubscribeUrl);
  }

  private async envelopeOf(row: OutgoingNotification, tx: EntityManager): Promise<NotificationEnvelope> {
    if (row.kind === digestKind) return this.digestEnvelopeOf(row, tx);
    const [found] = await tx.query<{ view: TaskView }[]>('SELECT view FROM tasks_view WHERE task_id = $1', [
      row.taskId,
    ]);
    if (!found) throw new PermanentNotificationError(`Задача ${row.taskId} не найдена`);
    const task = found.view;
    const people = (await this.recipients?.contacts([row.recipientId, task.assignee.personId])) ?? new Map();
    const recipient = people.get(row.recipientId);
    const unsubscribeUrl = this.unsubscribeUrl(row);
    const message = renderNotification({
      kind: row.kind as NotificationKind,
      task,
      publicUrl: this.settings.publicUrl,
      unsubscribeUrl,
      ...(recipient ? { recipientName: recipient.fullName } : {}),
      ...(row.kind === 'TaskEscalated' && people.get(task.assignee.personId)
        ? { assigneeName: people.get(task.assignee.personId)?.fullName }
        : {}),
    });
    // An escalation is about someone else's task: it does not go into the supervisor's calendar.
    const ownDeadline = row.kind !== 'TaskEscalated' && task.dueLocalDate;
    const link = taskLink(this.settings.publicUrl, task.subject);
    return {
      ...envelope(row, recipient, message, unsubscribeUrl),
      task: {
        organisationId: task.organisationId,
        title: task.title,
        ...(task.dueLocalDate ? { dueLocalDate: task.dueLocalDate } : {}),
        link,
      },
      ...(ownDeadline
        ? {
            calendarEvent: taskCalendarEvent({
              taskId: task.taskId,
              title: task.title,
              dueLocalDate: ownDeadline,
              link,
              now: new Date(),
            }),
          }
        : {}),
    };
  }

  private async recordFailure(
    tx: EntityManager,
    row: OutgoingNotification,
    attempts: number,
    error: Error,
  ): Promise<void> {
    const parked = error instanceof PermanentNotificationError || attempts >= this.settings.maxAttempts;
    const text = withoutAddresses(error.message);
    await tx.query(
      `UPDATE notification_outbox
       SET attempts = $2, last_error = $3, failed_at = CASE WHEN $4 THEN now() END,
           next_attempt_at = now() + make_interval(secs => $5::double precision / 1000)
       WHERE notification_id = $1`,
      [row.notificationId, attempts, text, parked, retryDelayMs(attempts, this.settings.retryBaseMs)],
    );
    this.logger.warn(
      `Notification ${row.notificationId} (${row.kind} → ${row.recipientRole} ${row.recipientId}) attempt ${attempts} failed${parked ? ', parked' : ''}: ${text}`,
    );
  }
}

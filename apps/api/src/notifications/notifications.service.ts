import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OutgoingNotification } from '@mentorflow/projections';
import { PeopleDirectory } from '../people/people.directory';
import type { NotificationStatus } from './notification.dto';

interface NotificationRow extends Omit<OutgoingNotification, 'body'> {
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  nextAttemptAt: Date;
  sentAt: Date | null;
  failedAt: Date | null;
  skippedAt: Date | null;
  heldAt: Date | null;
  digestId: string | null;
  resentAt: Date | null;
  resentBy: string | null;
  resendReason: string | null;
}

const COLUMNS = `notification_id AS "notificationId", kind, recipient_id AS "recipientId", recipient_role AS "recipientRole",
  task_id AS "taskId", subject, channel, attempts, last_error AS "lastError", created_at AS "createdAt",
  next_attempt_at AS "nextAttemptAt", sent_at AS "sentAt", failed_at AS "failedAt", skipped_at AS "skippedAt",
  held_at AS "heldAt", digest_id AS "digestId",
  resent_at AS "resentAt", resent_by AS "resentBy", resend_reason AS "resendReason"`;

const WHERE_STATUS: Readonly<Record<NotificationStatus, string>> = {
  failed: 'failed_at IS NOT NULL',
  pending: 'sent_at IS NULL AND failed_at IS NULL AND skipped_at IS NULL AND held_at IS NULL',
  sent: 'sent_at IS NOT NULL',
  held: 'held_at IS NOT NULL',
  skipped: 'skipped_at IS NOT NULL',
};

/** The notification outbox as administrators see it: what was parked and why, and its resending. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PeopleDirectory,
  ) {}

  /** Newest first, with the recipient's name (the administrator's screen names whom a message did not reach). */
  async list(status: NotificationStatus, limit: number, offset: number) {
    const rows = await this.db.query<NotificationRow[]>(
      `SELECT ${COLUMNS} FROM notification_outbox WHERE ${WHERE_STATUS[status]}
       ORDER BY coalesce(failed_at, sent_at, skipped_at, held_at, created_at) DESC, notification_id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    const names = await this.people.names(rows.map((r) => r.recipientId));
    return rows.map((row) => ({ ...row, recipientName: names.get(row.recipientId)?.fullName }));
  }

  /**
   * A parked message goes back to the queue with a fresh count of attempts; the dispatcher sends it next.
   * Who resent it, when and why stay on the row.
   */
  async resend(notificationId: string, adminId: string, reason?: string) {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [[row]] = await this.db.query<[NotificationRow[], number]>(
      `UPDATE notification_outbox SET failed_at = NULL, attempts = 0, next_attempt_at = now(),
         resent_at = now(), resent_by = $2, resend_reason = $3
       WHERE notification_id = $1 AND failed_at IS NOT NULL RETURNING ${COLUMNS}`,
      [notificationId, adminId, reason ?? null],
    );
    if (row) return row;
    const [existing] = await this.db.query<NotificationRow[]>(
      `SELECT ${COLUMNS} FROM notification_outbox WHERE notification_id = $1`,
      [notificationId],
    );
    if (!existing) throw new NotFoundException('Уведомление не найдено');
    throw new ConflictException(
      existing.sentAt
        ? 'Уведомление уже отправлено: повторно отправляются только неотправленные'
        : 'Уведомление ещё в очереди на отправку: повторно отправляются только неотправленные',
    );
  }
}

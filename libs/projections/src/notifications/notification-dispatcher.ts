import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@mentorflow/config';
import { PollingLoop } from '../polling-loop';

export interface OutgoingNotification {
  notificationId: string;
  kind: string;
  recipientId: string;
  recipientRole: string;
  taskId: string;
  subject: string;
  body: string;
}

/** Where notifications go: the log by default; e-mail or a messenger plug in here. */
export interface NotificationSender {
  send(notification: OutgoingNotification): Promise<void>;
}

export const NOTIFICATION_SENDER = Symbol('NOTIFICATION_SENDER');

export class LogNotificationSender implements NotificationSender {
  private readonly logger = new Logger('Notifications');
  async send(notification: OutgoingNotification): Promise<void> {
    // Person ids only: the log carries no names or contacts.
    this.logger.log(
      `${notification.kind} → ${notification.recipientRole} ${notification.recipientId}: ${notification.subject}`,
    );
  }
}

/** Sends what the outbox holds, each row once; a failed send is retried on the next tick. */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private readonly sender: NotificationSender;
  private loop?: PollingLoop<number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigService,
    @Optional() @Inject(NOTIFICATION_SENDER) sender?: NotificationSender,
  ) {
    this.sender = sender ?? new LogNotificationSender();
  }

  onApplicationBootstrap(): void {
    const { enabled, pollMs } = this.config.getOrThrow<AppConfig['projector']>('app.projector');
    if (!enabled) return;
    const dispatch = () =>
      this.dispatchPending().catch((error: unknown) => {
        this.logger.warn(`Dispatch failed: ${(error as Error).message}`);
        return 0;
      });
    this.loop = new PollingLoop(dispatch, () => Math.max(pollMs, 200));
    this.loop.start();
  }

  /** Sends up to `limit` pending notifications; returns how many were sent. */
  async dispatchPending(limit = 50): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const rows = await tx.query<OutgoingNotification[]>(
        `SELECT notification_id AS "notificationId", kind, recipient_id AS "recipientId", recipient_role AS "recipientRole",
                task_id AS "taskId", subject, body
         FROM notification_outbox WHERE sent_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      let sent = 0;
      for (const row of rows) {
        try {
          await this.sender.send(row);
          await tx.query(
            'UPDATE notification_outbox SET sent_at = now(), attempts = attempts + 1 WHERE notification_id = $1',
            [row.notificationId],
          );
          sent++;
        } catch (error) {
          await tx.query(
            'UPDATE notification_outbox SET attempts = attempts + 1, last_error = $2 WHERE notification_id = $1',
            [row.notificationId, (error as Error).message],
          );
        }
      }
      return sent;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }
}

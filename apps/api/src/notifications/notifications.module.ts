import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@mentorflow/config';
import {
  LogNotificationSender,
  NotificationDispatcher,
  SmtpNotificationSender,
  WebhookNotificationSender,
} from '@mentorflow/projections';
import { PeopleDirectory } from '../people/people.directory';
import { PeopleModule } from '../people/people.module';
import { NotificationPreferencesController, UnsubscribeController } from './notification-preferences.controller';
import { NotificationPreferencesService } from './notification-preferences.service';
import { CalendarFeedController, OwnCalendarFeedController } from './calendar-feeds.controller';
import { CalendarFeedsService } from './calendar-feeds.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { publicUrlOf } from './public-url';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * Notifications leave from the API process: it holds the staff directory that names the recipients and
 * their work e-mails. E-mail through SMTP_URL when set, the log otherwise.
 */
@Module({
  imports: [PeopleModule],
  controllers: [
    NotificationsController,
    NotificationPreferencesController,
    UnsubscribeController,
    OwnCalendarFeedController,
    CalendarFeedController,
    WebhooksController,
  ],
  providers: [
    NotificationsService,
    NotificationPreferencesService,
    CalendarFeedsService,
    WebhooksService,
    {
      provide: NotificationDispatcher,
      inject: [getDataSourceToken(), ConfigService, PeopleDirectory],
      useFactory: (db: DataSource, config: ConfigService, people: PeopleDirectory) => {
        const app = config.getOrThrow<AppConfig>('app');
        const sender = app.mail.smtpUrl
          ? new SmtpNotificationSender(app.mail.smtpUrl, app.mail.from)
          : new LogNotificationSender();
        return new NotificationDispatcher(
          db,
          {
            enabled: app.projector.enabled,
            pollMs: app.projector.pollMs,
            maxAttempts: app.mail.maxAttempts,
            retryBaseMs: app.mail.retryBaseMs,
            publicUrl: publicUrlOf(app),
            unsubscribeSecret: app.mail.unsubscribeSecret,
          },
          sender,
          people,
          new WebhookNotificationSender(db),
        );
      },
    },
  ],
  exports: [NotificationDispatcher],
})
export class NotificationsModule {}

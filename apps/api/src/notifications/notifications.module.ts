import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@mentorflow/config';
import { LogNotificationSender, NotificationDispatcher, SmtpNotificationSender } from '@mentorflow/projections';
import { PeopleDirectory } from '../people/people.directory';
import { PeopleModule } from '../people/people.module';
import { NotificationPreferencesController, UnsubscribeController } from './notification-preferences.controller';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/**
 * Notifications leave from the API process: it holds the staff directory that names the recipients and
 * their work e-mails. E-mail through SMTP_URL when set, the log otherwise.
 */
@Module({
  imports: [PeopleModule],
  controllers: [NotificationsController, NotificationPreferencesController, UnsubscribeController],
  providers: [
    NotificationsService,
    NotificationPreferencesService,
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
            publicUrl: app.http.publicUrl ?? `http://127.0.0.1:${app.port}`,
            unsubscribeSecret: app.mail.unsubscribeSecret,
          },
          sender,
          people,
        );
      },
    },
  ],
  exports: [NotificationDispatcher],
})
export class NotificationsModule {}

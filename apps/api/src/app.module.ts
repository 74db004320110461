import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlingModule } from './common/throttler.guard';
import { LoggerModule } from 'nestjs-pino';
import { ConfigService } from '@nestjs/config';
import { logRedaction, logSerializers, logTransport, MentorflowConfigModule, type AppConfig } from '@mentorflow/config';
import { DatabaseModule } from '@mentorflow/database';
import { EventStoreModule } from '@mentorflow/event-store';
import { TemporalClientModule } from '@mentorflow/temporal';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { IdempotencyModule } from './common/idempotency.interceptor';
import { ProblemFilter } from './common/problem.filter';
import { HealthModule } from './health/health.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { PairsModule } from './pairs/pairs.module';
import { ParkedEventsModule } from './projections/parked-events.module';
import { DocumentsModule } from './documents/documents.module';
import { ScansModule } from './scans/scans.module';
import { PeopleModule } from './people/people.module';
import { PeopleImportModule } from './people-import/people-import.module';
import { PeoplePrivacyModule } from './people-privacy/people-privacy.module';
import { ParticipantsModule } from './participants/participants.module';
import { PracticesModule } from './practices/practices.module';
import { AssociationsModule } from './associations/associations.module';
import { IncentivesModule } from './incentives/incentives.module';
import { ProgrammesModule } from './programmes/programmes.module';
import { TrainingModule } from './training/training.module';
import { ReportsModule } from './reports/reports.module';
import { RoutesModule } from './routes/routes.module';
import { TasksModule } from './tasks/tasks.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    MentorflowConfigModule,
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        pinoHttp: {
          level: config.getOrThrow<AppConfig['logLevel']>('app.logLevel'),
          // Teachers' personal data (152-FZ) and credentials never reach the logs.
          redact: logRedaction,
          serializers: logSerializers,
          autoLogging: process.env.NODE_ENV !== 'test',
          ...logTransport(config.getOrThrow<AppConfig['logPretty']>('app.logPretty')),
        },
      }),
    }),
    DatabaseModule,
    EventStoreModule,
    TemporalClientModule,
    // Commands sent with an Idempotency-Key run once per key (issue 23).
    IdempotencyModule,
    // Feature modules declare no global guards; listed in the order the OpenAPI document shows them.
    OrganisationsModule,
    PeopleModule,
    PeopleImportModule,
    ProgrammesModule,
    TrainingModule,
    ParticipantsModule,
    PairsModule,
    DocumentsModule,
    ScansModule,
    RoutesModule,
    TasksModule,
    CalendarModule,
    ReportsModule,
    PracticesModule,
    AssociationsModule,
    IncentivesModule,
    AuthModule,
    UsersModule,
    NotificationsModule,
    PeoplePrivacyModule,
    ParkedEventsModule,
    HealthModule,
    // After AuthModule: its guard runs first, so the throttler counts per verified user.
    ThrottlingModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
})
export class AppModule {}

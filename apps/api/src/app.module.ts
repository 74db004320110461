import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlingModule } from './common/throttler.guard';
import { LoggerModule } from 'nestjs-pino';
import { logRedaction, logSerializers, MentorflowConfigModule } from '@mentorflow/config';
import { DatabaseModule } from '@mentorflow/database';
import { EventStoreModule } from '@mentorflow/event-store';
import { TemporalClientModule } from '@mentorflow/temporal';
import { AuthModule } from './auth/auth.module';
import { ProblemFilter } from './common/problem.filter';
import { HealthModule } from './health/health.module';
import { OrganisationsController } from './organisations/organisations.controller';
import { OrganisationsService } from './organisations/organisations.service';
import { ProgrammesController } from './programmes/programmes.controller';
import { ProgrammesService } from './programmes/programmes.service';
import { TasksController } from './tasks/tasks.controller';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarOverlaysController } from './calendar/calendar-overlays.controller';
import { WorkingDaysController } from './calendar/working-days.controller';
import { ParticipantsController } from './participants/participants.controller';
import { PairsController } from './pairs/pairs.controller';
import { PairsService } from './pairs/pairs.service';
import { RouteRegistryService } from './routes/route-registry.service';
import { RoutesController } from './routes/routes.controller';
import { RoutesService } from './routes/routes.service';
import { TasksService } from './tasks/tasks.service';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';

@Module({
  imports: [
    MentorflowConfigModule,
    LoggerModule.forRoot({
      pinoHttp: {
        level: process.env.LOG_LEVEL ?? 'info',
        // Teachers' personal data (152-FZ) and credentials never reach the logs.
        redact: logRedaction,
        serializers: logSerializers,
        autoLogging: process.env.NODE_ENV !== 'test',
      },
    }),
    DatabaseModule,
    EventStoreModule,
    TemporalClientModule,
    AuthModule,
    HealthModule,
    // After AuthModule: its guard runs first, so the throttler counts per verified user.
    ThrottlingModule,
  ],
  controllers: [OrganisationsController, ProgrammesController, ParticipantsController, PairsController, RoutesController, TasksController, CalendarController, CalendarOverlaysController, WorkingDaysController, ReportsController],
  providers: [ReportsService, OrganisationsService, ProgrammesService, PairsService, RoutesService, RouteRegistryService, TasksService, { provide: APP_FILTER, useClass: ProblemFilter }],
})
export class AppModule {}

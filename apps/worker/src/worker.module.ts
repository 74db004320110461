import { Module } from '@nestjs/common';
import { MentorflowConfigModule } from '@mentorflow/config';
import { DatabaseModule } from '@mentorflow/database';
import { EventStoreModule } from '@mentorflow/event-store';
import { ProjectionsModule } from '@mentorflow/projections';
import { TemporalClientModule } from '@mentorflow/temporal';
import { CalendarWakeupDispatcher } from './calendar-wakeup.dispatcher';
import { DigestSchedules } from './digest-schedules';

/** No HTTP: the worker process runs Temporal activities, the projector, the calendar wake-ups and the digest schedules. */
@Module({
  imports: [MentorflowConfigModule, DatabaseModule, EventStoreModule, ProjectionsModule, TemporalClientModule],
  providers: [CalendarWakeupDispatcher, DigestSchedules],
})
export class WorkerModule {}

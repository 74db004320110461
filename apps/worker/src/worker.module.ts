import { Module } from '@nestjs/common';
import { MentorflowConfigModule } from '@mentorflow/config';
import { DatabaseModule } from '@mentorflow/database';
import { EventStoreModule } from '@mentorflow/event-store';
import { ProjectionsModule } from '@mentorflow/projections';
import { TemporalClientModule } from '@mentorflow/temporal';
import { CalendarWakeupDispatcher } from './calendar-wakeup.dispatcher';

/** No HTTP: the worker process runs Temporal activities, the projector and the calendar wake-ups. */
@Module({
  imports: [MentorflowConfigModule, DatabaseModule, EventStoreModule, ProjectionsModule, TemporalClientModule],
  providers: [CalendarWakeupDispatcher],
})
export class WorkerModule {}

import { Module } from '@nestjs/common';
import { MentorflowConfigModule } from '@mentorflow/config';
import { DatabaseModule } from '@mentorflow/database';
import { EventStoreModule } from '@mentorflow/event-store';
import { ProjectionsModule } from '@mentorflow/projections';

/** No HTTP: the worker process runs Temporal activities and the projector. */
@Module({
  imports: [MentorflowConfigModule, DatabaseModule, EventStoreModule, ProjectionsModule],
})
export class WorkerModule {}

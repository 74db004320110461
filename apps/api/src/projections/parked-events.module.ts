import { Module } from '@nestjs/common';
import { allProjections, PROJECTIONS } from '@mentorflow/projections';
import { ParkedEventsController } from './parked-events.controller';
import { ParkedEventsService } from './parked-events.service';

@Module({
  controllers: [ParkedEventsController],
  // The API's own list: the read models whose parked events it can apply again.
  providers: [ParkedEventsService, { provide: PROJECTIONS, useFactory: () => [...allProjections] }],
})
export class ParkedEventsModule {}

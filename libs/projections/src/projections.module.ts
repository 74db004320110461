import { Module } from '@nestjs/common';
import { PROJECTIONS } from './projection';
import { ProjectorService } from './projector.service';
import { allProjections } from './all-projections';
import { NotificationDispatcher } from './notifications/notification-dispatcher';

@Module({
  providers: [{ provide: PROJECTIONS, useValue: allProjections }, ProjectorService, NotificationDispatcher],
  exports: [ProjectorService, NotificationDispatcher],
})
export class ProjectionsModule {}

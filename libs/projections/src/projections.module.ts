import { Module } from '@nestjs/common';
import { PROJECTIONS } from './projection';
import { ProjectorService } from './projector.service';
import { allProjections } from './all-projections';

/** The projector (in the worker). The notification dispatcher runs in the API, beside the staff directory it names recipients from. */
@Module({
  providers: [{ provide: PROJECTIONS, useValue: allProjections }, ProjectorService],
  exports: [ProjectorService],
})
export class ProjectionsModule {}

import { Module } from '@nestjs/common';
import { PROJECTIONS } from './projection';
import { ProjectorService } from './projector.service';
import { allProjections } from './all-projections';

@Module({
  providers: [{ provide: PROJECTIONS, useValue: allProjections }, ProjectorService],
  exports: [ProjectorService],
})
export class ProjectionsModule {}

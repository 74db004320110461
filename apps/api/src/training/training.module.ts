import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PeopleModule } from '../people/people.module';
import { TrainingCatalogueService } from './training-catalogue.service';
import { TrainingController } from './training.controller';
import { TrainingService } from './training.service';

@Module({
  imports: [OrganisationsModule, PeopleModule],
  controllers: [TrainingController],
  providers: [TrainingService, TrainingCatalogueService],
  exports: [TrainingService],
})
export class TrainingModule {}

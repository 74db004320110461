import { Module } from '@nestjs/common';
import { AggregateGatewayModule } from '../common/aggregate.gateway';
import { OrganisationsModule } from '../organisations/organisations.module';
import { TrainingModule } from '../training/training.module';
import { PreparationController } from './preparation.controller';
import { ProgrammesController } from './programmes.controller';
import { ProgrammesService } from './programmes.service';

@Module({
  imports: [OrganisationsModule, AggregateGatewayModule, TrainingModule],
  controllers: [ProgrammesController, PreparationController],
  providers: [ProgrammesService],
  exports: [ProgrammesService],
})
export class ProgrammesModule {}

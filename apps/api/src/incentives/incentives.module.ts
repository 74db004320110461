import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { IncentiveKindsController, IncentivesController } from './incentives.controller';
import { IncentivesService } from './incentives.service';

@Module({
  imports: [PeopleModule],
  controllers: [IncentivesController, IncentiveKindsController],
  providers: [IncentivesService],
})
export class IncentivesModule {}

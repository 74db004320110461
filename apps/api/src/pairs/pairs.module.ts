import { Module } from '@nestjs/common';
import { AggregateGatewayModule } from '../common/aggregate.gateway';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PeopleModule } from '../people/people.module';
import { ParticipantsModule } from '../participants/participants.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { PairsController } from './pairs.controller';
import { PairHistoryJson } from './pair-history.json';
import { PairsService } from './pairs.service';

@Module({
  imports: [OrganisationsModule, ProgrammesModule, ParticipantsModule, PeopleModule, AggregateGatewayModule],
  controllers: [PairsController],
  providers: [PairsService, PairHistoryJson],
  exports: [PairsService],
})
export class PairsModule {}

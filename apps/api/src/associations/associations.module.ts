import { Module } from '@nestjs/common';
import { AggregateGatewayModule } from '../common/aggregate.gateway';
import { PeopleModule } from '../people/people.module';
import { AssociationsController } from './associations.controller';
import { AssociationsService } from './associations.service';

@Module({
  imports: [PeopleModule, AggregateGatewayModule],
  controllers: [AssociationsController],
  providers: [AssociationsService],
})
export class AssociationsModule {}

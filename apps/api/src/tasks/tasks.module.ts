import { Module } from '@nestjs/common';
import { AggregateGatewayModule } from '../common/aggregate.gateway';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PeopleModule } from '../people/people.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [PeopleModule, OrganisationsModule, AggregateGatewayModule],
  controllers: [TasksController],
  providers: [TasksService],
})
export class TasksModule {}

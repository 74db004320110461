import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PeopleModule } from '../people/people.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [PeopleModule, OrganisationsModule],
  controllers: [TasksController],
  providers: [TasksService],
})
export class TasksModule {}

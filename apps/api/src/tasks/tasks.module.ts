import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [PeopleModule],
  controllers: [TasksController],
  providers: [TasksService],
})
export class TasksModule {}

import { Body, Query } from '@nestjs/common';
import { roles } from '@mentorflow/domain';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { CompleteTaskDto, TaskInboxQuery } from './task.dto';
import { TasksService } from './tasks.service';
import { ApiController, Command, IdParam, Read } from '../common/endpoints';

@ApiController('tasks', 'tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Read('', roles, 'Мои задачи: открытые и просроченные, по сроку')
  inbox(@CurrentUser() user: AuthenticatedUser, @Query() query: TaskInboxQuery) {
    return this.tasks.inbox(user, query);
  }

  @Command(':id/complete', roles, 'Выполнить задачу (только исполнитель или администратор)', 'task')
  complete(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string, @Body() body: CompleteTaskDto) {
    return this.tasks.complete(user, id, body.result);
  }
}

import { Body, Query } from '@nestjs/common';
import { roles } from '@mentorflow/domain';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { BulkReassignTasksDto, CompleteTaskDto, ReassignTaskDto, TaskInboxQuery } from './task.dto';
import { TasksService } from './tasks.service';
import { ApiController, Command, IdParam, Read } from '../common/endpoints';

/** Who may pass tasks on: the curator (her staff's), an administrator (any); the service checks per task. */
const reassigners = ['curator', 'administrator'] as const;

@ApiController('tasks', 'tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Read(
    '',
    roles,
    'Мои задачи: открытые и просроченные, по сроку (фильтры: вид, организация, просрочено, неделя, поиск)',
  )
  inbox(@CurrentUser() user: AuthenticatedUser, @Query() query: TaskInboxQuery) {
    return this.tasks.inbox(user, query);
  }

  @Read('inbox', roles, 'Входящие: страница задач с фильтрами и числом задач по каждому фильтру')
  inboxWithCounts(@CurrentUser() user: AuthenticatedUser, @Query() query: TaskInboxQuery) {
    return this.tasks.inboxWithCounts(user, query);
  }

  @Command(':id/complete', roles, 'Выполнить задачу (только исполнитель или администратор)', 'task')
  complete(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string, @Body() body: CompleteTaskDto) {
    return this.tasks.complete(user, id, body.result);
  }

  @Command(
    ':id/reassign',
    reassigners,
    'Передать задачу другому исполнителю с указанием причины (куратор — задачи наставников и руководителей комиссии)',
    'task',
  )
  reassign(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string, @Body() body: ReassignTaskDto) {
    return this.tasks.reassign(user, id, body);
  }

  @Command('reassign', reassigners, 'Передать несколько задач или все открытые задачи сотрудника (отпуск, увольнение)')
  reassignMany(@CurrentUser() user: AuthenticatedUser, @Body() body: BulkReassignTasksDto) {
    return this.tasks.reassignMany(user, body);
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { roles } from '@mentorflow/domain';
import { CurrentUser, Roles, Scope } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { UuidParam } from '../common/id-param';
import { CompleteTaskDto, TaskInboxQuery } from './task.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Roles(...roles)
  @ApiOperation({ summary: 'Мои задачи: открытые и просроченные, по сроку' })
  inbox(@CurrentUser() user: AuthenticatedUser, @Query() query: TaskInboxQuery) {
    return this.tasks.inbox(user, query);
  }

  @Scope('task')
  @Post(':id/complete')
  @HttpCode(200)
  @Roles(...roles)
  @ApiOperation({ summary: 'Выполнить задачу (только исполнитель или администратор)' })
  complete(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: CompleteTaskDto,
  ) {
    return this.tasks.complete(user, id, body.result);
  }
}

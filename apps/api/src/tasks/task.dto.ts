import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsUUID,
  Matches,
} from 'class-validator';
import { reassignReasonMissing, taskKinds, type TaskKind, type TaskStatus } from '@mentorflow/domain';
import { EnumField, TextField, UuidField } from '../common/fields';
import { PaginationQuery } from '../common/pagination.dto';

const taskStatuses: TaskStatus[] = ['open', 'overdue', 'done', 'cancelled'];

/** Whose tasks: the caller's own, or those of the staff whose tasks the caller may move (a curator's mentors). */
export const taskScopes = ['mine', 'team'] as const;
export type TaskScope = (typeof taskScopes)[number];
export const taskSorts = ['due', '-due'] as const;

export class TaskInboxQuery extends PaginationQuery {
  @EnumField(taskStatuses, { optional: true, description: 'Default: open and overdue' })
  status?: TaskStatus;

  @ApiPropertyOptional({ example: '2026-12-31T21:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueBefore?: string;

  @EnumField(taskKinds, { optional: true })
  kind?: TaskKind;

  @UuidField({ optional: true })
  organisationId?: string;

  @EnumField(['true', 'false'], { optional: true, description: 'true: only overdue tasks' })
  overdue?: 'true' | 'false';

  @EnumField(['week'] as const, {
    optional: true,
    description: "week: due from today through the next 7 days (the organisation's own date)",
  })
  due?: 'week';

  @TextField({
    max: 100,
    optional: true,
    description: "The name of the person the task concerns (or of its assignee), from its start; or a route's code",
  })
  q?: string;

  @EnumField(taskScopes, {
    optional: true,
    description: "mine (default): the caller's tasks; team: the tasks the caller may reassign (a curator's staff)",
  })
  scope?: TaskScope;

  @EnumField(taskSorts, { optional: true, description: 'due (default): soonest first; -due: latest first' })
  sort?: (typeof taskSorts)[number];
}

export class CompleteTaskDto {
  @TextField({ max: 4000, example: 'Черновик маршрута передан тьютору' })
  result!: string;
}

/** The reason a task moves: required, and whitespace is no reason. */
const Reason = () =>
  TextField(
    { max: 1000, notEmpty: false, example: 'Наставник в отпуске с 1 по 28 декабря' },
    IsNotEmpty({ context: { message: reassignReasonMissing } }),
    Matches(/\S/, { context: { message: reassignReasonMissing } }),
  );

export class ReassignTaskDto {
  @UuidField({ description: 'The person who takes the task; must hold its role in the organisation' })
  toPersonId!: string;

  @Reason()
  reason!: string;
}

/** Several tasks at once: the listed ones, or every open task of `fromPersonId` the caller may move. */
export class BulkReassignTasksDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'The tasks to move (or fromPersonId)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  taskIds?: string[];

  @UuidField({ optional: true, description: 'Whose open tasks move (someone going on leave); or taskIds' })
  fromPersonId?: string;

  @UuidField({ optional: true, description: 'Only the tasks of this organisation (with fromPersonId)' })
  organisationId?: string;

  @UuidField({ description: 'The person who takes the tasks' })
  toPersonId!: string;

  @Reason()
  reason!: string;
}

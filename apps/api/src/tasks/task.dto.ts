import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { taskKinds, type TaskKind, type TaskStatus } from '@mentorflow/domain';
import { EnumField, TextField, UuidField } from '../common/fields';
import { PaginationQuery } from '../common/pagination.dto';

const taskStatuses: TaskStatus[] = ['open', 'overdue', 'done', 'cancelled'];

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
}

export class CompleteTaskDto {
  @TextField({ max: 4000, example: 'Черновик маршрута передан тьютору' })
  result!: string;
}

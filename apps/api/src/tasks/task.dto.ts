import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { taskKinds, type TaskKind, type TaskStatus } from '@mentorflow/domain';
import { PaginationQuery } from '../common/pagination.dto';

const taskStatuses: TaskStatus[] = ['open', 'overdue', 'done', 'cancelled'];

export class TaskInboxQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: taskStatuses, description: 'Default: open and overdue' })
  @IsOptional()
  @IsIn(taskStatuses)
  status?: TaskStatus;

  @ApiPropertyOptional({ example: '2026-12-31T21:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueBefore?: string;

  @ApiPropertyOptional({ enum: taskKinds })
  @IsOptional()
  @IsIn(taskKinds)
  kind?: TaskKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class CompleteTaskDto {
  @ApiProperty({ example: 'Черновик маршрута передан тьютору' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  result!: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { monitoringIndicators, type MonitoringIndicator } from '@mentorflow/domain';
import { PaginationQuery } from '../common/pagination.dto';

export const reportFormats = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof reportFormats)[number];

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export class ReportQuery extends PaginationQuery {
  @ApiPropertyOptional({ example: '2026-05-31', description: 'Отчёт на дату: конец этого дня в часовом поясе организации' })
  @IsOptional()
  @Matches(isoDate, { message: 'Должна быть дата в формате ГГГГ-ММ-ДД' })
  asOf?: string;

  @ApiPropertyOptional({ enum: reportFormats, description: 'Иначе — по заголовку Accept; по умолчанию json' })
  @IsOptional()
  @IsIn(reportFormats)
  format?: ReportFormat;
}

export class RegionReportQuery extends ReportQuery {
  @ApiPropertyOptional({ example: 'Самарская область', description: 'Для координатора — его субъект РФ' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  region?: string;

  @ApiPropertyOptional({ example: 'г. Тольятти' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  municipality?: string;
}

export class RecordMonitoringResultDto {
  @ApiProperty({ enum: monitoringIndicators, example: 'studentsPassedNationalTestsShare' })
  @IsIn(monitoringIndicators)
  indicator!: MonitoringIndicator;

  @ApiProperty({ example: 87.5, description: 'Единица зависит от показателя: %, п. п., количество или оценка 1–5' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @ApiProperty({ example: '2025-09-01' })
  @Matches(isoDate, { message: 'Должна быть дата в формате ГГГГ-ММ-ДД' })
  periodStart!: string;

  @ApiProperty({ example: '2026-05-31' })
  @Matches(isoDate, { message: 'Должна быть дата в формате ГГГГ-ММ-ДД' })
  periodEnd!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Пара/группа, к программе которой относится результат' })
  @IsOptional()
  @IsUUID()
  pairId?: string;

  @ApiPropertyOptional({ example: 'По итогам ВПР в 5-х классах' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

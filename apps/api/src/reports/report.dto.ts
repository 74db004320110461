import { ApiProperty } from '@nestjs/swagger';
import { IsNumber } from 'class-validator';
import { monitoringIndicators, type MonitoringIndicator } from '@mentorflow/domain';
import { DateField, EnumField, TextField, UuidField } from '../common/fields';
import { PaginationQuery } from '../common/pagination.dto';

export const reportFormats = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof reportFormats)[number];

const dateMessage = { message: 'Должна быть дата в формате ГГГГ-ММ-ДД' };

export class ReportQuery extends PaginationQuery {
  @DateField(
    {
      optional: true,
      example: '2026-05-31',
      description: 'Отчёт на дату: конец этого дня в часовом поясе организации',
    },
    dateMessage,
  )
  asOf?: string;

  @EnumField(reportFormats, { optional: true, description: 'Иначе — по заголовку Accept; по умолчанию json' })
  format?: ReportFormat;
}

export class RegionReportQuery extends ReportQuery {
  @TextField({
    max: 200,
    optional: true,
    example: 'Самарская область',
    description: 'Для координатора — его субъект РФ',
  })
  region?: string;

  @TextField({ max: 200, optional: true, example: 'г. Тольятти' })
  municipality?: string;
}

export class RecordMonitoringResultDto {
  @EnumField(monitoringIndicators, { example: 'studentsPassedNationalTestsShare' })
  indicator!: MonitoringIndicator;

  @ApiProperty({ example: 87.5, description: 'Единица зависит от показателя: %, п. п., количество или оценка 1–5' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @DateField({ example: '2025-09-01' }, dateMessage)
  periodStart!: string;

  @DateField({ example: '2026-05-31' }, dateMessage)
  periodEnd!: string;

  @UuidField({ optional: true, description: 'Пара/группа, к программе которой относится результат' })
  pairId?: string;

  @TextField({ max: 2000, optional: true, example: 'По итогам ВПР в 5-х классах' })
  comment?: string;
}

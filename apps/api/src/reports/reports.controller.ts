import { Body, Controller, Get, Headers, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, Scope } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { UuidParam } from '../common/id-param';
import { CSV_TYPE, csvStream, XLSX_TYPE, xlsxStream } from './report-export';
import { RecordMonitoringResultDto, RegionReportQuery, ReportQuery, type ReportFormat } from './report.dto';
import { ReportsService, type BuiltReport } from './reports.service';

/** `?format=` wins; otherwise the Accept header; JSON by default. */
function formatOf(query: ReportQuery, accept: string | undefined): ReportFormat {
  if (query.format) return query.format;
  if (accept?.includes(XLSX_TYPE)) return 'xlsx';
  if (accept?.includes('text/csv')) return 'csv';
  return 'json';
}

function respond(report: BuiltReport, format: ReportFormat): unknown {
  if (format === 'json') return report.json;
  // Exports hold every row, not one page: they are what is sent on to the region.
  const stream = format === 'xlsx' ? xlsxStream(report.sheets) : csvStream(report.sheets);
  return new StreamableFile(stream, {
    type: format === 'xlsx' ? XLSX_TYPE : CSV_TYPE,
    disposition: `attachment; filename="${report.fileName}.${format}"`,
  });
}

const ORGANISATION_READERS = ['curator', 'director', 'commissionHead', 'administrator', 'regionalCoordinator'] as const;

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Scope('organisation')
  @Get('organisations/:id/reports/monitoring')
  @Roles(...ORGANISATION_READERS)
  @ApiProduces('application/json', XLSX_TYPE, 'text/csv')
  @ApiOperation({ summary: 'Мониторинг организации: пары, нагрузка, задачи, контроль, этап программы, показатели 002 §10 (на дату)' })
  async organisation(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Query() query: ReportQuery,
    @Headers('accept') accept?: string,
  ) {
    return respond(await this.reports.organisationReport(user, id, query), formatOf(query, accept));
  }

  @Scope('organisation')
  @Get('organisations/:id/reports/routes')
  @Roles(...ORGANISATION_READERS, 'methodologist', 'tutor')
  @ApiProduces('application/json', XLSX_TYPE, 'text/csv')
  @ApiOperation({ summary: 'ИОМ организации: компетенции на входе и на контроле, портфолио, просроченные проекты по методистам (на дату)' })
  async routes(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Query() query: ReportQuery,
    @Headers('accept') accept?: string,
  ) {
    return respond(await this.reports.routesReport(user, id, query), formatOf(query, accept));
  }

  @Get('reports/region')
  @Roles('regionalCoordinator', 'administrator')
  @ApiProduces('application/json', XLSX_TYPE, 'text/csv')
  @ApiOperation({ summary: 'Региональные показатели ЦМН по муниципалитетам и организациям (слайды 17–19, 25; на дату)' })
  async region(@CurrentUser() user: AuthenticatedUser, @Query() query: RegionReportQuery, @Headers('accept') accept?: string) {
    return respond(await this.reports.regionReport(user, query), formatOf(query, accept));
  }

  @Scope('organisation')
  @Get('organisations/:id/monitoring-results')
  @Roles(...ORGANISATION_READERS)
  @ApiOperation({ summary: 'Внесённые результаты мониторинга (последний по показателю, паре и периоду)' })
  monitoringResults(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam()) id: string, @Query() query: ReportQuery) {
    return this.reports.listMonitoringResults(user, id, query);
  }

  @Scope('organisation')
  @Post('organisations/:id/monitoring-results')
  @Roles('curator', 'director', 'administrator')
  @ApiOperation({ summary: 'Внести результат мониторинга процесса или влияния (002 §10)' })
  recordMonitoringResult(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam()) id: string, @Body() body: RecordMonitoringResultDto) {
    return this.reports.recordMonitoringResult(user, id, body);
  }
}

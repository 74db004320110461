import { applyDecorators, Body, Headers, Query, StreamableFile } from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import type { Role } from '@mentorflow/domain';
import { ApiController, Create, IdParam, Read, type EndpointScope } from '../common/endpoints';
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

/** GET of a report, answered as JSON, XLSX or CSV (`formatOf`). */
const ReadReport = (path: string, roles: readonly Role[], summary: string, scope?: EndpointScope) =>
  applyDecorators(Read(path, roles, summary, scope), ApiProduces('application/json', XLSX_TYPE, 'text/csv'));

/** Who reads an organisation's reports (and its analytical report of the monitoring). */
export const ORGANISATION_READERS = [
  'curator',
  'director',
  'commissionHead',
  'administrator',
  'regionalCoordinator',
] as const;

@ApiController('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @ReadReport(
    'organisations/:id/reports/monitoring',
    ORGANISATION_READERS,
    'Мониторинг организации: пары, нагрузка, задачи, контроль, этап программы, показатели 002 §10 (на дату)',
    'organisation',
  )
  async organisation(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Query() query: ReportQuery,
    @Headers('accept') accept?: string,
  ) {
    return respond(await this.reports.organisationReport(user, id, query), formatOf(query, accept));
  }

  @ReadReport(
    'organisations/:id/reports/routes',
    [...ORGANISATION_READERS, 'methodologist', 'tutor'],
    'ИОМ организации: компетенции на входе и на контроле, портфолио, просроченные проекты по методистам (на дату)',
    'organisation',
  )
  async routes(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Query() query: ReportQuery,
    @Headers('accept') accept?: string,
  ) {
    return respond(await this.reports.routesReport(user, id, query), formatOf(query, accept));
  }

  @ReadReport(
    'reports/region',
    ['regionalCoordinator', 'administrator'],
    'Региональные показатели ЦМН по муниципалитетам и организациям (слайды 17–19, 25; на дату)',
  )
  async region(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: RegionReportQuery,
    @Headers('accept') accept?: string,
  ) {
    return respond(await this.reports.regionReport(user, query), formatOf(query, accept));
  }

  @Read(
    'organisations/:id/monitoring-results',
    ORGANISATION_READERS,
    'Внесённые результаты мониторинга (последний по показателю, паре и периоду)',
    'organisation',
  )
  monitoringResults(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string, @Query() query: ReportQuery) {
    return this.reports.listMonitoringResults(user, id, query);
  }

  @Create(
    'organisations/:id/monitoring-results',
    ['curator', 'director', 'administrator'],
    'Внести результат мониторинга процесса или влияния (002 §10)',
    'organisation',
  )
  recordMonitoringResult(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: RecordMonitoringResultDto,
  ) {
    return this.reports.recordMonitoringResult(user, id, body);
  }
}

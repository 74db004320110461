import { Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { roles } from '@mentorflow/domain';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, IdParam, Read } from '../common/endpoints';
import { ORGANISATION_READERS } from '../reports/reports.controller';
import { attachment } from './documents.controller';
import { MonitoringReportDocumentQuery } from './document.dto';
import { RouteReportDocumentsService } from './route-report-documents.service';

/** The ИОМ (whoever may read the route) and the analytical report of the monitoring (whoever may read the reports). */
@ApiController('documents')
export class RouteReportDocumentsController {
  constructor(private readonly documents: RouteReportDocumentsService) {}

  @Read(
    'routes/:id/documents/route.docx',
    roles,
    'Индивидуальный образовательный маршрут (DOCX): титульный лист, дорожная карта, портфолио с уровнями компетенций (003 §5)',
    'route',
  )
  async route(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { code, docx } = await this.documents.route(user, id);
    return attachment(reply, `route-${code}.docx`, docx);
  }

  @Read(
    'organisations/:id/documents/monitoring-report.docx',
    ORGANISATION_READERS,
    'Аналитическая справка по итогам мониторинга за период (DOCX): пары, контроль, ИОМ, задачи, показатели 002 §10',
    'organisation',
  )
  async monitoringReport(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Query() query: MonitoringReportDocumentQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return attachment(
      reply,
      `monitoring-report-${query.from}-${query.to}.docx`,
      await this.documents.monitoringReport(user, id, query.from, query.to),
    );
  }
}

import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/auth.types';
import { OrganisationsService } from '../organisations/organisations.service';
import { ReportsService } from '../reports/reports.service';
import { RoutesService } from '../routes/routes.service';
import { renderDocx } from './document-kit';
import { monitoringReportDocument } from './monitoring-report-document';
import { routeDocument } from './route-document';

/**
 * The ИОМ and the analytical report of the monitoring as DOCX: the route as GET /routes/:id reads it (the same
 * access, the same title-page people: the birth date only for those it is shown to), the figures as the
 * reports read them (the same access and names). Nothing of a person is logged.
 */
@Injectable()
export class RouteReportDocumentsService {
  constructor(
    private readonly routes: RoutesService,
    private readonly reports: ReportsService,
    private readonly organisations: OrganisationsService,
  ) {}

  async route(user: AuthenticatedUser, routeId: string): Promise<{ code: string; docx: Buffer }> {
    const route = await this.routes.get(user, routeId);
    const { teacher, methodologist, tutor } = route.titlePagePeople;
    const organisation = await this.organisations.registered(route.organisationId);
    const docx = await renderDocx(
      routeDocument(route, {
        organisation: {
          name: organisation?.name ?? '',
          municipality: organisation?.municipality,
          region: organisation?.region,
        },
        teacher,
        methodologist,
        tutor,
        practices: route.practiceLinks,
      }),
    );
    return { code: route.code, docx };
  }

  async monitoringReport(user: AuthenticatedUser, organisationId: string, from: string, to: string): Promise<Buffer> {
    return renderDocx(monitoringReportDocument(await this.reports.periodFigures(user, organisationId, from, to)));
  }
}

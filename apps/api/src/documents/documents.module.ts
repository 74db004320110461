import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PairsModule } from '../pairs/pairs.module';
import { PeopleModule } from '../people/people.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { ReportsModule } from '../reports/reports.module';
import { RoutesModule } from '../routes/routes.module';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { RouteReportDocumentsController } from './route-report-documents.controller';
import { RouteReportDocumentsService } from './route-report-documents.service';

@Module({
  imports: [PairsModule, OrganisationsModule, ProgrammesModule, PeopleModule, RoutesModule, ReportsModule],
  controllers: [DocumentsController, RouteReportDocumentsController],
  providers: [DocumentsService, RouteReportDocumentsService],
})
export class DocumentsModule {}

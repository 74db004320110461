import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PairsModule } from '../pairs/pairs.module';
import { PeopleModule } from '../people/people.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

@Module({
  imports: [PairsModule, OrganisationsModule, ProgrammesModule, PeopleModule],
  controllers: [DocumentsController],
  providers: [DocumentsService],
})
export class DocumentsModule {}

import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PeopleImportController } from './people-import.controller';
import { PeopleImportService } from './people-import.service';

@Module({
  imports: [OrganisationsModule],
  controllers: [PeopleImportController],
  providers: [PeopleImportService],
})
export class PeopleImportModule {}

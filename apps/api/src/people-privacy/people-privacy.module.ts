import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { PeoplePrivacyController } from './people-privacy.controller';
import { PeoplePrivacyService } from './people-privacy.service';

@Module({ imports: [PeopleModule], controllers: [PeoplePrivacyController], providers: [PeoplePrivacyService] })
export class PeoplePrivacyModule {}

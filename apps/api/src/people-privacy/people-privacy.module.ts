import { Module } from '@nestjs/common';
import { PeoplePrivacyController } from './people-privacy.controller';
import { PeoplePrivacyService } from './people-privacy.service';

@Module({ controllers: [PeoplePrivacyController], providers: [PeoplePrivacyService] })
export class PeoplePrivacyModule {}

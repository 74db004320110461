import { Body } from '@nestjs/common';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, Command, IdParam, Read } from '../common/endpoints';
import { DepersonalisationDto } from './people-privacy.dto';
import { PeoplePrivacyService } from './people-privacy.service';

/** 152-ФЗ: a person's data as a whole — the administrator's, never an organisation's (a person spans several). */
@ApiController('people')
export class PeoplePrivacyController {
  constructor(private readonly privacy: PeoplePrivacyService) {}

  @Read(
    'people/:id/export',
    ['administrator'],
    'Всё, что система хранит о человеке (152-ФЗ): карточка, места работы, согласие, участие в парах и ИОМ, история',
    'unscoped',
  )
  export(@IdParam() personId: string) {
    return this.privacy.export(personId);
  }

  @Command(
    'people/:id/depersonalisation',
    ['administrator'],
    'Обезличить персональные данные уволенного сотрудника, отозвавшего согласие (152-ФЗ)',
    'unscoped',
  )
  depersonalise(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() personId: string,
    @Body() body: DepersonalisationDto,
  ) {
    return this.privacy.depersonalise(user, personId, body.documentRef);
  }
}

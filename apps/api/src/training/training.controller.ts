import { Body, Query } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Role } from '@mentorflow/domain';
import { CurrentUser, EndpointRoles } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, Create, IdParam, Read, Replace, Command } from '../common/endpoints';
import { PeopleImportFileDto } from '../people-import/people-import.dto';
import {
  CatalogueQuery,
  OrganisationSettingsDto,
  TrainingDetailsDto,
  TrainingDto,
  TrainingListQuery,
  TrainingRecordDto,
} from './training.dto';
import { TrainingCatalogueService } from './training-catalogue.service';
import { TrainingService } from './training.service';

const recorders: Role[] = ['curator', 'director', 'administrator'];
const settingsManagers: Role[] = ['director', 'administrator'];
const catalogueReaders: Role[] = ['curator', 'director', 'administrator', 'methodologist', 'tutor'];
/** A catalogue of some thousand rows fits well in the import's 10 MiB; base64 in JSON makes it ≈14 MB. */
const importBodyLimit = { bodyLimit: 15 * 1024 * 1024 };

/** Training of mentors, tutors and curators, the organisation's setting on it, and the further-training catalogue. */
@ApiController('training')
export class TrainingController {
  constructor(
    private readonly training: TrainingService,
    private readonly catalogue: TrainingCatalogueService,
  ) {}

  @Create(
    'organisations/:id/trainings',
    recorders,
    'Записать обучение наставника, тьютора или куратора: курс (из каталога или текстом), часы, даты, номер удостоверения',
    'organisation',
  )
  record(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: TrainingDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.training.record(user, id, body, roles);
  }

  @Read(
    'organisations/:id/trainings',
    recorders,
    'Обучение сотрудников организации (новые сверху); с personId — одного сотрудника (его карточка)',
    'organisation',
  )
  @ApiOkResponse({ type: [TrainingRecordDto] })
  list(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string, @Query() query: TrainingListQuery) {
    return this.training.list(user, id, query.limit, query.offset, query.personId);
  }

  @Replace(
    'organisations/:id/trainings/:trainingId',
    recorders,
    'Исправить сведения об обучении (курс, часы, даты, номер удостоверения); в истории сотрудника — «Сведения об обучении исправлены»',
    'organisation',
  )
  correct(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @IdParam('trainingId') trainingId: string,
    @Body() body: TrainingDetailsDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.training.correct(user, id, trainingId, body, roles);
  }

  @Read(
    'organisations/:id/settings',
    recorders,
    'Настройки организации (обязательность обучения наставников)',
    'organisation',
  )
  settings(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string) {
    return this.training.settings(user, id);
  }

  @Replace(
    'organisations/:id/settings',
    settingsManagers,
    'Изменить настройки организации: «обучение наставников обязательно» делает необученных наставников препятствием',
    'organisation',
  )
  changeSettings(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string, @Body() body: OrganisationSettingsDto) {
    return this.training.changeSettings(user, id, body);
  }

  @Command(
    'training-catalogue/import',
    ['administrator'],
    'Импорт каталога программ повышения квалификации из CSV/XLSX (название, организация, часы, форма, ID в реестре); ' +
      'повторный импорт обновляет по ID или по (организация, название); ошибка в строке — 400 с номером строки и столбцом, ничего не записано',
  )
  @RouteConfig(importBodyLimit)
  import(@CurrentUser() user: AuthenticatedUser, @Body() body: PeopleImportFileDto) {
    return this.catalogue.import(user, body);
  }

  @Read(
    'training-catalogue',
    catalogueReaders,
    'Каталог программ повышения квалификации: поиск по словам названия и организации',
  )
  search(@Query() query: CatalogueQuery) {
    return this.catalogue.list(query.q, query.limit, query.offset);
  }
}

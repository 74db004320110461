import { Body, Put, Patch, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { roles as allRoles } from '@mentorflow/domain';
import { CurrentUser, Roles, Scope } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, Command, Create, IdParam, Read } from '../common/endpoints';
import { PaginationQuery } from '../common/pagination.dto';
import { directoryEditorRoles, staffReaderRoles } from './people.roles';
import { PeopleService } from './people.service';
import {
  CreatePersonDto,
  PeopleQuery,
  PersonCardPatchDto,
  PersonConsentDto,
  PersonConsentWithdrawalDto,
  PersonEmploymentDto,
} from './person.dto';

/** Everyone but a regional coordinator may ask for a card; the service answers 404 unless they work with the person. */
const cardReaders = allRoles.filter((role) => role !== 'regionalCoordinator');

/** The staff directory (issue 18): persons of an organisation, their cards, consent and the card's history. */
@ApiController('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Create(
    'organisations/:id/people',
    [...directoryEditorRoles],
    'Добавить сотрудника в справочник организации',
    'organisation',
  )
  create(@CurrentUser() user: AuthenticatedUser, @IdParam() organisationId: string, @Body() body: CreatePersonDto) {
    return this.people.create(user, organisationId, body);
  }

  @Read(
    'organisations/:id/people',
    [...staffReaderRoles, 'administrator'],
    'Сотрудники организации: поиск по началу ФИО (регистр и ё/е не важны)',
    'organisation',
  )
  list(@IdParam() organisationId: string, @Query() query: PeopleQuery) {
    return this.people.list(organisationId, query.q, query);
  }

  @Read(
    'organisations/:id/people/without-work-email',
    [...directoryEditorRoles],
    'Сотрудники без рабочего e-mail: уведомления до них не доходят («нет адреса для уведомлений»)',
    'organisation',
  )
  withoutWorkEmail(@IdParam() organisationId: string, @Query() query: PeopleQuery) {
    return this.people.withoutWorkEmail(organisationId, query.q, query);
  }

  @Read(
    'people/:id',
    cardReaders,
    'Карточка человека (чувствительные поля — только тем, кому они нужны по работе)',
    'unscoped',
  )
  get(@CurrentUser() user: AuthenticatedUser, @IdParam() personId: string) {
    return this.people.get(user, personId);
  }

  @Scope('person')
  @Patch('people/:id')
  @Roles(...directoryEditorRoles)
  @ApiOperation({ summary: 'Изменить карточку: только переданные поля (null очищает поле)' })
  change(@CurrentUser() user: AuthenticatedUser, @IdParam() personId: string, @Body() body: PersonCardPatchDto) {
    return this.people.change(user, personId, body);
  }

  @Scope('organisation', 'organisationId')
  @Put('people/:id/employments/:organisationId')
  @Roles(...directoryEditorRoles)
  @ApiOperation({
    summary: 'Работа человека в организации: должности, предметы, статус (совместительство — по организации)',
  })
  putEmployment(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() personId: string,
    @IdParam('organisationId') organisationId: string,
    @Body() body: PersonEmploymentDto,
  ) {
    return this.people.putEmployment(user, personId, organisationId, body);
  }

  @Command(
    'people/:id/consent',
    [...directoryEditorRoles],
    'Записать согласие на обработку персональных данных',
    'person',
  )
  giveConsent(@CurrentUser() user: AuthenticatedUser, @IdParam() personId: string, @Body() body: PersonConsentDto) {
    return this.people.giveConsent(user, personId, body);
  }

  @Command(
    'people/:id/consent/withdrawal',
    [...directoryEditorRoles],
    'Записать отзыв согласия на обработку персональных данных',
    'person',
  )
  withdrawConsent(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() personId: string,
    @Body() body: PersonConsentWithdrawalDto,
  ) {
    return this.people.withdrawConsent(user, personId, body);
  }

  @Read(
    'people/:id/history',
    [...directoryEditorRoles],
    'Кто и когда менял карточку (названия полей, без значений)',
    'person',
  )
  history(@CurrentUser() user: AuthenticatedUser, @IdParam() personId: string, @Query() page: PaginationQuery) {
    return this.people.history(user, personId, page);
  }

  @Read(
    'people/:id/reads',
    ['administrator'],
    'Кто читал карточку извне организации и пары человека, и когда',
    'unscoped',
  )
  reads(@IdParam() personId: string, @Query() page: PaginationQuery) {
    return this.people.reads(personId, page);
  }
}

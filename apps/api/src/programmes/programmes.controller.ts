import { Body, Query } from '@nestjs/common';
import type { Role } from '@mentorflow/domain';
import {
  advanceStageUpdate,
  appointCuratorUpdate,
  planStageDatesUpdate,
  recordDocumentUpdate,
  returnToStageUpdate,
} from '@mentorflow/workflows/programme/programme.messages';
import { CurrentUser, EndpointRoles } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, Command, Create, IdParam, Read } from '../common/endpoints';
import { UuidField } from '../common/fields';
import { PaginationQuery } from '../common/pagination.dto';
import {
  AdvanceStageDto,
  AppointCuratorDto,
  PlanStageDatesDto,
  RecordDocumentDto,
  ReturnToStageDto,
  StartProgrammeDto,
} from './programme.dto';
import { ProgrammesService } from './programmes.service';

export const programmeReaders: Role[] = [
  'curator',
  'director',
  'administrator',
  'commissionHead',
  'regionalCoordinator',
];
const curators: Role[] = ['curator', 'administrator'];
const directors: Role[] = ['director', 'administrator'];
const recorders: Role[] = ['director', 'curator', 'administrator'];

class ProgrammeListQuery extends PaginationQuery {
  @UuidField({ optional: true })
  organisationId?: string;
}

@ApiController('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Create(
    'organisations/:id/programmes',
    directors,
    'Начать программу наставничества организации (подготовительный этап)',
    'organisation',
  )
  start(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() organisationId: string,
    @Body() body: StartProgrammeDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.programmes.start(user, organisationId, body.title, roles);
  }

  @Read('programmes', programmeReaders, 'Программы наставничества')
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ProgrammeListQuery) {
    return this.programmes.list(user, query.organisationId, query.limit, query.offset);
  }

  @Read(
    'programmes/:id',
    programmeReaders,
    'Программа: этап, документы и чек-лист условий перехода к следующему этапу',
    'programme',
  )
  get(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string) {
    return this.programmes.get(user, id);
  }

  @Read(
    'programmes/:id/history',
    ['administrator', 'curator', 'director'],
    'История программы: все события по порядку',
    'programme',
  )
  history(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string) {
    return this.programmes.history(user, id);
  }

  @Command(
    'programmes/:id/documents',
    recorders,
    'Зарегистрировать документ (приказ, акт, дорожную карту, отчёт…)',
    'programme',
  )
  recordDocument(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: RecordDocumentDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.programmes.command(user, id, recordDocumentUpdate, { ...body }, roles);
  }

  @Command('programmes/:id/curator', directors, 'Назначить куратора программы', 'programme')
  appointCurator(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: AppointCuratorDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.programmes.command(user, id, appointCuratorUpdate, { ...body }, roles);
  }

  @Command(
    'programmes/:id/advance',
    curators,
    'Перейти к следующему этапу; отказ перечисляет невыполненные условия (422)',
    'programme',
  )
  advance(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: AdvanceStageDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.programmes.command(user, id, advanceStageUpdate, { ...body }, roles);
  }

  @Command('programmes/:id/return', curators, 'Вернуться к более раннему этапу (с обязательной причиной)', 'programme')
  returnToStage(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: ReturnToStageDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.programmes.command(user, id, returnToStageUpdate, { ...body }, roles, body.reason);
  }

  @Command(
    'programmes/:id/stage-plans',
    curators,
    'Плановая дата окончания этапа (напоминание и фиксация просрочки)',
    'programme',
  )
  planStage(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: PlanStageDatesDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.programmes.command(user, id, planStageDatesUpdate, { ...body }, roles);
  }
}

import { Body, Query } from '@nestjs/common';
import { roles, type Role } from '@mentorflow/domain';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, Command, Create, IdParam, Read } from '../common/endpoints';
import { PaginationQuery } from '../common/pagination.dto';
import {
  AddPlanItemDto,
  AssociationMemberDto,
  AssociationsQuery,
  CreateAssociationDto,
  RecordAssociationMeetingDto,
} from './association.dto';
import { AssociationsService } from './associations.service';

/** Who keeps associations: an organisation's curator or director, the region's coordinator for a municipality's. */
const keepers: Role[] = ['curator', 'director', 'regionalCoordinator', 'administrator'];
/** Members read their association and its plan; the service narrows to keepers, members and the host's staff. */
const readers: Role[] = [...roles];

/**
 * The mentors' methodical associations (issue 28). An association's `:id` is @Unscoped: a municipality's
 * association reaches members of several organisations, so the service decides who sees it (404 otherwise).
 */
@ApiController('associations', 'associations')
export class AssociationsController {
  constructor(private readonly associations: AssociationsService) {}

  @Create('', keepers, 'Создать методическое объединение наставников организации или муниципалитета')
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateAssociationDto) {
    return this.associations.create(user, body);
  }

  @Read('', readers, 'Методические объединения наставников, которые вы ведёте или в которые входите')
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: AssociationsQuery) {
    return this.associations.list(user, query);
  }

  @Read(':id', readers, 'Методическое объединение: члены, план работы, заседания с протоколами', 'unscoped')
  get(@CurrentUser() user: AuthenticatedUser, @IdParam() associationId: string) {
    return this.associations.get(user, associationId);
  }

  @Read(':id/history', readers, 'История методического объединения: кто и когда что записал', 'unscoped')
  history(@CurrentUser() user: AuthenticatedUser, @IdParam() associationId: string, @Query() page: PaginationQuery) {
    return this.associations.history(user, associationId, page);
  }

  @Command(':id/members', keepers, 'Включить наставника в методическое объединение', 'unscoped')
  addMember(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() associationId: string,
    @Body() body: AssociationMemberDto,
  ) {
    return this.associations.addMember(user, associationId, body.personId);
  }

  @Command(':id/members/remove', keepers, 'Исключить наставника из методического объединения', 'unscoped')
  removeMember(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() associationId: string,
    @Body() body: AssociationMemberDto,
  ) {
    return this.associations.removeMember(user, associationId, body.personId);
  }

  @Command(':id/plan', keepers, 'Включить мероприятие в план работы: задача ответственному к дате', 'unscoped')
  addPlanItem(@CurrentUser() user: AuthenticatedUser, @IdParam() associationId: string, @Body() body: AddPlanItemDto) {
    return this.associations.addPlanItem(user, associationId, body);
  }

  @Command(
    ':id/meetings',
    keepers,
    'Записать заседание с протоколом: дата, повестка, решения, присутствовали',
    'unscoped',
  )
  recordMeeting(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() associationId: string,
    @Body() body: RecordAssociationMeetingDto,
  ) {
    return this.associations.recordMeeting(user, associationId, body);
  }
}

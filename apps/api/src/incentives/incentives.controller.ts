import { Body, Query } from '@nestjs/common';
import { incentiveDeciderRoles, incentiveProposerRoles, type Role } from '@mentorflow/domain';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, Command, Create, IdParam, Read } from '../common/endpoints';
import { NoFieldsDto } from '../common/no-fields.dto';
import { PaginationQuery } from '../common/pagination.dto';
import {
  AddIncentiveKindDto,
  ApproveIncentiveDto,
  DeclineIncentiveDto,
  IncentivesQuery,
  ProposeIncentiveDto,
  ResultsSummaryQuery,
} from './incentive.dto';
import { IncentivesService } from './incentives.service';

const proposers = [...incentiveProposerRoles];
const deciders = [...incentiveDeciderRoles];
/** Who reads incentives: the organisation's management, the people of its pairs (their own), the administrator. */
const readers: Role[] = ['director', 'curator', 'commissionHead', 'mentor', 'mentee', 'administrator'];
/** The results stage's summary: those who see the programme's checklist. */
const summaryReaders: Role[] = ['director', 'curator', 'commissionHead', 'administrator'];

/**
 * Incentives (issue 28; 002 §5.1): the mentor proposes one for her mentee, the curator for a mentor, the
 * director grants it by order or declines it. An incentive's `:id` is @Unscoped: the service finds its
 * organisation and answers 404 to whoever may not see it.
 */
@ApiController('incentives', 'incentives')
export class IncentivesController {
  constructor(private readonly incentives: IncentivesService) {}

  @Create('', proposers, 'Предложить поощрение (наставник — наставляемому своей пары, куратор — наставнику)')
  propose(@CurrentUser() user: AuthenticatedUser, @Body() body: ProposeIncentiveDto) {
    return this.incentives.propose(user, body);
  }

  @Read('', readers, 'Поощрения: организации, человека или участников пары, по статусу')
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: IncentivesQuery) {
    return this.incentives.list(user, query);
  }

  @Read('results-summary', summaryReaders, 'Результативный этап: утверждённые поощрения и практики организации')
  resultsSummary(@CurrentUser() user: AuthenticatedUser, @Query() query: ResultsSummaryQuery) {
    return this.incentives.resultsSummary(user, query.organisationId);
  }

  @Read(':id', readers, 'Поощрение: кому, какое, кто предложил, решение руководителя', 'unscoped')
  get(@CurrentUser() user: AuthenticatedUser, @IdParam() incentiveId: string) {
    return this.incentives.get(user, incentiveId);
  }

  @Command(':id/approve', deciders, 'Утвердить поощрение приказом (решением) руководителя', 'unscoped')
  approve(@CurrentUser() user: AuthenticatedUser, @IdParam() incentiveId: string, @Body() body: ApproveIncentiveDto) {
    return this.incentives.approve(user, incentiveId, body);
  }

  @Command(':id/decline', deciders, 'Отказать в поощрении с указанием причины', 'unscoped')
  decline(@CurrentUser() user: AuthenticatedUser, @IdParam() incentiveId: string, @Body() body: DeclineIncentiveDto) {
    return this.incentives.decline(user, incentiveId, body.reason);
  }
}

/** The list of incentive kinds: 002 §5.1's, and those an administrator adds. */
@ApiController('incentives', 'incentive-kinds')
export class IncentiveKindsController {
  constructor(private readonly incentives: IncentivesService) {}

  @Read('', [...readers, 'regionalCoordinator'], 'Виды поощрений: из Положения и добавленные администратором')
  list(@Query() page: PaginationQuery) {
    return this.incentives.kinds(page);
  }

  @Create('', ['administrator'], 'Добавить вид поощрения в список (администратор)')
  add(@CurrentUser() user: AuthenticatedUser, @Body() body: AddIncentiveKindDto) {
    return this.incentives.addKind(user, body.name);
  }

  @Command(':id/removal', ['administrator'], 'Исключить добавленный вид поощрения из списка', 'unscoped')
  remove(@CurrentUser() user: AuthenticatedUser, @IdParam() kindId: string, @Body() _body: NoFieldsDto) {
    return this.incentives.removeKind(user, kindId);
  }
}

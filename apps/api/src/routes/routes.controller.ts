import { Body, Query } from '@nestjs/common';
import { roles, type Role } from '@mentorflow/domain';
import {
  agreeReflectionUpdate,
  agreeRoadMapUpdate,
  confirmActivityDoneUpdate,
  approveProposedRoadMapUpdate,
  completeRouteUpdate,
  correctRoadMapUpdate,
  enterDeficitLevelsUpdate,
  fixGoalUpdate,
  markActivityDoneUpdate,
  proposeOwnRoadMapUpdate,
  recordControlDiagnosticsUpdate,
  recordControlPointCheckUpdate,
  recordDesiredImageUpdate,
  recordDiagnosticsUpdate,
  recordPortfolioEntryUpdate,
  recordReflectionUpdate,
  returnProposedRoadMapUpdate,
  recordRepeatedDiagnosticsUpdate,
  startReflectionUpdate,
  submitDraftUpdate,
} from '@mentorflow/workflows/route/route.messages';
import { CurrentUser, EndpointRoles } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import {
  AgreeRoadMapDto,
  ApproveProposedRoadMapDto,
  ConfirmActivityDoneDto,
  CorrectRoadMapDto,
  CreateRouteDto,
  DesiredImageDto,
  EnterDeficitLevelsDto,
  FixGoalDto,
  MarkActivityDoneDto,
  RecordControlDiagnosticsDto,
  RecordControlPointCheckDto,
  RecordDiagnosticsDto,
  RecordPortfolioEntryDto,
  RecordRepeatedDiagnosticsDto,
  ReflectionDto,
  ReturnProposedRoadMapDto,
  RoadMapDto,
  RouteCommentDto,
  RouteListQuery,
} from './route.dto';
import { RoutesService } from './routes.service';
import { ApiController, Command, Create, IdParam, Read } from '../common/endpoints';

// The domain decides who may act on a route by membership (actorId), not by the token's role claim.
const tutors: Role[] = ['tutor', 'administrator'];
const methodologists: Role[] = ['methodologist', 'administrator'];
const supervisors: Role[] = ['methodologist', 'tutor', 'administrator'];
/**
 * The route's teacher: the role «педагог» first; users granted before it existed act in whatever role they sign in
 * (the domain checks that the actor is the route's teacher).
 */
const teachers: Role[] = [
  'teacher',
  'mentee',
  'mentor',
  'methodologist',
  'tutor',
  'psychologist',
  'commissionHead',
  'curator',
  'director',
  'regionalCoordinator',
  'administrator',
];

@ApiController('routes')
export class RoutesController {
  constructor(private readonly routes: RoutesService) {}

  @Create(
    'organisations/:id/routes',
    tutors,
    'Создать ИОМ педагога и зарегистрировать его код в реестре (тьютор маршрута или администратор)',
    'organisation',
  )
  create(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() organisationId: string,
    @Body() body: CreateRouteDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.routes.create(user, organisationId, body, roles);
  }

  @Read(
    'routes',
    roles,
    'ИОМ: свои и (для сотрудников) своих организаций; поиск по коду реестра, организации, педагогу',
  )
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: RouteListQuery) {
    return this.routes.list(user, query);
  }

  @Read('routes/:id', roles, 'ИОМ: титульный лист, диагностика, дорожная карта, портфолио, задачи', 'route')
  get(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string) {
    return this.routes.get(user, id);
  }

  @Read('routes/:id/history', roles, 'История ИОМ: все события по порядку', 'route')
  history(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string) {
    return this.routes.history(user, id);
  }

  @Command('routes/:id/fix-goal', tutors, 'Зафиксировать цель и задачи ИОМ (тьютор)', 'route')
  fixGoal(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: FixGoalDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.routes.command(user, id, fixGoalUpdate, { ...body }, roles);
  }

  @Command(
    'routes/:id/record-diagnostics',
    tutors,
    'Записать результаты входной диагностики (тьютор): методисту ставится задача — проект ИОМ за 10 рабочих дней',
    'route',
  )
  recordDiagnostics(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: RecordDiagnosticsDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    const { results, ...rest } = body;
    return this.routes.command(
      user,
      id,
      recordDiagnosticsUpdate,
      { ...rest, results: results.map((r) => ({ ...r })) },
      roles,
    );
  }

  @Command(
    'routes/:id/enter-deficit-levels',
    supervisors,
    'Указать уровень дефицита (высокий, средний, минимальный) по компетенциям диагностики (методист или тьютор маршрута)',
    'route',
  )
  enterDeficitLevels(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: EnterDeficitLevelsDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.routes.command(
      user,
      id,
      enterDeficitLevelsUpdate,
      { diagnosticsId: body.diagnosticsId, levels: plain(body.levels) },
      roles,
    );
  }

  @Command('routes/:id/submit-draft', methodologists, 'Передать проект ИОМ тьютору (методист маршрута)', 'route')
  submitDraft(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: RoadMapDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.routes.command(user, id, submitDraftUpdate, { rows: plain(body.rows) }, roles);
  }

  @Command(
    'routes/:id/propose-own-road-map',
    teachers,
    'Предложить собственную дорожную карту (педагог маршрута)',
    'route',
  )
  proposeOwnRoadMap(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: RoadMapDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.routes.command(user, id, proposeOwnRoadMapUpdate, { rows: plain(body.rows) }, roles);
  }

  @Command(
    'routes/:id/approve-proposed-road-map',
    tutors,
    'Согласовать дорожную карту, предложенную педагогом, и контрольные точки (тьютор)',
    'route',
  )
  approveProposedRoadMap(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: ApproveProposedRoadMapDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.routes.command(
      user,
      id,
      approveProposedRoadMapUpdate,
      { controlPoints: plain(body.controlPoints) },
      roles,
    );
  }

  @Command(
    'routes/:id/return-proposed-road-map',
    tutors,
    'Вернуть педагогу предложенную ею дорожную карту на доработку с комментарием (тьютор)',
    'route',
  )
  returnProposedRoadMap(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: ReturnProposedRoadMapDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.routes.command(user, id, returnProposedRoadMapUpdate, { comment: body.comment }, roles);
  }

  @Command(
    'routes/:id/agree-road-map',
    tutors,
    'Согласовать проект методиста (с доработкой или без) и контрольные точки: начало реализации (тьютор)',
    'route',
  )
  agreeRoadMap(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: AgreeRoadMapDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    const data = {
      controlPoints: plain(body.controlPoints),
      ...(body.rows === undefined ? {} : { rows: plain(body.rows) }),
    };
    return this.routes.command(user, id, agreeRoadMapUpdate, data, roles);
  }

  @Command('routes/:id/record-portfolio-entry', teachers, 'Добавить результат в портфолио (педагог маршрута)', 'route')
  recordPortfolioEntry(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: RecordPortfolioEntryDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.routes.command(user, id, recordPortfolioEntryUpdate, { ...body }, roles);
  }

  @Command(
    'routes/:id/mark-activity-done',
    teachers,
    'Отметить выполнение мероприятия дорожной карты с результатом (педагог маршрута); тьютор подтверждает',
    'route',
  )
  markActivityDone(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: MarkActivityDoneDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.routes.command(user, id, markActivityDoneUpdate, { ...body }, roles);
  }

  @Command(
    'routes/:id/confirm-activity-done',
    tutors,
    'Подтвердить отметку педагога о выполнении мероприятия дорожной карты (тьютор)',
    'route',
  )
  confirmActivityDone(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: ConfirmActivityDoneDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.routes.command(user, id, confirmActivityDoneUpdate, { rowId: body.rowId }, roles);
  }

  @Command(
    'routes/:id/record-control-point-check',
    tutors,
    'Записать ежемесячную проверку контрольных точек (тьютор): по каждой точке месяца — пройдена, не пройдена или перенесена',
    'route',
  )
  recordControlPointCheck(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: RecordControlPointCheckDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.routes.command(
      user,
      id,
      recordControlPointCheckUpdate,
      { month: body.month, outcomes: plain(body.outcomes) },
      roles,
    );
  }

  @Command(
    'routes/:id/correct-road-map',
    tutors,
    'Скорректировать дорожную карту в ходе реализации, с причиной (тьютор)',
    'route',
  )
  correctRoadMap(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: CorrectRoadMapDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.routes.command(
      user,
      id,
      correctRoadMapUpdate,
      { reason: body.reason, rows: plain(body.rows) },
      roles,
      body.reason,
    );
  }

  @Command(
    'routes/:id/start-reflection',
    tutors,
    'Перейти к рефлексивному этапу: тьютору ставится задача контрольной диагностики',
    'route',
  )
  startReflection(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: RouteCommentDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.routes.command(user, id, startReflectionUpdate, {}, roles, body.comment);
  }

  @Command(
    'routes/:id/record-control-diagnostics',
    tutors,
    'Записать результаты контрольной диагностики: динамика по каждой области (тьютор)',
    'route',
  )
  recordControlDiagnostics(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: RecordControlDiagnosticsDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    const { results, ...rest } = body;
    return this.routes.command(
      user,
      id,
      recordControlDiagnosticsUpdate,
      { ...rest, results: results.map((r) => ({ ...r })) },
      roles,
    );
  }

  @Command(
    'routes/:id/record-repeated-diagnostics',
    tutors,
    'Записать результаты повторной диагностики (тьютор): закрывает задачу «Провести повторную диагностику»; можно назначить дату следующей',
    'route',
  )
  recordRepeatedDiagnostics(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: RecordRepeatedDiagnosticsDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    const { results, ...rest } = body;
    return this.routes.command(
      user,
      id,
      recordRepeatedDiagnosticsUpdate,
      { ...rest, results: results.map((r) => ({ ...r })) },
      roles,
    );
  }

  @Command(
    'routes/:id/record-desired-image',
    teachers,
    'Описать желаемый образ себя как профессионала: самоопределение (педагог маршрута)',
    'route',
  )
  recordDesiredImage(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: DesiredImageDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.routes.command(user, id, recordDesiredImageUpdate, { desiredImage: body.desiredImage }, roles);
  }

  @Command(
    'routes/:id/record-reflection',
    teachers,
    'Рефлексивный анализ по каждому дефициту: что изменилось, подтверждения, приближение к желаемому образу (педагог)',
    'route',
  )
  recordReflection(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: ReflectionDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.routes.command(user, id, recordReflectionUpdate, { entries: plain(body.entries) }, roles);
  }

  @Command('routes/:id/agree-reflection', tutors, 'Согласовать рефлексивный анализ педагога (тьютор)', 'route')
  agreeReflection(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: RouteCommentDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.routes.command(user, id, agreeReflectionUpdate, {}, roles, body.comment);
  }

  @Command('routes/:id/complete', tutors, 'Завершить ИОМ после контрольной диагностики (тьютор)', 'route')
  complete(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: RouteCommentDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.routes.command(user, id, completeRouteUpdate, {}, roles, body.comment);
  }
}

/** Class instances from the validation pipe become plain objects before they travel to Temporal. */
const plain = <T extends object>(items: readonly T[]): T[] => items.map((item) => ({ ...item }));

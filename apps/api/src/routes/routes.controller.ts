import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { roles, type Role } from '@mentorflow/domain';
import {
  agreeReflectionUpdate,
  agreeRoadMapUpdate,
  approveProposedRoadMapUpdate,
  completeRouteUpdate,
  correctRoadMapUpdate,
  enterDeficitLevelsUpdate,
  fixGoalUpdate,
  proposeOwnRoadMapUpdate,
  recordControlDiagnosticsUpdate,
  recordControlPointCheckUpdate,
  recordDesiredImageUpdate,
  recordDiagnosticsUpdate,
  recordPortfolioEntryUpdate,
  recordReflectionUpdate,
  startReflectionUpdate,
  submitDraftUpdate,
} from '@mentorflow/workflows/route/route.messages';
import { CurrentUser, Roles, Scope } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { UuidParam } from '../common/id-param';
import {
  AgreeRoadMapDto,
  ApproveProposedRoadMapDto,
  CorrectRoadMapDto,
  CreateRouteDto,
  DesiredImageDto,
  EnterDeficitLevelsDto,
  FixGoalDto,
  RecordControlDiagnosticsDto,
  RecordControlPointCheckDto,
  RecordDiagnosticsDto,
  RecordPortfolioEntryDto,
  ReflectionDto,
  RoadMapDto,
  RouteCommentDto,
  RouteListQuery,
} from './route.dto';
import { RoutesService } from './routes.service';

// The domain decides who may act on a route by membership (actorId), not by the token's role claim.
const tutors: Role[] = ['tutor', 'administrator'];
const methodologists: Role[] = ['methodologist', 'administrator'];
const supervisors: Role[] = ['methodologist', 'tutor', 'administrator'];
/** The teacher has no role of their own: whoever the route names as its teacher, in whatever role they sign in. */
const teachers: Role[] = [
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

@ApiTags('routes')
@ApiBearerAuth()
@Controller()
export class RoutesController {
  constructor(private readonly routes: RoutesService) {}

  @Scope('organisation')
  @Post('organisations/:id/routes')
  @Roles(...tutors)
  @ApiOperation({
    summary: 'Создать ИОМ педагога и зарегистрировать его код в реестре (тьютор маршрута или администратор)',
  })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) organisationId: string,
    @Body() body: CreateRouteDto,
  ) {
    return this.routes.create(user, organisationId, body, tutors);
  }

  @Get('routes')
  @Roles(...roles)
  @ApiOperation({
    summary: 'ИОМ: свои и (для сотрудников) своих организаций; поиск по коду реестра, организации, педагогу',
  })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: RouteListQuery) {
    return this.routes.list(user, query);
  }

  @Scope('route')
  @Get('routes/:id')
  @Roles(...roles)
  @ApiOperation({ summary: 'ИОМ: титульный лист, диагностика, дорожная карта, портфолио, задачи' })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam()) id: string) {
    return this.routes.get(user, id);
  }

  @Scope('route')
  @Get('routes/:id/history')
  @Roles(...roles)
  @ApiOperation({ summary: 'История ИОМ: все события по порядку' })
  history(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam()) id: string) {
    return this.routes.history(user, id);
  }

  @Scope('route')
  @Post('routes/:id/fix-goal')
  @HttpCode(200)
  @Roles(...tutors)
  @ApiOperation({ summary: 'Зафиксировать цель и задачи ИОМ (тьютор)' })
  fixGoal(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam()) id: string, @Body() body: FixGoalDto) {
    return this.routes.command(user, id, fixGoalUpdate, { ...body }, tutors);
  }

  @Scope('route')
  @Post('routes/:id/record-diagnostics')
  @HttpCode(200)
  @Roles(...tutors)
  @ApiOperation({
    summary:
      'Записать результаты входной диагностики (тьютор): методисту ставится задача — проект ИОМ за 10 рабочих дней',
  })
  recordDiagnostics(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: RecordDiagnosticsDto,
  ) {
    const { results, ...rest } = body;
    return this.routes.command(
      user,
      id,
      recordDiagnosticsUpdate,
      { ...rest, results: results.map((r) => ({ ...r })) },
      tutors,
    );
  }

  @Scope('route')
  @Post('routes/:id/enter-deficit-levels')
  @HttpCode(200)
  @Roles(...supervisors)
  @ApiOperation({
    summary:
      'Указать уровень дефицита (высокий, средний, минимальный) по компетенциям диагностики (методист или тьютор маршрута)',
  })
  enterDeficitLevels(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: EnterDeficitLevelsDto,
  ) {
    return this.routes.command(
      user,
      id,
      enterDeficitLevelsUpdate,
      { diagnosticsId: body.diagnosticsId, levels: plain(body.levels) },
      supervisors,
    );
  }

  @Scope('route')
  @Post('routes/:id/submit-draft')
  @HttpCode(200)
  @Roles(...methodologists)
  @ApiOperation({ summary: 'Передать проект ИОМ тьютору (методист маршрута)' })
  submitDraft(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam()) id: string, @Body() body: RoadMapDto) {
    return this.routes.command(user, id, submitDraftUpdate, { rows: plain(body.rows) }, methodologists);
  }

  @Scope('route')
  @Post('routes/:id/propose-own-road-map')
  @HttpCode(200)
  @Roles(...teachers)
  @ApiOperation({ summary: 'Предложить собственную дорожную карту (педагог маршрута)' })
  proposeOwnRoadMap(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: RoadMapDto,
  ) {
    return this.routes.command(user, id, proposeOwnRoadMapUpdate, { rows: plain(body.rows) }, teachers);
  }

  @Scope('route')
  @Post('routes/:id/approve-proposed-road-map')
  @HttpCode(200)
  @Roles(...tutors)
  @ApiOperation({ summary: 'Согласовать дорожную карту, предложенную педагогом, и контрольные точки (тьютор)' })
  approveProposedRoadMap(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: ApproveProposedRoadMapDto,
  ) {
    return this.routes.command(
      user,
      id,
      approveProposedRoadMapUpdate,
      { controlPoints: plain(body.controlPoints) },
      tutors,
    );
  }

  @Scope('route')
  @Post('routes/:id/agree-road-map')
  @HttpCode(200)
  @Roles(...tutors)
  @ApiOperation({
    summary: 'Согласовать проект методиста (с доработкой или без) и контрольные точки: начало реализации (тьютор)',
  })
  agreeRoadMap(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: AgreeRoadMapDto,
  ) {
    const data = {
      controlPoints: plain(body.controlPoints),
      ...(body.rows === undefined ? {} : { rows: plain(body.rows) }),
    };
    return this.routes.command(user, id, agreeRoadMapUpdate, data, tutors);
  }

  @Scope('route')
  @Post('routes/:id/record-portfolio-entry')
  @HttpCode(200)
  @Roles(...teachers)
  @ApiOperation({ summary: 'Добавить результат в портфолио (педагог маршрута)' })
  recordPortfolioEntry(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: RecordPortfolioEntryDto,
  ) {
    return this.routes.command(user, id, recordPortfolioEntryUpdate, { ...body }, teachers);
  }

  @Scope('route')
  @Post('routes/:id/record-control-point-check')
  @HttpCode(200)
  @Roles(...tutors)
  @ApiOperation({
    summary:
      'Записать ежемесячную проверку контрольных точек (тьютор): по каждой точке месяца — пройдена, не пройдена или перенесена',
  })
  recordControlPointCheck(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: RecordControlPointCheckDto,
  ) {
    return this.routes.command(
      user,
      id,
      recordControlPointCheckUpdate,
      { month: body.month, outcomes: plain(body.outcomes) },
      tutors,
    );
  }

  @Scope('route')
  @Post('routes/:id/correct-road-map')
  @HttpCode(200)
  @Roles(...tutors)
  @ApiOperation({ summary: 'Скорректировать дорожную карту в ходе реализации, с причиной (тьютор)' })
  correctRoadMap(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: CorrectRoadMapDto,
  ) {
    return this.routes.command(
      user,
      id,
      correctRoadMapUpdate,
      { reason: body.reason, rows: plain(body.rows) },
      tutors,
      body.reason,
    );
  }

  @Scope('route')
  @Post('routes/:id/start-reflection')
  @HttpCode(200)
  @Roles(...tutors)
  @ApiOperation({ summary: 'Перейти к рефлексивному этапу: тьютору ставится задача контрольной диагностики' })
  startReflection(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: RouteCommentDto,
  ) {
    return this.routes.command(user, id, startReflectionUpdate, {}, tutors, body.comment);
  }

  @Scope('route')
  @Post('routes/:id/record-control-diagnostics')
  @HttpCode(200)
  @Roles(...tutors)
  @ApiOperation({ summary: 'Записать результаты контрольной диагностики: динамика по каждой области (тьютор)' })
  recordControlDiagnostics(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: RecordControlDiagnosticsDto,
  ) {
    const { results, ...rest } = body;
    return this.routes.command(
      user,
      id,
      recordControlDiagnosticsUpdate,
      { ...rest, results: results.map((r) => ({ ...r })) },
      tutors,
    );
  }

  @Scope('route')
  @Post('routes/:id/record-desired-image')
  @HttpCode(200)
  @Roles(...teachers)
  @ApiOperation({ summary: 'Описать желаемый образ себя как профессионала: самоопределение (педагог маршрута)' })
  recordDesiredImage(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: DesiredImageDto,
  ) {
    return this.routes.command(user, id, recordDesiredImageUpdate, { desiredImage: body.desiredImage }, teachers);
  }

  @Scope('route')
  @Post('routes/:id/record-reflection')
  @HttpCode(200)
  @Roles(...teachers)
  @ApiOperation({
    summary:
      'Рефлексивный анализ по каждому дефициту: что изменилось, подтверждения, приближение к желаемому образу (педагог)',
  })
  recordReflection(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: ReflectionDto,
  ) {
    return this.routes.command(user, id, recordReflectionUpdate, { entries: plain(body.entries) }, teachers);
  }

  @Scope('route')
  @Post('routes/:id/agree-reflection')
  @HttpCode(200)
  @Roles(...tutors)
  @ApiOperation({ summary: 'Согласовать рефлексивный анализ педагога (тьютор)' })
  agreeReflection(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: RouteCommentDto,
  ) {
    return this.routes.command(user, id, agreeReflectionUpdate, {}, tutors, body.comment);
  }

  @Scope('route')
  @Post('routes/:id/complete')
  @HttpCode(200)
  @Roles(...tutors)
  @ApiOperation({ summary: 'Завершить ИОМ после контрольной диагностики (тьютор)' })
  complete(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: RouteCommentDto,
  ) {
    return this.routes.command(user, id, completeRouteUpdate, {}, tutors, body.comment);
  }
}

/** Class instances from the validation pipe become plain objects before they travel to Temporal. */
const plain = <T extends object>(items: readonly T[]): T[] => items.map((item) => ({ ...item }));

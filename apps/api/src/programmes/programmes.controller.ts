import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Role } from '@mentorflow/domain';
import {
  advanceStageUpdate,
  appointCuratorUpdate,
  planStageDatesUpdate,
  recordDocumentUpdate,
  returnToStageUpdate,
} from '@mentorflow/workflows/programme/programme.messages';
import { CurrentUser, Roles, Scope } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { UuidField } from '../common/fields';
import { UuidParam } from '../common/id-param';
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

const readers: Role[] = ['curator', 'director', 'administrator', 'commissionHead', 'regionalCoordinator'];
const curators: Role[] = ['curator', 'administrator'];
const directors: Role[] = ['director', 'administrator'];
const recorders: Role[] = ['director', 'curator', 'administrator'];

class ProgrammeListQuery extends PaginationQuery {
  @UuidField({ optional: true })
  organisationId?: string;
}

@ApiTags('programmes')
@ApiBearerAuth()
@Controller()
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Scope('organisation')
  @Post('organisations/:id/programmes')
  @Roles(...directors)
  @ApiOperation({ summary: 'Начать программу наставничества организации (подготовительный этап)' })
  start(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) organisationId: string,
    @Body() body: StartProgrammeDto,
  ) {
    return this.programmes.start(user, organisationId, body.title, directors);
  }

  @Get('programmes')
  @Roles(...readers)
  @ApiOperation({ summary: 'Программы наставничества' })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ProgrammeListQuery) {
    return this.programmes.list(user, query.organisationId, query.limit, query.offset);
  }

  @Scope('programme')
  @Get('programmes/:id')
  @Roles(...readers)
  @ApiOperation({ summary: 'Программа: этап, документы и чек-лист условий перехода к следующему этапу' })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam()) id: string) {
    return this.programmes.get(user, id);
  }

  @Scope('programme')
  @Get('programmes/:id/history')
  @Roles('administrator', 'curator', 'director')
  @ApiOperation({ summary: 'История программы: все события по порядку' })
  history(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam()) id: string) {
    return this.programmes.history(user, id);
  }

  @Scope('programme')
  @Post('programmes/:id/documents')
  @HttpCode(200)
  @Roles(...recorders)
  @ApiOperation({ summary: 'Зарегистрировать документ (приказ, акт, дорожную карту, отчёт…)' })
  recordDocument(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: RecordDocumentDto,
  ) {
    return this.programmes.command(user, id, recordDocumentUpdate, { ...body }, recorders);
  }

  @Scope('programme')
  @Post('programmes/:id/curator')
  @HttpCode(200)
  @Roles(...directors)
  @ApiOperation({ summary: 'Назначить куратора программы' })
  appointCurator(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: AppointCuratorDto,
  ) {
    return this.programmes.command(user, id, appointCuratorUpdate, { ...body }, directors);
  }

  @Scope('programme')
  @Post('programmes/:id/advance')
  @HttpCode(200)
  @Roles(...curators)
  @ApiOperation({ summary: 'Перейти к следующему этапу; отказ перечисляет невыполненные условия (422)' })
  advance(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam()) id: string, @Body() body: AdvanceStageDto) {
    return this.programmes.command(user, id, advanceStageUpdate, { ...body }, curators);
  }

  @Scope('programme')
  @Post('programmes/:id/return')
  @HttpCode(200)
  @Roles(...curators)
  @ApiOperation({ summary: 'Вернуться к более раннему этапу (с обязательной причиной)' })
  returnToStage(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: ReturnToStageDto,
  ) {
    return this.programmes.command(user, id, returnToStageUpdate, { ...body }, curators, body.reason);
  }

  @Scope('programme')
  @Post('programmes/:id/stage-plans')
  @HttpCode(200)
  @Roles(...curators)
  @ApiOperation({ summary: 'Плановая дата окончания этапа (напоминание и фиксация просрочки)' })
  planStage(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: PlanStageDatesDto,
  ) {
    return this.programmes.command(user, id, planStageDatesUpdate, { ...body }, curators);
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Role } from '@mentorflow/domain';
import {
  approvePersonalProgrammeUpdate,
  assignMenteeTaskUpdate,
  completeFinalControlUpdate,
  decideProgrammeCorrectionUpdate,
  giveTerminationNoticeUpdate,
  passInterimControlUpdate,
  proposeProgrammeCorrectionUpdate,
  recordDiaryEntryUpdate,
  recordMenteeReportUpdate,
  submitMentorFinalReportUpdate,
  terminatePairUpdate,
} from '@mentorflow/workflows/pair/pair.messages';
import { CurrentUser, Roles, Scope, Unscoped } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { UuidParam } from '../common/id-param';
import { PaginationQuery } from '../common/pagination.dto';
import {
  EntryDto,
  FinalControlDto,
  FormPairDto,
  HistoryQuery,
  InterimControlDto,
  MenteeAssignmentDto,
  MentorReportDto,
  PairListQuery,
  PersonalProgrammeDto,
  ProgrammeCorrectionDecisionDto,
  ProgrammeCorrectionDto,
  ReplaceMentorDto,
  TerminatePairDto,
  TerminationNoticeDto,
} from './pair.dto';
import { auditCsv, PairsService } from './pairs.service';

const formers: Role[] = ['director', 'curator', 'administrator'];
const directors: Role[] = ['director', 'administrator'];
const controllers: Role[] = ['commissionHead', 'curator', 'administrator'];
const auditors: Role[] = ['administrator', 'curator'];
const staff: Role[] = ['curator', 'director', 'commissionHead', 'administrator', 'psychologist', 'mentor', 'mentee'];

@ApiTags('pairs')
@ApiBearerAuth()
@Controller()
export class PairsController {
  constructor(private readonly pairs: PairsService) {}

  @Scope('programme')
  @Post('programmes/:id/pairs')
  @Roles(...formers)
  @ApiOperation({ summary: 'Сформировать пару/группу (согласия, приказ, срок; проверка загрузки наставника)' })
  form(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) programmeId: string,
    @Body() body: FormPairDto,
  ) {
    return this.pairs.form(user, programmeId, body, formers);
  }

  @Get('pairs')
  @Roles(...staff)
  @ApiOperation({ summary: 'Пары и группы: фильтры по программе, статусу, наставнику, форме' })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: PairListQuery) {
    return this.pairs.list(user, query);
  }

  @Scope('pair')
  @Get('pairs/:id')
  @Roles(...staff)
  @ApiOperation({ summary: 'Пара/группа' })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam()) id: string) {
    return this.pairs.get(user, id);
  }

  @Unscoped()
  @Get('mentors/:personId/load')
  @Roles('curator', 'director', 'commissionHead', 'administrator')
  @ApiOperation({ summary: 'Загрузка наставника: сколько наставляемых сейчас' })
  load(@CurrentUser() user: AuthenticatedUser, @Param('personId', UuidParam()) personId: string) {
    return this.pairs.mentorLoad(user, personId);
  }

  @Scope('pair')
  @Post('pairs/:id/personal-programme')
  @HttpCode(200)
  @Roles(...controllers, 'director')
  @ApiOperation({ summary: 'Утвердить персонализированную программу наставничества (пара становится активной)' })
  approve(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: PersonalProgrammeDto,
  ) {
    return this.pairs.command(user, id, approvePersonalProgrammeUpdate, { ...body }, [...controllers, 'director']);
  }

  @Scope('pair')
  @Post('pairs/:id/diary')
  @HttpCode(200)
  @Roles('mentor')
  @ApiOperation({ summary: 'Запись в дневнике наставника' })
  diary(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam()) id: string, @Body() body: EntryDto) {
    return this.pairs.command(user, id, recordDiaryEntryUpdate, { ...body }, ['mentor']);
  }

  @Scope('pair')
  @Post('pairs/:id/reports')
  @HttpCode(200)
  @Roles('mentee')
  @ApiOperation({ summary: 'Отчёт наставляемого' })
  report(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam()) id: string, @Body() body: EntryDto) {
    return this.pairs.command(user, id, recordMenteeReportUpdate, { ...body }, ['mentee']);
  }

  @Scope('pair')
  @Post('pairs/:id/interim-control')
  @HttpCode(200)
  @Roles(...controllers)
  @ApiOperation({ summary: 'Промежуточный контроль' })
  interim(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: InterimControlDto,
  ) {
    return this.pairs.command(user, id, passInterimControlUpdate, { ...body }, controllers);
  }

  @Scope('pair')
  @Post('pairs/:id/personal-programme/corrections')
  @HttpCode(200)
  @Roles('mentor')
  @ApiOperation({ summary: 'Предложить корректировку персонализированной программы (наставник, с причиной)' })
  proposeCorrection(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: ProgrammeCorrectionDto,
  ) {
    return this.pairs.command(
      user,
      id,
      proposeProgrammeCorrectionUpdate,
      { ...body, correctionId: randomUUID() },
      ['mentor'],
      body.reason,
    );
  }

  @Scope('pair')
  @Post('pairs/:id/personal-programme/corrections/decision')
  @HttpCode(200)
  @Roles(...controllers)
  @ApiOperation({
    summary: 'Утвердить или вернуть корректировку программы; при переносе окончания — новые сроки контроля',
  })
  decideCorrection(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: ProgrammeCorrectionDecisionDto,
  ) {
    return this.pairs.command(user, id, decideProgrammeCorrectionUpdate, { ...body }, controllers);
  }

  @Scope('pair')
  @Get('pairs/:id/personal-programme/versions')
  @Roles(...staff)
  @ApiOperation({ summary: 'Версии персонализированной программы и предложенная корректировка' })
  versions(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam()) id: string) {
    return this.pairs.programmeVersions(user, id);
  }

  @Scope('pair')
  @Post('pairs/:id/assignments')
  @HttpCode(200)
  @Roles('mentor')
  @ApiOperation({ summary: 'Задание наставляемому со сроком (наставник); выполняется из списка задач наставляемого' })
  assign(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: MenteeAssignmentDto,
  ) {
    return this.pairs.command(user, id, assignMenteeTaskUpdate, { ...body }, ['mentor']);
  }

  @Scope('pair')
  @Get('pairs/:id/progress')
  @Roles(...staff)
  @ApiOperation({ summary: 'Задания наставника и ход мероприятий программы: выполнено / просрочено' })
  progress(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam()) id: string) {
    return this.pairs.progress(user, id);
  }

  @Scope('pair')
  @Post('pairs/:id/termination-notice')
  @HttpCode(200)
  @Roles('mentor', 'mentee')
  @ApiOperation({
    summary: 'Письменное заявление о досрочном прекращении (не менее чем за 3 рабочих дня, ст. 351.8 ТК РФ)',
  })
  notice(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: TerminationNoticeDto,
  ) {
    return this.pairs.command(user, id, giveTerminationNoticeUpdate, { ...body }, ['mentor', 'mentee']);
  }

  @Scope('pair')
  @Post('pairs/:id/mentor-report')
  @HttpCode(200)
  @Roles('mentor')
  @ApiOperation({ summary: 'Отчёт наставника по итогам наставничества с заключением об адаптации' })
  mentorReport(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: MentorReportDto,
  ) {
    return this.pairs.command(user, id, submitMentorFinalReportUpdate, { ...body }, ['mentor']);
  }

  @Scope('pair')
  @Post('pairs/:id/final-control')
  @HttpCode(200)
  @Roles(...controllers)
  @ApiOperation({ summary: 'Итоговый контроль; пара завершается' })
  finalControl(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: FinalControlDto,
  ) {
    return this.pairs.command(user, id, completeFinalControlUpdate, { ...body }, controllers);
  }

  @Scope('pair')
  @Post('pairs/:id/replace-mentor')
  @HttpCode(202)
  @Roles(...directors)
  @ApiOperation({
    summary:
      'Замена наставника по приказу (увольнение, перевод, дисциплинарная ответственность, психологическая несовместимость)',
  })
  replace(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: ReplaceMentorDto,
  ) {
    return this.pairs.replaceMentor(user, id, body, directors);
  }

  @Scope('pair')
  @Post('pairs/:id/terminate')
  @HttpCode(200)
  @Roles(...directors)
  @ApiOperation({ summary: 'Досрочно прекратить наставничество (с причиной и приказом)' })
  terminate(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Body() body: TerminatePairDto,
  ) {
    return this.pairs.command(user, id, terminatePairUpdate, { ...body }, directors, body.reason);
  }

  @Scope('pair')
  @Get('pairs/:id/history')
  @Roles(...auditors)
  @ApiOperation({ summary: 'Аудит: вся история пары по порядку (JSON или CSV)' })
  async history(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) id: string,
    @Query() query: HistoryQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (query.format !== 'csv') {
      void reply.header('content-type', 'application/json; charset=utf-8');
      return this.pairs.historyJson(user, id);
    }
    const entries = await this.pairs.historyEntries(user, id);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="pair-${id}-history.csv"`);
    return auditCsv(entries);
  }

  @Scope('pair')
  @Get('pairs/:id/history/reads')
  @Roles('administrator')
  @ApiOperation({ summary: 'Кто и когда читал историю пары' })
  reads(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam()) id: string, @Query() page: PaginationQuery) {
    return this.pairs.auditReads(user, id, page);
  }

  @Scope('pair')
  @Get('pairs/:id/history/verify')
  @Roles(...auditors)
  @ApiOperation({ summary: 'Проверка целостности истории (цепочка хешей): первое нарушенное звено' })
  verify(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam()) id: string) {
    return this.pairs.verify(user, id);
  }
}

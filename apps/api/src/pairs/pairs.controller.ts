import { Body, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Role } from '@mentorflow/domain';
import {
  approvePersonalProgrammeUpdate,
  assignMenteeTaskUpdate,
  completeFinalControlUpdate,
  decideProgrammeCorrectionUpdate,
  decidePeriodicReportUpdate,
  giveTerminationNoticeUpdate,
  submitPeriodicReportUpdate,
  passInterimControlUpdate,
  proposeProgrammeCorrectionUpdate,
  recordDiaryEntryUpdate,
  recordMenteeReportUpdate,
  submitMentorFinalReportUpdate,
  terminatePairUpdate,
} from '@mentorflow/workflows/pair/pair.messages';
import { CurrentUser, EndpointRoles } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, Command, Create, IdParam, Read } from '../common/endpoints';
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
  PeriodicReportDecisionDto,
  PeriodicReportDto,
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
/** Whoever may read a pair (its documents too). */
export const pairReaders: Role[] = [
  'curator',
  'director',
  'commissionHead',
  'administrator',
  'psychologist',
  'mentor',
  'mentee',
];

@ApiController('pairs')
export class PairsController {
  constructor(private readonly pairs: PairsService) {}

  @Create(
    'programmes/:id/pairs',
    formers,
    'Сформировать пару/группу (согласия, приказ, срок; проверка загрузки наставника)',
    'programme',
  )
  form(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() programmeId: string,
    @Body() body: FormPairDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.pairs.form(user, programmeId, body, roles);
  }

  @Read('pairs', pairReaders, 'Пары и группы: фильтры по программе, статусу, наставнику, форме')
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: PairListQuery) {
    return this.pairs.list(user, query);
  }

  @Read('pairs/:id', pairReaders, 'Пара/группа', 'pair')
  get(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string) {
    return this.pairs.get(user, id);
  }

  @Read(
    'mentors/:personId/load',
    ['curator', 'director', 'commissionHead', 'administrator'],
    'Загрузка наставника: сколько наставляемых сейчас',
    'unscoped',
  )
  load(@CurrentUser() user: AuthenticatedUser, @IdParam('personId') personId: string) {
    return this.pairs.mentorLoad(user, personId);
  }

  @Command(
    'pairs/:id/personal-programme',
    [...controllers, 'director'],
    'Утвердить персонализированную программу наставничества (пара становится активной)',
    'pair',
  )
  approve(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: PersonalProgrammeDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.pairs.command(user, id, approvePersonalProgrammeUpdate, { ...body }, roles);
  }

  @Command('pairs/:id/diary', ['mentor'], 'Запись в дневнике наставника', 'pair')
  diary(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: EntryDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.pairs.command(user, id, recordDiaryEntryUpdate, { ...body }, roles);
  }

  @Read(
    'pairs/:id/entries',
    ['mentor', 'mentee', 'curator', 'commissionHead', 'director'],
    'Дневник наставника и отчёты наставляемого, новые сначала: наставнику и контролирующим все, наставляемому свои',
    'pair',
  )
  entries(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string, @Query() page: PaginationQuery) {
    return this.pairs.entries(user, id, page);
  }

  @Command('pairs/:id/reports', ['mentee'], 'Отчёт наставляемого', 'pair')
  report(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: EntryDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.pairs.command(user, id, recordMenteeReportUpdate, { ...body }, roles);
  }

  @Command('pairs/:id/interim-control', controllers, 'Промежуточный контроль', 'pair')
  interim(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: InterimControlDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.pairs.command(user, id, passInterimControlUpdate, { ...body }, roles);
  }

  @Command(
    'pairs/:id/personal-programme/corrections',
    ['mentor'],
    'Предложить корректировку персонализированной программы (наставник, с причиной); до утверждения — первую программу',
    'pair',
  )
  proposeCorrection(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: ProgrammeCorrectionDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.pairs.command(
      user,
      id,
      proposeProgrammeCorrectionUpdate,
      { ...body, correctionId: randomUUID() },
      roles,
      body.reason,
    );
  }

  @Command(
    'pairs/:id/personal-programme/corrections/decision',
    controllers,
    'Утвердить или вернуть корректировку программы (при переносе окончания — новые сроки контроля) или предложенную первую программу',
    'pair',
  )
  decideCorrection(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: ProgrammeCorrectionDecisionDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.pairs.command(user, id, decideProgrammeCorrectionUpdate, { ...body }, roles);
  }

  @Read(
    'pairs/:id/personal-programme/versions',
    pairReaders,
    'Версии персонализированной программы и предложенная корректировка',
    'pair',
  )
  versions(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string) {
    return this.pairs.programmeVersions(user, id);
  }

  @Command(
    'pairs/:id/assignments',
    ['mentor'],
    'Задание наставляемому со сроком (наставник); выполняется из списка задач наставляемого',
    'pair',
  )
  assign(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: MenteeAssignmentDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.pairs.command(user, id, assignMenteeTaskUpdate, { ...body }, roles);
  }

  @Command(
    'pairs/:id/periodic-reports',
    ['mentor', 'mentee'],
    'Периодический отчёт наставника или наставляемого (закрывает отчётную задачу)',
    'pair',
  )
  submitPeriodicReport(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: PeriodicReportDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.pairs.command(user, id, submitPeriodicReportUpdate, { ...body }, roles);
  }

  @Command(
    'pairs/:id/periodic-reports/decision',
    controllers,
    'Принять периодический отчёт или вернуть его с комментарием (задача автору — снова)',
    'pair',
  )
  decidePeriodicReport(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: PeriodicReportDecisionDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.pairs.command(user, id, decidePeriodicReportUpdate, { ...body }, roles);
  }

  @Read(
    'pairs/:id/periodic-reports',
    pairReaders,
    'Периодические отчёты: период, автор, срок, статус (представлен / принят / возвращён / просрочен)',
    'pair',
  )
  periodicReports(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string) {
    return this.pairs.periodicReports(user, id);
  }

  @Read(
    'pairs/:id/progress',
    pairReaders,
    'Задания наставника и ход мероприятий программы: выполнено / просрочено',
    'pair',
  )
  progress(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string) {
    return this.pairs.progress(user, id);
  }

  @Command(
    'pairs/:id/termination-notice',
    ['mentor', 'mentee'],
    'Письменное заявление о досрочном прекращении (не менее чем за 3 рабочих дня, ст. 351.8 ТК РФ)',
    'pair',
  )
  notice(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: TerminationNoticeDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.pairs.command(user, id, giveTerminationNoticeUpdate, { ...body }, roles);
  }

  @Command(
    'pairs/:id/mentor-report',
    ['mentor'],
    'Отчёт наставника по итогам наставничества с заключением об адаптации',
    'pair',
  )
  mentorReport(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: MentorReportDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.pairs.command(user, id, submitMentorFinalReportUpdate, { ...body }, roles);
  }

  @Command('pairs/:id/final-control', controllers, 'Итоговый контроль; пара завершается', 'pair')
  finalControl(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: FinalControlDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.pairs.command(user, id, completeFinalControlUpdate, { ...body }, roles);
  }

  @Command(
    'pairs/:id/replace-mentor',
    directors,
    'Замена наставника по приказу (увольнение, перевод, дисциплинарная ответственность, психологическая несовместимость)',
    'pair',
    202,
  )
  replace(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: ReplaceMentorDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.pairs.replaceMentor(user, id, body, roles);
  }

  @Command('pairs/:id/terminate', directors, 'Досрочно прекратить наставничество (с причиной и приказом)', 'pair')
  terminate(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: TerminatePairDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.pairs.command(user, id, terminatePairUpdate, { ...body }, roles, body.reason);
  }

  @Read('pairs/:id/history', auditors, 'Аудит: вся история пары по порядку (JSON или CSV)', 'pair')
  async history(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Query() query: HistoryQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (query.format !== 'csv') {
      void reply.header('content-type', 'application/json; charset=utf-8');
      return this.pairs.historyJson(user, id, query.reason?.trim() || undefined);
    }
    const entries = await this.pairs.historyEntries(user, id, query.reason?.trim() || undefined);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="pair-${id}-history.csv"`);
    return auditCsv(entries);
  }

  @Read('pairs/:id/history/reads', ['administrator'], 'Кто и когда читал историю пары', 'pair')
  reads(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string, @Query() page: PaginationQuery) {
    return this.pairs.auditReads(user, id, page);
  }

  @Read(
    'pairs/:id/history/verify',
    auditors,
    'Проверка целостности истории (цепочка хешей): первое нарушенное звено',
    'pair',
  )
  verify(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string) {
    return this.pairs.verify(user, id);
  }
}

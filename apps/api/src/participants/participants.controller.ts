import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { ParticipantState, Role } from '@mentorflow/domain';
import { actingRole } from '../auth/acting-role';
import { CurrentUser, Roles, Scope } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { UuidParam } from '../common/id-param';
import { PaginationQuery } from '../common/pagination.dto';
import { ProgrammesService } from '../programmes/programmes.service';
import { RecordCommissionMeetingDto, RegisterParticipantDto, WithdrawParticipantDto } from './participant.dto';
import { ParticipantsService } from './participants.service';

const selectors: Role[] = ['curator', 'commissionHead', 'director', 'administrator'];
/** 002 §4.4: the commission head chairs the review; the curator or an administrator records it too. */
const reviewers: Role[] = ['commissionHead', 'curator', 'administrator'];

/** Selection of mentors and mentees for a programme (the base of mentors and mentees the curator keeps). */
@ApiTags('participants')
@ApiBearerAuth()
@Scope('programme')
@Controller('programmes/:id')
export class ParticipantsController {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly programmes: ProgrammesService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Post('participants')
  @Roles(...selectors)
  @ApiOperation({ summary: 'Предложить кандидата в наставники или наставляемые (до решения комиссии)' })
  async register(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) programmeId: string,
    @Body() body: RegisterParticipantDto,
  ) {
    const programme = await this.programmes.loadForUser(user, programmeId);
    return this.participants.register(user, programmeId, body, actingRole(user, selectors, programme.organisationId));
  }

  @Get('participants')
  @Roles(...selectors)
  @ApiOperation({ summary: 'Кандидаты, наставники и наставляемые программы с решением комиссии' })
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) programmeId: string,
    @Query() page: PaginationQuery,
  ) {
    await this.programmes.loadForUser(user, programmeId);
    const rows = await this.db.query<{ state: ParticipantState }[]>(
      'SELECT state FROM participants_view WHERE programme_id = $1 ORDER BY role, updated_at LIMIT $2 OFFSET $3',
      [programmeId, page.limit, page.offset],
    );
    return rows.map((r) => r.state);
  }

  @Post('participants/:participantId/withdraw')
  @HttpCode(200)
  @Roles(...selectors)
  @ApiOperation({ summary: 'Исключить участника из программы (выбытие) с указанием причины' })
  async withdraw(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) programmeId: string,
    @Param('participantId', UuidParam()) participantId: string,
    @Body() body: WithdrawParticipantDto,
  ) {
    const programme = await this.programmes.loadForUser(user, programmeId);
    const role = actingRole(user, selectors, programme.organisationId);
    return this.participants.withdraw(user, programmeId, participantId, body.reason, role);
  }

  @Post('commission-meetings')
  @Roles(...reviewers)
  @ApiOperation({
    summary: 'Внести решения заседания методической комиссии (педагогического совета) по кандидатам',
  })
  async recordMeeting(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam()) programmeId: string,
    @Body() body: RecordCommissionMeetingDto,
  ) {
    const programme = await this.programmes.loadForUser(user, programmeId);
    const role = actingRole(user, reviewers, programme.organisationId);
    return this.participants.recordMeeting(user, programmeId, body, role);
  }
}

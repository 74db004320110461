import { Body, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RegisteredParticipant, Role } from '@mentorflow/domain';
import { actingRole } from '../auth/acting-role';
import { CurrentUser, EndpointRoles, Scope } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, Command, Create, IdParam, Read } from '../common/endpoints';
import { PeopleDirectory } from '../people/people.directory';
import { ProgrammesService } from '../programmes/programmes.service';
import {
  ParticipantListQuery,
  RecordCommissionMeetingDto,
  RegisterParticipantDto,
  WithdrawParticipantDto,
} from './participant.dto';
import { ParticipantsService } from './participants.service';

const selectors: Role[] = ['curator', 'commissionHead', 'director', 'administrator'];
/** 002 §4.4: the commission head chairs the review; the curator or an administrator records it too. */
const reviewers: Role[] = ['commissionHead', 'curator', 'administrator'];

/** Selection of mentors and mentees for a programme (the base of mentors and mentees the curator keeps). */
@ApiController('participants', 'programmes/:id')
@Scope('programme')
export class ParticipantsController {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly programmes: ProgrammesService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PeopleDirectory,
  ) {}

  @Create('participants', selectors, 'Предложить кандидата в наставники или наставляемые (до решения комиссии)')
  async register(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() programmeId: string,
    @Body() body: RegisterParticipantDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    const programme = await this.programmes.loadForUser(user, programmeId);
    return this.participants.register(user, programmeId, body, actingRole(user, roles, programme.organisationId));
  }

  @Read('participants', selectors, 'Кандидаты, наставники и наставляемые программы с решением комиссии')
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() programmeId: string,
    @Query() query: ParticipantListQuery,
  ) {
    await this.programmes.loadForUser(user, programmeId);
    const rows = await this.db.query<{ state: RegisteredParticipant }[]>(
      `SELECT state FROM participants_view WHERE programme_id = $1 AND ($4::text IS NULL OR role = $4::text)
       ORDER BY role, updated_at LIMIT $2 OFFSET $3`,
      [programmeId, query.limit, query.offset, query.role ?? null],
    );
    // One query for the page's names (the staff directory, else the account's name).
    const names = await this.people.names(rows.map((r) => r.state.personId));
    return rows.map((r) => {
      const name = names.get(r.state.personId);
      return name ? { ...r.state, name: name.fullName, hasConsent: name.hasConsent } : r.state;
    });
  }

  @Command(
    'participants/:participantId/withdraw',
    selectors,
    'Исключить участника из программы (выбытие) с указанием причины',
    undefined,
  )
  async withdraw(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() programmeId: string,
    @IdParam('participantId') participantId: string,
    @Body() body: WithdrawParticipantDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    const programme = await this.programmes.loadForUser(user, programmeId);
    const role = actingRole(user, roles, programme.organisationId);
    return this.participants.withdraw(user, programmeId, participantId, body.reason, role);
  }

  @Create(
    'commission-meetings',
    reviewers,
    'Внести решения заседания методической комиссии (педагогического совета) по кандидатам',
  )
  async recordMeeting(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() programmeId: string,
    @Body() body: RecordCommissionMeetingDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    const programme = await this.programmes.loadForUser(user, programmeId);
    const role = actingRole(user, roles, programme.organisationId);
    return this.participants.recordMeeting(user, programmeId, body, role);
  }
}
